import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TargetOptions } from '../../../src/model/target';
import { AgentCoreProject } from '../../../src/projen/agentcore-project';
import { pinnedUv } from '../../package/helpers/uv';
import { tempDir } from '../../helpers/tmp';

const REPO = path.resolve(__dirname, '../../..');

/** The four host × language pairs, as targets of one gateway. */
export const MANAGED_TARGETS = [
  { type: 'mcp-server', name: 'lambda-ts', host: 'Lambda', language: 'TypeScript' },
  { type: 'mcp-server', name: 'lambda-py', host: 'Lambda', language: 'Python' },
  { type: 'mcp-server', name: 'runtime-py', host: 'AgentCoreRuntime', language: 'Python' },
  { type: 'mcp-server', name: 'runtime-ts', host: 'AgentCoreRuntime', language: 'TypeScript' },
] as const satisfies readonly TargetOptions[];

/**
 * A synthesized project whose gateway `tools` has the given managed targets, in a fresh temp folder.
 * Its `node_modules` is this repository's, as a user's project has agentcore-projen's dependencies
 * (`@modelcontextprotocol/sdk`, `zod`, `tsx`) installed. Python environments are made by the
 * Python tier's pinned uv (`$UV`), which installs from PyPI.
 */
export function synthManagedProject(targets: readonly TargetOptions[] = MANAGED_TARGETS): string {
  const dir = tempDir('agentcore-managed-');
  const project = new AgentCoreProject({ name: 'Managed', outdir: dir });
  const gateway = project.addGateway({ name: 'tools' });
  for (const t of targets) gateway.addTarget(t);
  project.synth();
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  process.env.UV ??= pinnedUv();
  return dir;
}

/** Processes (other than this one) whose working folder is inside `dir`: the servers a gateway started there. */
export function processesIn(dir: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue; // a zombie has already ended
      if (cwd === dir || cwd.startsWith(`${dir}${path.sep}`)) found.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}
