import { createInterface } from 'node:readline/promises';
import { ENV_FILE } from './env-file';
import { CliError } from './output';
import type { RemovalPlan } from './removal-plan';

/** Where the question is asked; a terminal unless a test says otherwise. */
export interface Terminal {
  readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly output: NodeJS.WritableStream;
}

/** One indented line per file and secret a remove deletes besides the declaration. */
export function removalLines(plan: RemovalPlan): string[] {
  return [...plan.files.map((f) => `  ${f} (generated)`), ...plan.secrets.map((v) => `  ${v} from ${ENV_FILE} (a secret)`)];
}

/**
 * Lets a remove go ahead when it deletes nothing but the declaration, or when `yes` (`--yes`).
 * Otherwise it lists what goes and asks on a terminal; without a terminal (a script, CI) it
 * refuses and says to pass --yes, so nothing is deleted that nobody has seen.
 */
export async function confirmRemoval(action: string, plan: RemovalPlan, yes: boolean, terminal: Terminal = { input: process.stdin, output: process.stderr }): Promise<void> {
  if (yes || (plan.files.length === 0 && plan.secrets.length === 0)) return;
  const what = [`${action} also deletes:`, ...removalLines(plan)].join('\n');
  if (!terminal.input.isTTY) {
    throw new CliError(`${what}\nNothing was changed: pass --yes (-y) to confirm.`);
  }
  const rl = createInterface({ input: terminal.input, output: terminal.output });
  try {
    const answer = await rl.question(`${what}\nContinue? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('Nothing was changed.');
  } finally {
    rl.close();
  }
}
