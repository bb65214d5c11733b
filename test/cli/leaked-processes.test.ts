import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/project';

/** Whether a process runs: it exists and is not a zombie waiting for a parent that never reaps it. */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

describe.runIf(process.platform === 'linux')('the test suite', () => {
  it('fails, naming the process, when a process a test started outlives the tests, and ends it', () => {
    const vitest = path.join(REPO, 'node_modules', 'vitest', 'vitest.mjs');
    const r = spawnSync(process.execPath, [vitest, 'run', '--config', path.join(REPO, 'test/fixtures/leaky/vitest.config.mts')], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const output = `${r.stdout}${r.stderr}`;
    expect(output).toContain('1 passed');
    expect(r.status).toBe(1);
    const leak = /1 process started by the tests outlived them \(now killed\)[^\n]*\n {2}pid (\d+): sleep 300/.exec(output);
    expect(leak, output).not.toBeNull();
    expect(running(Number(leak![1]))).toBe(false);
  });
});
