import type { Command } from 'commander';
import { jsonParseErrors } from '../flags';

interface DevFlags {
  agent?: string;
  runtime?: string;
  port: string;
  install: boolean;
  localGateway: boolean;
  useDeployedIdentity?: boolean;
  json?: boolean;
}

/** `dev`: runs an agent locally with the deployed gateways' variables; `dev "prompt"` talks to it. */
export function registerDev(program: Command): void {
  jsonParseErrors(program.command('dev'))
    .description("Run an agent locally with the gateways' variables (deployed, else served locally), or send a prompt to the running agent")
    .argument('[prompt]', 'send this prompt to the agent already running on --port and stream its answer')
    .option('--agent <name>', 'the agent to run (needed when the project has several)')
    .option('--runtime <name>', 'same as --agent')
    .option('-p, --port <port>', 'port the agent listens on', '8080')
    .option('--no-install', "use the agent's .venv (or the Python on the PATH) as it is, without installing dependencies")
    .option('--no-local-gateway', 'do not serve the gateways that are not deployed from a local gateway on 127.0.0.1')
    .option(
      '--use-deployed-identity',
      "reach deployed gateways whose identity provider deploy made (identityProvider: 'cognito') with tokens of that pool (its client secret is read from Cognito into memory); without it they are served locally",
    )
    .option('--json', "print the result as JSON (the agent's own output goes to stderr)")
    .addHelpText(
      'after',
      '\nGateway URLs come from the last deploy (agentcore/deployed-state.json); gateways that are not deployed\n' +
        'are served by a local gateway on 127.0.0.1 (see `agentcore-projen gateway`).\n' +
        'Secrets come from agentcore/.env.local, PORT from --port, and LOCAL_DEV=1 is set.\n' +
        'With a prompt, an error the agent reports is printed on stderr and the command exits 1.',
    )
    .action(async (prompt: string | undefined, flags: DevFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port <= 0 || port > 65535) {
        const { CliError } = await import('../output');
        throw new CliError(`--port ${JSON.stringify(flags.port)} is not a port number; use e.g. --port 8080`);
      }
      const { printRunAgentEvent, sendPrompt } = await import('../dev-output');
      if (prompt !== undefined) {
        await sendPrompt(port, prompt, !!flags.json);
        return;
      }
      const { findProjectRoot } = await import('../../project-files/project-root');
      const { synthProject } = await import('../../projenrc-runner/run-in-process');
      const { runAgent } = await import('../../dev/run-agent');
      const root = findProjectRoot();
      // Synth first, so the generated gateway wiring matches .projenrc.ts.
      synthProject(root);
      const json = !!flags.json;
      process.exitCode = await runAgent({
        root,
        agent: flags.agent ?? flags.runtime,
        port,
        install: flags.install,
        localGateway: flags.localGateway,
        useDeployedIdentity: !!flags.useDeployedIdentity,
        agentStdout: json ? 'stderr' : 'stdout',
        onEvent: printRunAgentEvent(json),
      });
    });
}
