import type { ProjectConfig } from '../../../src/model/config';
import type { ProjectInput } from '../../../src/model/input';
import { resolveProject } from '../../../src/model/resolve';

/** Resolves a project model the way synth does (warnings about loopback URLs are expected). */
export function resolveConfig(root: string, input: Partial<ProjectInput> & Pick<ProjectInput, 'gateways'>): ProjectConfig {
  return resolveProject({ name: 'LocalGw', targets: [], credentials: [], agents: [], ...input }, { root }).config;
}
