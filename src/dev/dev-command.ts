import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectConfig, RuntimeConfig } from '../model/config';
import { CliError, reportSuccess } from '../cli/output';
import { findProjectRoot } from '../cli/project-root';
import { synthProject } from '../cli/synth';
import { agentEnv } from './agent-env';
import { gatewayEnv } from './gateway-env';
import { invokeAgent } from './invoke-agent';
import { serveGatewaysLocally } from './local-gateways';
import { pythonCommand } from './python-command';

const CONFIG = 'agentcore/agentcore.json';

export interface RunAgentOptions {
  /** Which agent; may be left out when the project has one. */
  readonly agent?: string;
  readonly port: number;
  /** Install the agent's dependencies first (uv, or venv + pip). */
  readonly install: boolean;
  readonly json: boolean;
  /** Serve the gateways that are not deployed from a local gateway. @default true */
  readonly localGateway?: boolean;
}

function pickAgent(config: ProjectConfig, name: string | undefined): RuntimeConfig {
  const names = config.runtimes.map((r) => r.name);
  if (names.length === 0) {
    throw new CliError('The project has no agent yet; add one with `agentcore-projen add agent --name MyAgent --framework Strands --model-provider Bedrock`');
  }
  if (name === undefined) {
    if (names.length === 1) return config.runtimes[0];
    throw new CliError(`The project has several agents (${names.join(', ')}); choose one with --agent <name>`);
  }
  const found = config.runtimes.find((r) => r.name === name);
  if (!found) throw new CliError(`There is no agent named ${JSON.stringify(name)}; the agents are: ${names.join(', ')}`);
  return found;
}

/**
 * Synthesizes (so the generated gateway wiring matches .projenrc.ts), then runs the agent's entry
 * point in its folder until it exits or is interrupted. Returns the agent's exit code.
 */
export async function runAgent(options: RunAgentOptions): Promise<number> {
  const root = findProjectRoot();
  const say = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);
  synthProject(root);
  const config = JSON.parse(fs.readFileSync(path.join(root, CONFIG), 'utf8')) as ProjectConfig;
  const agent = pickAgent(config, options.agent);
  const agentDir = path.join(root, agent.codeLocation);
  const deployed = gatewayEnv(root, config);
  const local =
    options.localGateway !== false && deployed.missing.length > 0
      ? await serveGatewaysLocally(root, config, deployed.missing)
      : undefined;
  const gateways = local ? { ...deployed, env: { ...deployed.env, ...local.env }, missing: [] } : deployed;
  const python = pythonCommand(agentDir, agent.entrypoint, { install: options.install, log: say });

  if (options.json) {
    reportSuccess(true, '', {
      agent: agent.name,
      port: options.port,
      url: `http://localhost:${options.port}/invocations`,
      gateways: gateways.deployed,
      localGateways: local?.urls ?? {},
      missingGateways: gateways.missing,
    });
  } else {
    say(`Running agent ${agent.name} (${agent.framework}, ${agent.modelProvider}) on http://localhost:${options.port} with ${python.via}.`);
    for (const [name, url] of Object.entries(gateways.deployed)) say(`  gateway ${name}: ${url}`);
    for (const [name, url] of Object.entries(local?.urls ?? {})) say(`  gateway ${name}: ${url} (not deployed: served by a local gateway)`);
  }
  if (gateways.missing.length > 0) {
    const list = gateways.missing.map((g) => `"${g}"`).join(', ');
    say(
      `Gateway${gateways.missing.length > 1 ? 's' : ''} ${list} ${gateways.missing.length > 1 ? 'are' : 'is'} not deployed, so the agent runs without ${gateways.missing.length > 1 ? 'them' : 'it'}: run \`npx projen deploy\` first to get ${gateways.missing.length > 1 ? 'their URLs' : 'its URL'}, or leave out --no-local-gateway to serve ${gateways.missing.length > 1 ? 'them' : 'it'} locally.`,
    );
  }
  if (!options.json) say(`Send a prompt with: agentcore-projen dev "Hello"${options.port === 8080 ? '' : ` --port ${options.port}`}   (Ctrl+C stops the agent)`);

  const child = spawn(python.command, python.args, {
    cwd: agentDir,
    env: agentEnv({ root, port: options.port, gateways }),
    stdio: ['inherit', options.json ? 'pipe' : 'inherit', 'inherit'],
  });
  child.stdout?.pipe(process.stderr);
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.on('error', (e) => reject(new CliError(`Could not start ${python.command}: ${e.message}`)));
      child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
    });
  } finally {
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
    await local?.close();
  }
}

/**
 * `dev "prompt"`: streams the running agent's answer to stdout (or returns it whole with --json).
 * An error the agent reports fails the command (exit code 1), after what it had answered so far.
 */
export async function sendPrompt(port: number, prompt: string, json: boolean): Promise<void> {
  let answer = '';
  const endLine = () => {
    if (!json && answer !== '' && !answer.endsWith('\n')) process.stdout.write('\n');
  };
  try {
    await invokeAgent(port, prompt, (text) => {
      answer += text;
      if (!json) process.stdout.write(text);
    });
  } catch (e) {
    endLine();
    throw e;
  }
  if (json) reportSuccess(true, '', { port, response: answer });
  else if (!answer.endsWith('\n')) process.stdout.write('\n');
}
