import { formatAddress, gatewayAddress, serverAddress } from './address';
import type { ApplyContext } from './apply-context';
import { applyCredential, deleteCredential } from './apply-credentials';
import { applyGateway, deleteGateway } from './apply-gateways';
import { deleteRole, type EnsuredRole, ensureRole, setRolePermissions } from './apply-roles';
import type { ServerWork } from './apply-servers';
import { applyTarget, deleteTarget } from './apply-targets';
import { DeployError, isAbort } from './errors';
import type { Outcome } from './events';
import { type GraphNode, runGraph } from './graph';
import type { Drop, Keep, PlanItem, RoleItem } from './plan';

/*
 * Turns the plan into a dependency graph and runs it:
 *   credentials → role of each gateway → gateway → its targets (and the role's permissions)
 *   managed servers → their targets (and the permissions of their gateway's role)
 * and, for removals, the reverse: targets → their gateway → its role; credentials last; a
 * managed server after its target.
 * Unchanged resources are nodes too: they fill in the ids later nodes need and re-check
 * themselves against what their dependencies became.
 */

export interface ApplyResult {
  outcomes: Map<string, Outcome>;
}

/** Graph id of an item (a delete and a create may share an address). */
export function nodeId(item: PlanItem): string {
  const id = formatAddress(item.address);
  return item.action === 'delete' ? `delete:${id}` : id;
}

/** The node that grants a role its permissions (targets wait for it, the gateway does not). */
const permissionsOf = (roleNode: string) => `${roleNode}#permissions`;

/** Graph id of a managed server's deploy (`server:<gateway>/<target>`) or removal. */
const serverNode = (key: string, removal = false) => {
  const at = key.indexOf('/');
  const id = formatAddress(serverAddress(key.slice(0, at), key.slice(at + 1)));
  return removal ? `delete:${id}` : id;
};

/** Runs the plan's graph, with the managed servers' work; `extra` nodes (the agents' runtimes) run in it, after the nodes they name. */
export async function applyPlan(ctx: ApplyContext, controller: AbortController, servers?: ServerWork, extra: GraphNode[] = []): Promise<ApplyResult> {
  const { items } = ctx.plan;
  const outcomes = new Map<string, Outcome>();
  const kept = items.filter((i): i is Keep => i.action !== 'delete');
  const dropped = items.filter((i): i is Drop => i.action === 'delete');
  const credentialNode = (key: string | undefined) => kept.filter((i) => i.kind === 'credential' && i.address.credential === key).map(nodeId);
  const roleOf = (gateway: string) => kept.find((i): i is Keep<RoleItem> => i.kind === 'role' && i.desired.gateway === gateway);
  const targetsGoing = (gateway: string) => dropped.filter((i) => i.kind === 'target' && i.address.gateway === gateway).map(nodeId);

  const nodes: GraphNode[] = [];
  const record = (id: string) => (outcome: Outcome) => void outcomes.set(id, outcome);
  for (const d of servers?.wanted ?? []) {
    const id = serverNode(d.key);
    nodes.push({ id, deps: [], run: (signal) => servers!.deploy(d, signal).then(record(id)) });
  }
  for (const key of servers?.leaving ?? []) {
    // After the target that reaches it is gone (or points elsewhere).
    const at = key.indexOf('/');
    const target = formatAddress({ kind: 'target', gateway: key.slice(0, at), target: key.slice(at + 1) });
    const deps = items.filter((i) => i.kind === 'target' && formatAddress(i.address) === target).map(nodeId);
    const id = serverNode(key, true);
    nodes.push({ id, deps, run: (signal) => servers!.remove(key, signal).then(record(id)) });
  }
  for (const item of items) {
    const id = nodeId(item);
    if (item.action === 'delete') {
      let deps: string[] = [];
      if (item.kind === 'gateway') deps = targetsGoing(item.address.gateway);
      if (item.kind === 'role') deps = items.filter((i) => i.kind === 'gateway').map(nodeId);
      if (item.kind === 'credential') {
        deps = [
          ...items.filter((i) => i.kind === 'target' || i.kind === 'gateway').map(nodeId),
          ...items.filter((i) => i.kind === 'role').map((r) => (r.action === 'delete' ? nodeId(r) : permissionsOf(nodeId(r)))),
        ];
      }
      nodes.push({ id, deps, run: (signal) => track(ctx, item, outcomes, () => remove(ctx, item, signal).then((outcome) => ({ outcome }))) });
      continue;
    }
    switch (item.kind) {
      case 'credential':
        nodes.push({ id, deps: [], run: () => track(ctx, item, outcomes, async () => ({ outcome: await applyCredential(ctx, item) })) });
        break;
      case 'role': {
        // Two steps: the role (the gateway needs its ARN) and its permissions (its targets need them).
        let ensured: Promise<EnsuredRole> | undefined;
        let started = 0;
        const ensure = () => (ensured ??= ensureRole(ctx, item));
        nodes.push({
          id,
          deps: [],
          run: () => {
            started = Date.now();
            return track(ctx, item, outcomes, async () => ({ outcome: (await ensure()).outcome }), { quiet: true });
          },
        });
        nodes.push({
          id: permissionsOf(id),
          deps: [id, ...item.desired.credentials.flatMap(credentialNode), ...item.desired.servers.map((key) => serverNode(key))],
          run: () =>
            track(
              ctx,
              item,
              outcomes,
              async () => {
                const role = await ensure();
                const permissions = await setRolePermissions(ctx, item, role);
                return { outcome: role.outcome !== 'unchanged' ? role.outcome : permissions };
              },
              { started },
            ),
        });
        break;
      }
      case 'gateway': {
        const role = roleOf(item.desired.key);
        const deps = [...(role ? [nodeId(role)] : []), ...targetsGoing(item.desired.key)];
        nodes.push({ id, deps, run: (signal) => track(ctx, item, outcomes, () => applyGateway(ctx, item, signal)) });
        break;
      }
      case 'target': {
        const role = roleOf(item.address.gateway);
        const deps = [
          formatAddress(gatewayAddress(item.address.gateway)),
          ...credentialNode(item.desired.credential),
          ...(role ? [permissionsOf(nodeId(role))] : []),
          ...(item.desired.server ? [serverNode(item.desired.server.key)] : []),
        ];
        nodes.push({ id, deps, run: (signal) => track(ctx, item, outcomes, () => applyTarget(ctx, item, signal)) });
        break;
      }
    }
  }

  await runGraph([...nodes, ...extra], controller);
  return { outcomes };
}

function remove(ctx: ApplyContext, item: Drop, signal: AbortSignal): Promise<Outcome> {
  switch (item.kind) {
    case 'credential':
      return deleteCredential(ctx, item);
    case 'role':
      return deleteRole(ctx, item);
    case 'gateway':
      return deleteGateway(ctx, item, signal);
    case 'target':
      return deleteTarget(ctx, item, signal);
  }
}

/** Runs one step of an item and reports it: one line per resource that changed or failed. */
async function track(
  ctx: ApplyContext,
  item: PlanItem,
  outcomes: Map<string, Outcome>,
  work: () => Promise<{ outcome: Outcome; status?: string }>,
  opts: { quiet?: boolean; started?: number } = {},
) {
  const started = opts.started ?? Date.now();
  const id = formatAddress(item.address);
  try {
    const result = await work();
    outcomes.set(nodeId(item), result.outcome);
    if (!opts.quiet && (result.outcome !== 'unchanged' || item.wait)) {
      ctx.emit({
        type: 'done',
        id,
        kind: item.kind,
        label: item.label,
        outcome: result.outcome,
        ...(result.status ? { status: result.status } : {}),
        elapsedMs: Date.now() - started,
      });
    }
  } catch (e) {
    if (!isAbort(e)) {
      ctx.emit({
        type: 'failed',
        id,
        kind: item.kind,
        label: item.label,
        action: item.action,
        message: e instanceof DeployError ? e.message : String((e as Error)?.message ?? e),
        elapsedMs: Date.now() - started,
      });
    }
    throw e;
  }
}
