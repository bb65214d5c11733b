import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { isRunning, type LockOwner, parseOwner } from './lock-owner';

/*
 * Removing a lock whose owner is gone is a compare-and-delete, and the file system has none:
 * between "this lock is stale" and the unlink, another process may already have removed it
 * and taken a fresh lock, which a blind unlink would delete. So whoever removes the stale lock
 * first takes a guard named after that lock's very text, created exclusively; under it, the
 * lock is checked to still hold that text, then removed. Nobody else can remove that text
 * meanwhile (they would need the same guard), and a fresh lock has another text. A guard left
 * by a taker that died is itself a stale lock, removed the same way one level down.
 */

/** What became of a stale lock. */
export interface StaleOutcome {
  /** False when the lock no longer held the stale text: someone else took over; look again. */
  readonly removed: boolean;
  /** A live process that is taking over right now. */
  readonly busyWith?: LockOwner;
}

const MAX_DEPTH = 4;

/**
 * Removes `file` if it still holds `staleText`. `record` is a file holding this process's owner
 * record; the guard is a hard link to it, so the guard has its full text from the first moment.
 */
export function removeStaleLock(file: string, staleText: string, record: string, depth = 0): StaleOutcome {
  const guard = takeoverGuard(file, staleText);
  for (;;) {
    try {
      fs.linkSync(record, guard);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const guardText = readText(guard);
    if (guardText === undefined) continue;
    const taker = parseOwner(guardText);
    if (taker && isRunning(taker)) return { removed: false, busyWith: taker };
    if (depth >= MAX_DEPTH) throw new Error(`${guard} is left from a process that stopped while taking over ${file}; delete it`);
    const outcome = removeStaleLock(guard, guardText, record, depth + 1);
    if (outcome.busyWith) return outcome;
  }
  try {
    if (readText(file) !== staleText) return { removed: false };
    fs.rmSync(file, { force: true });
    return { removed: true };
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

/** The guard for removing `file` while it holds `staleText`: one name per lock text. */
export function takeoverGuard(file: string, staleText: string): string {
  return `${file}.${createHash('sha256').update(staleText).digest('hex').slice(0, 16)}.takeover`;
}

/** The text of a file, or undefined if it is gone. */
export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
