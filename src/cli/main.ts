import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { PACKAGE_ROOT } from '../package-root';
import { COMMANDS } from './commands';
import { CliError, reportError } from './output';

/** The `agentcore-projen` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('agentcore-projen')
    .description('Define, generate and deploy AgentCore agents and their MCP gateways')
    .version(packageVersion(), '-V, --version', 'print the version of agentcore-projen')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

/** The version in this package's package.json. */
function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    process.exitCode = reportError(e, argv.includes('--json'));
  }
}

export { CliError };
