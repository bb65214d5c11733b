import type { ProjectConfig } from '../model/config';
import { renderProjectConfig } from './project-config';
import type { RenderedFile, RenderOptions } from './rendered-file';

/** Everything synth writes for a resolved model: path → content and owner. Pure: no disk, no projen. */
export function renderProject(config: ProjectConfig, _options: RenderOptions): RenderedFile[] {
  return [...renderProjectConfig(config)];
}
