import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';

/*
 * A process a test starts may start processes of its own (`dev` starts a Python agent). Killing
 * the parent alone orphans them, so a test starts it as the leader of a new process group and
 * ends the whole group.
 */

/** Starts `command` as the leader of its own process group. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(command, args, { ...options, detached: true });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pgid: number, polls: number): Promise<boolean> {
  for (let i = 0; i < polls && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 50));
  return !groupAlive(pgid);
}

/**
 * Ends every process of the group `child` leads: `signal` first, so they can clean up, then
 * SIGKILL for any that is still there a few seconds later. Resolves when none is left.
 */
export async function endGroup(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const pgid = child?.pid;
  if (pgid === undefined || !groupAlive(pgid)) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    return; // already gone
  }
  if (await waitUntilGone(pgid, 100)) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    return;
  }
  await waitUntilGone(pgid, 100);
}
