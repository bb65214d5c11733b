import { type ProjectConfig, projectConfigJsonSchema } from '../model/config';
import type { RenderedFile } from './rendered-file';

export const CONFIG_PATH = 'agentcore/agentcore.json';
export const CONFIG_SCHEMA_PATH = 'agentcore/agentcore.schema.json';

/** The resolved config and its JSON Schema, as deploy, dev and editors read them. */
export function renderProjectConfig(config: ProjectConfig): RenderedFile[] {
  const withSchema: ProjectConfig = { $schema: './agentcore.schema.json', ...config };
  return [
    { path: CONFIG_PATH, content: json(withSchema), owner: 'generated' },
    { path: CONFIG_SCHEMA_PATH, content: json(projectConfigJsonSchema()), owner: 'generated' },
  ];
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
