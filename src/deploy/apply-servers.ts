import type { ProjectConfig } from '../model/config';
import { packageMcpServer } from '../package';
import { formatAddress, labelOf, serverAddress, type ServerAddress } from './address';
import type { ApplyContext } from './apply-context';
import { applyLambdaServer, deleteLambdaServer } from './apply-lambda-server';
import { applyRuntimeServer, deleteRuntimeServer } from './apply-runtime-server';
import { deleteServerRole, ensureServerRole } from './apply-server-role';
import type { DesiredServer } from './desired-servers';
import { isAbort } from './errors';
import type { Outcome } from './events';
import type { ServerState } from './state';

/*
 * Managed MCP servers, as steps of the apply graph: each is packaged, given its execution role and
 * deployed before its target (which points at it), and removed after its target is gone. The
 * code's hash decides whether anything is sent: an unchanged server writes nothing.
 */

export interface ServerWork {
  /** Servers the model wants. */
  wanted: DesiredServer[];
  /** Servers the state records that the model no longer wants (all of them on destroy), by key. */
  leaving: string[];
  deploy(d: DesiredServer, signal: AbortSignal): Promise<Outcome>;
  remove(key: string, signal: AbortSignal): Promise<Outcome>;
}

export interface ServerWorkInput {
  ctx: ApplyContext;
  config: ProjectConfig;
  projectDir: string;
  servers: DesiredServer[];
  /** The uv binary that installs Python servers' dependencies. */
  uv?: string;
}

const addressOf = (key: string): ServerAddress => {
  const at = key.indexOf('/');
  return serverAddress(key.slice(0, at), key.slice(at + 1));
};

export function serverWork(input: ServerWorkInput): ServerWork {
  const { ctx } = input;
  const wanted = new Set(input.servers.map((s) => s.key));
  return {
    wanted: input.servers,
    leaving: Object.keys(ctx.store.state.servers).filter((k) => !wanted.has(k)),
    deploy: (d, signal) => reported(ctx, addressOf(d.key), ctx.store.state.servers[d.key] ? 'update' : 'create', () => deployServer(input, d, signal)),
    remove: (key, signal) => reported(ctx, addressOf(key), 'delete', () => removeServer(ctx, key, signal)),
  };
}

async function deployServer(input: ServerWorkInput, d: DesiredServer, signal: AbortSignal): Promise<Outcome> {
  const { ctx } = input;
  const address = addressOf(d.key);
  const label = labelOf(address);
  const pkg = await packageMcpServer({
    projectDir: input.projectDir,
    server: d,
    label: `gateway "${d.gateway}" target "${d.target}"`,
    ...(input.uv ? { uv: input.uv } : {}),
  });
  // A server that moves to the other host is a new one: the old one goes first.
  const before = ctx.store.state.servers[d.key];
  if (before && before.host !== d.host) await removeServer(ctx, d.key, signal);
  const role = await ensureServerRole(ctx, d, address, label);
  const step = { ctx, config: input.config, d, address, label, pkg, roleArn: role.arn, signal };
  const deployed: { outcome: Outcome; arn: string; id?: string } = d.host === 'Lambda' ? await applyLambdaServer(step) : await applyRuntimeServer(step);
  const { outcome, arn } = deployed;
  const entry: ServerState = {
    host: d.host,
    name: d.name,
    arn,
    ...(deployed.id ? { agentRuntimeId: deployed.id } : {}),
    roleArn: role.arn,
    codeSha256: pkg.sha256,
  };
  ctx.refs.servers.set(d.key, { host: d.host, arn });
  await ctx.store.update((s) => {
    s.servers[d.key] = entry;
    delete s.pending[formatAddress(address)];
  });
  return outcome === 'unchanged' && role.changed ? 'updated' : outcome;
}

/** Deletes the server the state records, then the role deploy made for it; never its code. */
async function removeServer(ctx: ApplyContext, key: string, signal: AbortSignal): Promise<Outcome> {
  const rec = ctx.store.state.servers[key];
  if (!rec) return 'unchanged';
  const address = addressOf(key);
  const label = labelOf(address);
  if (rec.host === 'Lambda') await deleteLambdaServer(ctx, rec.name, label);
  else if (rec.agentRuntimeId) await deleteRuntimeServer(ctx, key, rec.agentRuntimeId, label, signal);
  await ctx.step(address, 'deleted');
  await deleteServerRole(ctx, rec.roleArn, label);
  await ctx.store.update((s) => {
    delete s.servers[key];
  });
  return 'deleted';
}

/** Runs one server step and reports it, as the other resources are. */
async function reported(ctx: ApplyContext, address: ServerAddress, action: 'create' | 'update' | 'delete', work: () => Promise<Outcome>): Promise<Outcome> {
  const started = Date.now();
  const id = formatAddress(address);
  const label = labelOf(address);
  try {
    const outcome = await work();
    if (outcome !== 'unchanged') ctx.emit({ type: 'done', id, kind: 'server', label, outcome, elapsedMs: Date.now() - started });
    return outcome;
  } catch (e) {
    if (!isAbort(e)) ctx.emit({ type: 'failed', id, kind: 'server', label, action, message: (e as Error).message, elapsedMs: Date.now() - started });
    throw e;
  }
}
