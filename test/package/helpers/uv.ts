import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/**
 * The pinned uv of the Python tier (test/python/lib/uv.sh bootstraps it with pip on first use), and
 * the environment that script runs it in (never download a Python).
 */
export function pinnedUv(): string {
  const script = `source "${path.join(root, 'test/python/lib/uv.sh')}" >&2 && printf %s "$UV"`;
  process.env.UV_PYTHON_DOWNLOADS = 'never';
  return execFileSync('bash', ['-c', script], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}
