import type { ApplyContext } from './apply-context';
import { applyCredential, deleteCredential } from './apply-credentials';
import { applyGateway, deleteGateway } from './apply-gateways';
import { applyRole, deleteRole } from './apply-roles';
import { applyTarget, deleteTarget } from './apply-targets';
import { DeployAborted, DeployError } from './errors';
import type { Outcome } from './events';
import { type GraphNode, runGraph } from './graph';
import type { PlanItem } from './plan';

/*
 * Turns the plan into a dependency graph and runs it:
 *   credentials → role of each gateway → gateway → its targets
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

export async function applyPlan(ctx: ApplyContext, controller: AbortController): Promise<ApplyResult> {
  const { items } = ctx.plan;
  const outcomes = new Map<string, Outcome>();
  const ids = (pred: (i: PlanItem) => boolean) => items.filter(pred).map(nodeId);
  const credentialNode = (key: string | undefined) => {
    const d = ctx.plan.desired.credentials.find((c) => c.key === key);
    return d ? [`credential:${d.config.type}:${d.key}`] : [];
  };

  const nodes: GraphNode[] = items.map((item) => {
    let deps: string[] = [];
    const del = item.action === 'delete';
    if (item.kind === 'role' && !del) deps = item.desired!.credentials.flatMap(credentialNode);
    if (item.kind === 'gateway' && !del) {
      const d = item.desired!;
      deps = [
        ...('managed' in d.role ? [`role:${d.role.managed.name}`] : []),
        ...ids((i) => i.kind === 'target' && i.action === 'delete' && i.gateway === d.key),
      ];
    }
    if (item.kind === 'target' && !del) deps = [`gateway:${item.gateway}`, ...credentialNode(item.desired!.credential)];
    if (item.kind === 'gateway' && del) deps = ids((i) => i.kind === 'target' && i.action === 'delete' && i.gateway === item.id.slice('gateway:'.length));
    if (item.kind === 'role' && del) deps = ids((i) => i.kind === 'gateway');
    if (item.kind === 'credential' && del) deps = ids((i) => i.kind === 'target' || i.kind === 'gateway' || i.kind === 'role');
    return { id: nodeId(item), deps, run: (signal) => runItem(ctx, item, signal, outcomes) };
  });

  await runGraph(nodes, controller);
  return { outcomes };
}

async function runItem(ctx: ApplyContext, item: PlanItem, signal: AbortSignal, outcomes: Map<string, Outcome>) {
  const started = Date.now();
  try {
    let result: { outcome: Outcome; status?: string };
    if (item.action === 'delete') {
      const outcome =
        item.kind === 'credential'
          ? await deleteCredential(ctx, item)
          : item.kind === 'role'
            ? await deleteRole(ctx, item)
            : item.kind === 'gateway'
              ? await deleteGateway(ctx, item, signal)
              : await deleteTarget(ctx, item, signal);
      result = { outcome };
    } else if (item.kind === 'credential') result = { outcome: await applyCredential(ctx, item) };
    else if (item.kind === 'role') result = { outcome: await applyRole(ctx, item) };
    else if (item.kind === 'gateway') result = await applyGateway(ctx, item, signal);
    else result = await applyTarget(ctx, item, signal);
    outcomes.set(nodeId(item), result.outcome);
    if (result.outcome !== 'unchanged' || item.wait) {
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
    if (!(e instanceof DeployAborted) && !signal.aborted) {
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
