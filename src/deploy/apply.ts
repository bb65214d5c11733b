import type { ApplyContext } from './apply-context';
import { applyCredential, deleteCredential } from './apply-credentials';
import { applyGateway, deleteGateway } from './apply-gateways';
import { deleteRole, ensureRole, setRolePermissions } from './apply-roles';
import { applyTarget, deleteTarget } from './apply-targets';
import { DeployError, isAbort } from './errors';
import type { Outcome } from './events';
import { type GraphNode, runGraph } from './graph';
import type { PlanItem, RoleItem } from './plan';

/*
 * Turns the plan into a dependency graph and runs it:
 *   credentials → role of each gateway → gateway → its targets (and the role's permissions)
 * and, for removals, the reverse: targets → their gateway → its role; credentials last.
 * Unchanged resources are nodes too: they fill in the ids later nodes need and re-check
 * themselves against what their dependencies became.
 */

export interface ApplyResult {
  outcomes: Map<string, Outcome>;
}

/** Graph id of an item (a delete and a create may share a plan address). */
export function nodeId(item: PlanItem): string {
  return item.action === 'delete' ? `delete:${item.id}` : item.id;
}

/** The node that grants a role its permissions (targets wait for it, the gateway does not). */
const permissionsOf = (roleId: string) => `${roleId}#permissions`;

export async function applyPlan(ctx: ApplyContext, controller: AbortController): Promise<ApplyResult> {
  const { items } = ctx.plan;
  const outcomes = new Map<string, Outcome>();
  const ids = (pred: (i: PlanItem) => boolean) => items.filter(pred).map(nodeId);
  const credentialNode = (key: string | undefined) => {
    const d = ctx.plan.desired.credentials.find((c) => c.key === key);
    return d ? [`credential:${d.config.type}:${d.key}`] : [];
  };
  const roleOf = (gateway: string) => items.find((i): i is RoleItem => i.kind === 'role' && i.action !== 'delete' && i.desired?.gateway === gateway);

  const nodes: GraphNode[] = [];
  for (const item of items) {
    const id = nodeId(item);
    if (item.action === 'delete') {
      let deps: string[] = [];
      if (item.kind === 'target') deps = [];
      if (item.kind === 'gateway') deps = ids((i) => i.kind === 'target' && i.action === 'delete' && i.gateway === item.id.slice('gateway:'.length));
      if (item.kind === 'role') deps = ids((i) => i.kind === 'gateway');
      if (item.kind === 'credential') deps = [...ids((i) => i.kind === 'target' || i.kind === 'gateway'), ...ids((i) => i.kind === 'role').map((r) => (r.startsWith('delete:') ? r : permissionsOf(r)))];
      nodes.push({ id, deps, run: (signal) => track(ctx, item, outcomes, () => remove(ctx, item, signal).then((outcome) => ({ outcome }))) });
      continue;
    }
    switch (item.kind) {
      case 'credential':
        nodes.push({ id, deps: [], run: () => track(ctx, item, outcomes, async () => ({ outcome: await applyCredential(ctx, item) })) });
        break;
      case 'role': {
        // Two steps: the role (the gateway needs its ARN) and its permissions (its targets need them).
        let role: Awaited<ReturnType<typeof ensureRole>> | undefined;
        let started = 0;
        nodes.push({
          id,
          deps: [],
          run: () => {
            started = Date.now();
            return track(ctx, item, outcomes, async () => ((role = await ensureRole(ctx, item)), { outcome: role.outcome }), { quiet: true });
          },
        });
        nodes.push({
          id: permissionsOf(id),
          deps: [id, ...item.desired!.credentials.flatMap(credentialNode)],
          run: () =>
            track(
              ctx,
              item,
              outcomes,
              async () => {
                const permissions = await setRolePermissions(ctx, item, role!);
                return { outcome: role!.outcome !== 'unchanged' ? role!.outcome : permissions };
              },
              { started },
            ),
        });
        break;
      }
      case 'gateway': {
        const d = item.desired!;
        const role = roleOf(d.key);
        const deps = [...(role ? [nodeId(role)] : []), ...ids((i) => i.kind === 'target' && i.action === 'delete' && i.gateway === d.key)];
        nodes.push({ id, deps, run: (signal) => track(ctx, item, outcomes, () => applyGateway(ctx, item, signal)) });
        break;
      }
      case 'target': {
        const role = roleOf(item.gateway);
        const deps = [`gateway:${item.gateway}`, ...credentialNode(item.desired!.credential), ...(role ? [permissionsOf(nodeId(role))] : [])];
        nodes.push({ id, deps, run: (signal) => track(ctx, item, outcomes, () => applyTarget(ctx, item, signal)) });
        break;
      }
    }
  }

  await runGraph(nodes, controller);
  return { outcomes };
}

function remove(ctx: ApplyContext, item: PlanItem, signal: AbortSignal): Promise<Outcome> {
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
  try {
    const result = await work();
    outcomes.set(nodeId(item), result.outcome);
    if (!opts.quiet && (result.outcome !== 'unchanged' || item.wait)) {
      ctx.emit({
        type: 'done',
        id: item.id,
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
        id: item.id,
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
