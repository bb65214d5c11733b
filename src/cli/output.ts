import { UserError } from '../user-error';

/** A command line problem (a bad flag, a refused confirmation); printed as is, like every UserError. */
export class CliError extends UserError {
  constructor(message: string, exitCode = 1) {
    super(message, exitCode);
    this.name = 'CliError';
  }
}

/** Prints an error for a person, or as `{ success: false, error }` with --json; returns the exit code. */
export function reportError(e: unknown, json: boolean): number {
  const known = e instanceof UserError;
  const message = e instanceof Error ? e.message : String(e);
  if (json) {
    const issues = (e as { issues?: unknown } | undefined)?.issues;
    const extra = Array.isArray(issues) ? { issues } : {};
    process.stdout.write(`${JSON.stringify({ success: false, error: message, ...extra })}\n`);
  } else {
    process.stderr.write(`${known ? '' : 'Unexpected error: '}${message}\n`);
    if (!known && e instanceof Error && e.stack && process.env.DEBUG) process.stderr.write(`${e.stack}\n`);
  }
  return e instanceof UserError ? e.exitCode : 1;
}

/** Prints a command's result: a line for a person, or `{ success: true, ...details }` with --json. */
export function reportSuccess(json: boolean, text: string, details: Record<string, unknown> = {}): void {
  if (json) process.stdout.write(`${JSON.stringify({ success: true, ...details })}\n`);
  else process.stdout.write(`${text}\n`);
}
