import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './tmp';

const REPO = path.resolve(__dirname, '..', '..');

/** Compiles the library and packs it as npm would publish it; returns the tarball path. */
export function packLibrary(): string {
  execFileSync('npx', ['tsc', '--build', 'tsconfig.json'], { cwd: REPO, stdio: 'pipe' });
  const dest = tempDir('agentcore-projen-pack-');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [{ filename }] = JSON.parse(out) as Array<{ filename: string }>;
  const tarball = path.join(dest, filename);
  if (!fs.existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);
  return tarball;
}

/** Runs a command in a folder and returns its output; throws with the output on failure. */
export function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; status?: number };
    throw new Error(`${cmd} ${args.join(' ')} exited ${err.status}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}
