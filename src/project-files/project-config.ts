import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ProjectConfig, projectConfig } from '../model/config';
import { UserError } from '../user-error';
import { CONFIG_PATH } from './paths';

/*
 * The one loader of `agentcore/agentcore.json`. Deploy, dev, the local gateway and the command
 * line all read the config through it, so a missing, broken or outdated file gets the same
 * message everywhere, with every problem listed.
 */

/** The config is missing, not JSON, or not what this version of the library writes. */
export class ProjectConfigError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectConfigError';
  }
}

/** Checks a resolved config (hand-edited files happen) and returns it typed, or throws naming every bad field. */
export function parseProjectConfig(data: unknown, source: string = CONFIG_PATH): ProjectConfig {
  const parsed = projectConfig.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
  throw new ProjectConfigError(
    `${source} is not a valid AgentCore config for this version of agentcore-projen; run \`npx projen\` to write it again:\n${problems}`,
  );
}

/** Reads a config file written by synth (`agentcore/agentcore.json`, or another one given by path). */
export function readProjectConfig(file: string): ProjectConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ProjectConfigError(`${file} was not found; run \`npx projen\` in the project folder to synthesize it`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ProjectConfigError(`${file} is not valid JSON (${(e as Error).message}); run \`npx projen\` to write it again`);
  }
  return parseProjectConfig(data, file);
}

/** The config of the project at `root`. */
export function loadProjectConfig(root: string): ProjectConfig {
  return readProjectConfig(path.join(root, CONFIG_PATH));
}

/** The config of the project at `root`, or undefined when it was never synthesized. */
export function loadProjectConfigIfPresent(root: string): ProjectConfig | undefined {
  return fs.existsSync(path.join(root, CONFIG_PATH)) ? loadProjectConfig(root) : undefined;
}
