import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AgentOptions } from '../../../src/model/agent';
import { AgentCoreProject } from '../../../src/projen/agentcore-project';
import { tempDir } from '../../helpers/tmp';

/** A synthesized project with one agent, in a fresh temp folder; returns the project folder. */
export function projectWithAgent(agent: AgentOptions, extra?: (p: AgentCoreProject) => void): string {
  const outdir = tempDir('agentcore-package-');
  const project = new AgentCoreProject({ name: 'PackTest', outdir });
  project.addAgent(agent);
  extra?.(project);
  project.synth();
  return outdir;
}

/** Replaces the dependency list of a generated pyproject.toml (read-only once synthesized). */
export function setDependencies(projectDir: string, agent: string, dependencies: string): void {
  const file = path.join(projectDir, 'app', agent, 'pyproject.toml');
  fs.chmodSync(file, 0o644);
  const text = fs.readFileSync(file, 'utf8').replace(/^dependencies = \[[^\]]*\]/m, `dependencies = ${dependencies}`);
  fs.writeFileSync(file, text);
}
