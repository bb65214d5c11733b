import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeployError } from './errors';

/*
 * One deploy (or destroy) at a time per project folder: `agentcore/.deploy/lock` (git-ignored)
 * is created exclusively and names its owner. A lock whose process is gone (killed deploy) is
 * stale and taken over.
 */

export const LOCK_PATH = 'agentcore/.deploy/lock';

interface LockOwner {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

export interface DeployLock {
  release(): void;
}

export function acquireLock(projectDir: string, command: string): DeployLock {
  const file = path.join(projectDir, LOCK_PATH);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = readOwner(file);
    if (owner && isAlive(owner)) {
      throw new DeployError(
        `another ${owner.command} of this project is running (pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}); ` +
          `wait for it to finish. If no deploy is running, delete ${LOCK_PATH}.`,
      );
    }
    // Stale: its process is gone. Remove it and try once more (another process may win the race).
    fs.rmSync(file, { force: true });
  }
  throw new DeployError(`could not take ${LOCK_PATH}: another deploy took it at the same moment; try again`);
}

function readOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/** A lock from another machine cannot be checked, so it counts as alive. */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
