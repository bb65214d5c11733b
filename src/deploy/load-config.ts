import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ProjectConfig, projectConfig } from '../model/config';
import { DeployError } from './errors';

/** Where synth writes the resolved config; deploy reads nothing else of the user's code. */
export const CONFIG_PATH = 'agentcore/agentcore.json';

export function loadConfig(projectDir: string): ProjectConfig {
  const file = path.join(projectDir, CONFIG_PATH);
  if (!fs.existsSync(file)) {
    throw new DeployError(`${CONFIG_PATH} was not found in ${projectDir}; run \`npx projen\` first to synthesize it`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DeployError(`${CONFIG_PATH} is not valid JSON (${(e as Error).message}); run \`npx projen\` to write it again`);
  }
  const parsed = projectConfig.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new DeployError(
      `${CONFIG_PATH} does not match this version of agentcore-projen (${first.path.join('.') || 'root'}: ${first.message}); run \`npx projen\` to write it again`,
    );
  }
  return parsed.data;
}
