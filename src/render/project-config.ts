import { type ProjectConfig, projectConfigJsonSchema } from '../model/config';
import { CONFIG_PATH, CONFIG_SCHEMA_PATH, CONFIG_SCHEMA_REF } from '../project-files/paths';
import type { RenderedFile } from './rendered-file';

export { CONFIG_PATH, CONFIG_SCHEMA_PATH };

/** The resolved config and its JSON Schema, as deploy, dev and editors read them. */
export function renderProjectConfig(config: ProjectConfig): RenderedFile[] {
  const withSchema: ProjectConfig = { $schema: CONFIG_SCHEMA_REF, ...config };
  return [
    { path: CONFIG_PATH, content: json(withSchema), owner: 'generated' },
    { path: CONFIG_SCHEMA_PATH, content: json(projectConfigJsonSchema()), owner: 'generated' },
  ];
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
