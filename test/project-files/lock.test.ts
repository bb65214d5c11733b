import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { acquireLock, LockHeldError } from '../../src/project-files/lock';
import { removeStaleLock, takeoverGuard } from '../../src/project-files/stale-lock';
import { tempDir } from '../helpers/tmp';
import { holdLock, kill, start, stopAll } from './helpers/processes';

// Locks name their owner by pid and by when that process started: a pid handed on to another
// process after the owner died keeps nobody out, and of several processes that find the same
// stale lock exactly one takes it over.

afterEach(stopAll);

function lockFile(): string {
  return path.join(tempDir('agentcore-lock-'), 'agentcore/.deploy/lock');
}

/** What holding the lock would throw (a LockHeldError), or undefined if the lock was free. */
function tryTake(file: string, command = 'deploy'): LockHeldError | undefined {
  try {
    acquireLock(file, command).release();
    return undefined;
  } catch (e) {
    if (e instanceof LockHeldError) return e;
    throw e;
  }
}

/** A lock left by a process killed while holding it. */
async function staleLock(file: string): Promise<void> {
  const holder = holdLock(file, 'deploy');
  expect(await holder.nextLine()).toBe(`held ${holder.child.pid}`);
  await kill(holder);
  expect(fs.existsSync(file)).toBe(true);
}

/** Makes the lock name `pid` as its owner, as if the system had handed the dead owner's pid on. */
function handPidOn(file: string, pid: number): void {
  const owner = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.writeFileSync(file, `${JSON.stringify({ ...owner, pid })}\n`);
}

/** Waits until `pid` runs `sleep` (spawn returns before the child has exec'd it). */
async function waitUntilRunning(pid: number): Promise<void> {
  while (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('sleep')) await new Promise((r) => setTimeout(r, 10));
}

describe('a project lock', () => {
  test('keeps others out while its owner runs, naming the owner', async () => {
    const file = lockFile();
    const holder = holdLock(file, 'deploy');
    expect(await holder.nextLine()).toBe(`held ${holder.child.pid}`);
    const refused = tryTake(file);
    expect(refused?.owner).toMatchObject({ pid: holder.child.pid, command: 'deploy' });
    await kill(holder);
    expect(tryTake(file)).toBeUndefined();
  });

  test('left by a killed owner whose pid now belongs to an unrelated running process, is taken over', async () => {
    const file = lockFile();
    await staleLock(file);
    const unrelated = start('sleep', ['600']);
    handPidOn(file, unrelated.child.pid!);
    expect(tryTake(file)).toBeUndefined();
    expect(fs.existsSync(file)).toBe(false);
    // The unrelated process was left alone.
    expect(unrelated.child.exitCode).toBeNull();
  });

  // Older locks are judged by the process start time that Linux reports in /proc.
  test.runIf(process.platform === 'linux')(
    'written by an older version (pid and time only) is taken over once its pid belongs to a process started after it',
    async () => {
      const file = lockFile();
      const unrelated = start('sleep', ['600']);
      await waitUntilRunning(unrelated.child.pid!);
      const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify({ pid: unrelated.child.pid, host: os.hostname(), command: 'deploy', startedAt: anHourAgo })}\n`);
      expect(tryTake(file)).toBeUndefined();
    },
  );

  test.runIf(process.platform === 'linux')('written by an older version keeps others out while the process that wrote it runs', async () => {
    const file = lockFile();
    const owner = start('sleep', ['600']);
    await waitUntilRunning(owner.child.pid!);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ pid: owner.child.pid, host: os.hostname(), command: 'deploy', startedAt: new Date().toISOString() })}\n`);
    expect(tryTake(file)?.owner.pid).toBe(owner.child.pid);
  });

  test('found stale by several processes at the same moment is taken over by exactly one of them', { timeout: 180_000 }, async () => {
    for (let round = 0; round < 5; round++) {
      const file = lockFile();
      await staleLock(file);
      const go = path.join(path.dirname(file), 'go');
      const racers = Array.from({ length: 6 }, () => holdLock(file, 'deploy', go));
      for (const r of racers) expect(await r.nextLine()).toBe('ready');
      fs.writeFileSync(go, '');
      const lines = await Promise.all(racers.map((r) => r.nextLine()));
      const winners = racers.filter((r, i) => lines[i] === `held ${r.child.pid}`);
      expect(winners, lines.join(', ')).toHaveLength(1);
      expect(lines.filter((l) => l.startsWith('busy '))).toHaveLength(5);
      const owner = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(owner.pid).toBe(winners[0]!.child.pid);
      await stopAll();
    }
  });

  test('a process that judged the lock stale after another took it over leaves the new lock alone', async () => {
    const file = lockFile();
    await staleLock(file);
    const staleText = fs.readFileSync(file, 'utf8');
    // Process A takes the stale lock over and holds it ...
    const a = holdLock(file, 'deploy');
    expect(await a.nextLine()).toBe(`held ${a.child.pid}`);
    // ... then process B, which had read the stale lock before, goes on to remove it.
    const record = path.join(path.dirname(file), 'b.owner');
    fs.writeFileSync(record, JSON.stringify({ pid: process.pid, host: 'here', command: 'deploy', startedAt: '', token: 'b' }));
    expect(removeStaleLock(file, staleText, record)).toEqual({ removed: false });
    expect(tryTake(file)?.owner.pid).toBe(a.child.pid);
  });

  test('a takeover left half done by a process killed during it does not block the lock for good', async () => {
    const file = lockFile();
    await staleLock(file);
    // A taker killed right after taking its guard leaves the guard behind, naming a dead process.
    const taker = holdLock(`${file}.guard-of-a-killed-taker`, 'deploy');
    expect(await taker.nextLine()).toMatch(/^held /);
    await kill(taker);
    fs.renameSync(`${file}.guard-of-a-killed-taker`, takeoverGuard(file, fs.readFileSync(file, 'utf8')));
    expect(tryTake(file)).toBeUndefined();
  });
});
