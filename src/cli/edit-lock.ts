import * as path from 'node:path';
import { EDIT_LOCK, LockHeldError, type ProjectLock, waitForLock } from '../project-files/lock';
import { describeOwner } from '../project-files/lock-owner';
import { CliError } from './output';

/*
 * Edits of one project (`add`, `remove`) run one at a time: each holds the edit lock from
 * reading .projenrc.ts until its synth is done, so the next one reads what the last one wrote.
 * Deploys take a lock of their own (a deploy reads only agentcore/agentcore.json, once, at its
 * start) so an edit need not wait for a deploy to finish, nor a deploy for an edit.
 */

/** How long an edit waits for another edit of the project that is still running. */
export const EDIT_WAIT_MS = 5 * 60_000;

/** Takes the edit lock of the project at `root` for `command`, waiting while another edit runs. */
export async function lockForEdit(root: string, command: string): Promise<ProjectLock> {
  try {
    return await waitForLock(path.join(root, EDIT_LOCK), command, {
      timeoutMs: EDIT_WAIT_MS,
      onWait: (owner) => process.stderr.write(`Waiting for ${owner.command} (${describeOwner(owner)}) to finish editing this project...\n`),
    });
  } catch (e) {
    if (!(e instanceof LockHeldError)) throw e;
    throw new CliError(
      `${e.owner.command} (${describeOwner(e.owner)}) is still editing this project after ${EDIT_WAIT_MS / 60_000} minutes; ` +
        `let it finish and run this command again. If no agentcore-projen command is running, delete ${EDIT_LOCK}.`,
    );
  }
}

/** The command's words (`add gateway`), never its flags: their values may be secrets. */
export function commandWords(argv: readonly string[] = process.argv): string {
  const words: string[] = [];
  for (const arg of argv.slice(2)) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  return words.join(' ') || 'agentcore-projen';
}
