import { createInterface } from 'node:readline/promises';
import { SECRETS_PATH } from '../project-files/paths';
import { CliError } from './output';
import type { RemovalPlan } from './removal-plan';

/** One indented line per file and secret a remove deletes besides the declaration. */
export function removalLines(plan: RemovalPlan): string[] {
  return [...plan.files.map((f) => `  ${f} (generated)`), ...plan.secrets.map((v) => `  ${v} from ${SECRETS_PATH} (a secret)`)];
}

/**
 * Lists what a remove deletes besides the declaration and asks on the terminal (on stderr, so
 * stdout stays the result); throws when the answer is not yes. Without a terminal (a script, CI)
 * it refuses and says to pass --yes, so nothing is deleted that nobody has seen.
 */
export async function confirmRemoval(action: string, plan: RemovalPlan): Promise<void> {
  const what = [`${action} also deletes:`, ...removalLines(plan)].join('\n');
  if (!process.stdin.isTTY) {
    throw new CliError(`${what}\nNothing was changed: pass --yes (-y) to confirm.`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${what}\nContinue? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('Nothing was changed.');
  } finally {
    rl.close();
  }
}
