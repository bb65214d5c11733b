import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { ProjectConfig, RuntimeConfig } from '../model/config';
import { loadProjectConfig } from '../project-files/project-config';
import { UserError } from '../user-error';
import { agentEnv } from './agent-env';
import { gatewayEnv } from './gateway-env';
import { serveGatewaysLocally } from './local-gateways';
import { pythonCommand } from '../local-run/python-command';
import { deployedIdentityEnv, issuerSecrets } from './identity-env';

/** What `runAgent` reports while it prepares and runs the agent; the command decides how to show it. */
export type RunAgentEvent =
  /** A step that takes a while (creating a .venv, installing dependencies). */
  | { readonly type: 'progress'; readonly message: string }
  /** The agent process is about to start, with where it listens and which gateways it reaches. */
  | { readonly type: 'starting'; readonly agent: AgentStart };

/** The agent being started and the gateways it gets. */
export interface AgentStart {
  readonly name: string;
  readonly framework: string;
  readonly modelProvider: string;
  readonly port: number;
  readonly url: string;
  /** What prepared its Python environment (uv, a .venv, ...). */
  readonly via: string;
  /** Deployed gateways: name → URL. */
  readonly gateways: Readonly<Record<string, string>>;
  /** Gateways served by a local gateway: name → URL. */
  readonly localGateways: Readonly<Record<string, string>>;
  /** Gateways the agent runs without (not deployed, and not served locally). */
  readonly missingGateways: readonly string[];
}

export interface RunAgentOptions {
  /** The project folder; its config must be synthesized already. */
  readonly root: string;
  /** Which agent; may be left out when the project has one. */
  readonly agent?: string;
  readonly port: number;
  /** Install the agent's dependencies first (uv, or venv + pip). */
  readonly install: boolean;
  /** Serve the gateways that are not deployed from a local gateway. @default true */
  readonly localGateway?: boolean;
  /**
   * Reach the deployed gateways whose identity provider deploy made with tokens from that provider
   * (the app client's secret is read from Cognito into memory). @default false: such gateways are
   * served locally, with tokens from the local gateway's issuer
   */
  readonly useDeployedIdentity?: boolean;
  /** Where the agent's own stdout goes: this process's stdout, or its stderr (keeps stdout for a JSON answer). */
  readonly agentStdout: 'stdout' | 'stderr';
  readonly onEvent: (event: RunAgentEvent) => void;
}

function pickAgent(config: ProjectConfig, name: string | undefined): RuntimeConfig {
  const names = config.runtimes.map((r) => r.name);
  if (names.length === 0) {
    throw new UserError('The project has no agent yet; add one with `agentcore-projen add agent --name MyAgent --framework Strands --model-provider Bedrock`');
  }
  if (name === undefined) {
    if (names.length === 1) return config.runtimes[0];
    throw new UserError(`The project has several agents (${names.join(', ')}); choose one with --agent <name>`);
  }
  const found = config.runtimes.find((r) => r.name === name);
  if (!found) throw new UserError(`There is no agent named ${JSON.stringify(name)}; the agents are: ${names.join(', ')}`);
  return found;
}

/**
 * Runs the agent's entry point in its folder, with the deployed gateways' variables (and a local
 * gateway for those not deployed), until it exits or is interrupted. Returns its exit code.
 */
export async function runAgent(options: RunAgentOptions): Promise<number> {
  const { root } = options;
  const config = loadProjectConfig(root);
  const agent = pickAgent(config, options.agent);
  const agentDir = path.join(root, agent.codeLocation);
  const deployed = gatewayEnv(root, config, { useDeployedIdentity: !!options.useDeployedIdentity });
  const identity = options.useDeployedIdentity ? await deployedIdentityEnv(root, config, Object.keys(deployed.deployed)) : {};
  const local = options.localGateway !== false && deployed.missing.length > 0 ? await serveGatewaysLocally(root, config, deployed.missing) : undefined;
  const gateways = local
    ? { ...deployed, env: { ...deployed.env, ...identity, ...local.env, ...issuerSecrets(config, local.issuers) }, missing: [] }
    : { ...deployed, env: { ...deployed.env, ...identity } };
  try {
    const python = pythonCommand(agentDir, agent.entrypoint, { install: options.install, log: (message) => options.onEvent({ type: 'progress', message }) });
    options.onEvent({
      type: 'starting',
      agent: {
        name: agent.name,
        framework: agent.framework,
        modelProvider: agent.modelProvider,
        port: options.port,
        url: `http://localhost:${options.port}/invocations`,
        via: python.via,
        gateways: gateways.deployed,
        localGateways: local?.urls ?? {},
        missingGateways: gateways.missing,
      },
    });
    const child = spawn(python.command, python.args, {
      cwd: agentDir,
      env: agentEnv({ root, port: options.port, gateways }),
      stdio: ['inherit', options.agentStdout === 'stderr' ? 'pipe' : 'inherit', 'inherit'],
    });
    child.stdout?.pipe(process.stderr);
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    try {
      return await new Promise<number>((resolve, reject) => {
        child.on('error', (e) => reject(new UserError(`Could not start ${python.command}: ${e.message}`)));
        child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
      });
    } finally {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
    }
  } finally {
    await local?.close();
  }
}
