import type { Command } from 'commander';

/** `a,b , c` → ['a', 'b', 'c'] (the reference tool's list flags are comma-separated). */
export function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/**
 * The spelling the model uses for a value typed in any case (`custom_jwt` → `CUSTOM_JWT`,
 * `strands` → `Strands`). A value that matches nothing is passed on unchanged for the model to reject.
 */
export function canonical<T extends string>(value: string | undefined, choices: readonly T[]): T | string | undefined {
  if (value === undefined) return undefined;
  return choices.find((c) => c.toLowerCase() === value.toLowerCase()) ?? value;
}

/**
 * With `--json`, a parse error (unknown flag, missing value) is printed as one JSON object on stdout
 * like every other error, and the help text that normally follows it is left out. Subcommands
 * created afterwards inherit this.
 */
export function jsonParseErrors(command: Command, argv: readonly string[] = process.argv): Command {
  if (!argv.includes('--json')) return command;
  return command.configureOutput({
    writeErr: () => undefined,
    outputError: (message) => {
      process.stdout.write(`${JSON.stringify({ success: false, error: message.replace(/^error: /, '').trim() })}\n`);
    },
  });
}
