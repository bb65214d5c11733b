import * as fs from 'node:fs';
import { projectConfig, type ProjectConfig } from '../model/config';

/** Where synth writes the resolved config, relative to the project root. */
export const CONFIG_FILE = 'agentcore/agentcore.json';

/** Checks a resolved config (hand-edited files happen) and returns it typed, or throws naming the fields. */
export function parseProjectConfig(data: unknown, source = 'the project config'): ProjectConfig {
  const parsed = projectConfig.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
  throw new Error(`${source} is not a valid AgentCore config; run \`npx projen\` to regenerate it:\n${problems}`);
}

/** Reads `agentcore/agentcore.json` (or another config file) written by synth. */
export function readProjectConfig(file: string): ProjectConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} not found; run \`npx projen\` in the project folder to synthesize it`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message}); run \`npx projen\` to regenerate it`);
  }
  return parseProjectConfig(data, file);
}
