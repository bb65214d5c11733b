import type { ProjectConfig } from '../model/config';
import { renderAgents } from './agents/render-agent';
import { renderManagedServers } from './mcp/render-managed-server';
import { renderProjectConfig } from './project-config';
import type { RenderedFile, RenderOptions } from './rendered-file';

/** Everything synth writes for a resolved model: path → content and owner. Pure: no disk, no projen. */
export function renderProject(config: ProjectConfig, options: RenderOptions): RenderedFile[] {
  return [...renderProjectConfig(config), ...renderAgents(config, options), ...renderManagedServers(config, options)];
}
