import * as path from 'node:path';
import { acquireLock as takeLock, DEPLOY_LOCK, LockHeldError, type ProjectLock } from '../project-files/lock';
import { describeOwner } from '../project-files/lock-owner';
import { DeployError } from './errors';

/*
 * One deploy (or destroy) at a time per project folder. Edits of .projenrc.ts take a lock of
 * their own: a deploy reads agentcore/agentcore.json once, at its start, so an edit meanwhile
 * is picked up by the next deploy and the two need not wait for each other.
 */

export const LOCK_PATH = DEPLOY_LOCK;

export type DeployLock = ProjectLock;

export function acquireLock(projectDir: string, command: string): DeployLock {
  try {
    return takeLock(path.join(projectDir, LOCK_PATH), command);
  } catch (e) {
    if (!(e instanceof LockHeldError)) throw e;
    throw new DeployError(
      `another ${e.owner.command} of this project is running (${describeOwner(e.owner)}); ` +
        `wait for it to finish. If no deploy is running, delete ${LOCK_PATH}.`,
    );
  }
}
