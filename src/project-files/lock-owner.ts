import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import { processStart, processStartedAt } from './process-start';

/** Who holds a lock: written into the lock file, read by whoever finds it taken. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** What the owner is doing, for the message of whoever waits ("deploy", "add gateway"). */
  readonly command: string;
  readonly startedAt: string;
  /** When the owner process started (see processStart); absent in locks of older versions. */
  readonly processStart?: string;
  /** Unique per lock taken, so that no two lock files ever hold the same text. */
  readonly token: string;
}

/** This process, about to take a lock for `command`. */
export function currentOwner(command: string): LockOwner {
  const start = processStart(process.pid);
  return {
    pid: process.pid,
    host: os.hostname(),
    command,
    startedAt: new Date().toISOString(),
    ...(start ? { processStart: start } : {}),
    token: randomUUID(),
  };
}

/** The owner a lock file names, or undefined if the text is not an owner record. */
export function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner> | null;
    return owner && typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the owner still runs. Its pid must exist and, when the lock recorded the process's
 * start, belong to the very process that took the lock: a pid handed on to another process
 * does not keep a lock. A lock from another machine cannot be checked, so it counts as running.
 */
export function isRunning(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  if (!pidExists(owner.pid)) return false;
  if (owner.processStart !== undefined) {
    const now = processStart(owner.pid);
    return now === undefined || now === owner.processStart;
  }
  // A lock of an older version names only the pid and when it was taken: a process that
  // started after that cannot have taken it.
  const started = processStartedAt(owner.pid);
  const taken = Date.parse(owner.startedAt);
  return started === undefined || Number.isNaN(taken) || started <= taken + CLOCK_SLACK_MS;
}

/** The boot time the system reports is rounded to the second, and clocks get adjusted. */
const CLOCK_SLACK_MS = 2000;

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** "pid 123 on host, started 2026-…", for messages. */
export function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}`;
}
