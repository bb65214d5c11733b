import * as path from 'node:path';
import type { Command } from 'commander';
import { findProjectRoot } from '../../project-files/project-root';
import { CliError } from '../output';

interface GatewayCommandOptions {
  port: string;
  dir?: string;
  config?: string;
  standIn: string[];
  maxAnswerBytes?: string;
}

export function registerGateway(program: Command): void {
  program
    .command('gateway')
    .description('Serve every gateway of agentcore/agentcore.json as a local MCP server on 127.0.0.1 (prints AGENTCORE_GATEWAY_<NAME>_URL=<url> lines)')
    .addHelpText(
      'after',
      '\nManaged MCP servers (mcp-server targets with a host) run from their code in app/mcp/<target>/: installed on first run,\nrestarted when their code changes, stopped with the gateway.',
    )
    .option('--port <port>', 'port on 127.0.0.1 for all gateways (0 picks a free one)', '0')
    .option('--dir <dir>', 'project root (schema paths and agentcore/.env.local are relative to it; default: the project around the current folder)')
    .option('--config <file>', 'config to serve (default: agentcore/agentcore.json under --dir)')
    .option(
      '--stand-in <gateway/target=url>',
      'serve a target from a local MCP server instead (for api-gateway, smithy-model and lambda-function-arn targets); repeatable',
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .option(
      '--max-answer-bytes <bytes>',
      'largest answer taken from a target, a larger one fails that call (default: AGENTCORE_LOCAL_GATEWAY_MAX_ANSWER_BYTES, else 1048576, 1 MiB)',
    )
    .action(async (opts: GatewayCommandOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CliError(`--port ${JSON.stringify(opts.port)} is not a port number; use 0-65535 (0 picks a free port)`);
      const maxAnswerBytes = opts.maxAnswerBytes === undefined ? undefined : Number(opts.maxAnswerBytes);
      if (maxAnswerBytes !== undefined && !(Number.isSafeInteger(maxAnswerBytes) && maxAnswerBytes > 0)) {
        throw new CliError(`--max-answer-bytes ${JSON.stringify(opts.maxAnswerBytes)} is not a positive whole number of bytes; e.g. 8388608 for 8 MiB`);
      }
      const standIns: Record<string, string> = {};
      for (const s of opts.standIn) {
        const at = s.indexOf('=');
        if (at <= 0) throw new CliError(`--stand-in ${JSON.stringify(s)}: expected <gateway>/<target>=<url>, e.g. my-gw/lookup=http://127.0.0.1:9000/mcp`);
        standIns[s.slice(0, at)] = s.slice(at + 1);
      }
      // An explicit --config needs no project around it: its root is then the current folder.
      const root = opts.dir ? path.resolve(opts.dir) : opts.config ? process.cwd() : findProjectRoot();
      // Loaded on demand: the MCP SDK, jose and the AWS signer stay out of synth and other commands.
      const lg = await import('../../local-gateway');
      const file = opts.config ? path.resolve(opts.config) : path.join(root, lg.CONFIG_FILE);
      let gateway;
      try {
        const config = lg.readProjectConfig(file);
        if (config.agentCoreGateways.length === 0) lg.stderrLogger.warn(`${file} declares no gateways; add one with project.addGateway() in .projenrc.ts`);
        gateway = await lg.startLocalGateway(config, { root, port, standIns, maxAnswerBytes });
        for (const line of lg.urlLines(config, gateway.urls, gateway.issuers)) process.stdout.write(`${line}\n`);
        lg.stderrLogger.info(`serving ${config.agentCoreGateways.length} gateway(s) on http://127.0.0.1:${gateway.port}; stop with Ctrl+C`);
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
      const running = gateway;
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
