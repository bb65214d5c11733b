import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands';
import { CliError, reportError } from './output';

/** The `agentcore-projen` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('agentcore-projen')
    .description('Define, generate and deploy AgentCore agents and their MCP gateways')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
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
