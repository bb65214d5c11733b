import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentOwner, describeOwner, isRunning, type LockOwner, parseOwner } from './lock-owner';
import { readText, removeStaleLock } from './stale-lock';

/*
 * A lock file per activity of a project folder (deploy, edits of .projenrc.ts). The file names
 * its owner and appears with its full text at once (a hard link to a file written beforehand),
 * so a reader never sees it half written. A lock whose owner no longer runs is stale and is
 * taken over (see stale-lock.ts for why that is safe when several processes find it at once).
 */

export { DEPLOY_LOCK, EDIT_LOCK } from './paths';

export interface ProjectLock {
  readonly owner: LockOwner;
  /** Gives the lock up; also done when the process exits. */
  release(): void;
}

/** The lock is held by a running process. */
export class LockHeldError extends Error {
  constructor(
    readonly file: string,
    readonly owner: LockOwner,
  ) {
    super(`${file} is held by ${owner.command} (${describeOwner(owner)})`);
    this.name = 'LockHeldError';
  }
}

/** Takes the lock `file` for `command` now, or throws LockHeldError naming who holds it. */
export function acquireLock(file: string, command: string): ProjectLock {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const me = currentOwner(command);
  const text = `${JSON.stringify(me)}\n`;
  const record = `${file}.${me.token}.owner`;
  fs.writeFileSync(record, text, { flag: 'wx' });
  try {
    for (;;) {
      try {
        fs.linkSync(record, file);
        return held(file, me, text);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const current = readText(file);
      if (current === undefined) continue;
      const owner = parseOwner(current);
      if (owner && isRunning(owner)) throw new LockHeldError(file, owner);
      // Stale (its owner is gone) or not a lock at all: remove it, then try again.
      const outcome = removeStaleLock(file, current, record);
      if (outcome.busyWith) throw new LockHeldError(file, outcome.busyWith);
    }
  } finally {
    fs.rmSync(record, { force: true });
  }
}

export interface WaitOptions {
  /** How long to wait for a running owner before giving up. */
  readonly timeoutMs: number;
  /** Called once, when the lock is found held and the wait begins. */
  readonly onWait?: (owner: LockOwner) => void;
  /** How often to look again. @default 100 */
  readonly pollMs?: number;
}

/** Takes the lock `file`, waiting up to `timeoutMs` while another process holds it. */
export async function waitForLock(file: string, command: string, options: WaitOptions): Promise<ProjectLock> {
  const deadline = Date.now() + options.timeoutMs;
  let waiting = false;
  for (;;) {
    try {
      return acquireLock(file, command);
    } catch (e) {
      if (!(e instanceof LockHeldError) || Date.now() >= deadline) throw e;
      if (!waiting) options.onWait?.(e.owner);
      waiting = true;
    }
    await sleep(options.pollMs ?? 100);
  }
}

function held(file: string, owner: LockOwner, text: string): ProjectLock {
  const release = () => {
    process.removeListener('exit', release);
    // Only our own lock: never one that another process took over.
    if (readText(file) === text) fs.rmSync(file, { force: true });
  };
  process.once('exit', release);
  return { owner, release };
}
