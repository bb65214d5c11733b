import { formatAddress } from './address';
import type { Action, Plan, ResourceKind } from './plan';

/*
 * The plan as people and machines see it: a table with one row per resource, and a JSON shape
 * that carries no service objects (and so no secret).
 */

/** One line of the plan. */
export interface Change {
  /** Stable address, e.g. `target:my-gw/weather`. */
  id: string;
  kind: ResourceKind;
  /** For people: `gateway my-gw › target weather`. */
  label: string;
  /** Name in the account. */
  name: string;
  action: Action;
  /** What differs, or why the action was chosen. */
  reasons: string[];
  /** The existing resource is still changing (CREATING, UPDATING, DELETING); apply waits for it. */
  wait?: boolean;
}

export interface PlanView {
  project: string;
  region: string;
  changes: Change[];
  warnings: string[];
  /** Resources the plan needs but may not touch; deploy refuses while there are any. */
  conflicts: string[];
  counts: Record<Action, number>;
  hasChanges: boolean;
}

/** The plan's view; `extra` rows are planned outside the item graph (the agents' runtimes). */
export function planView(plan: Plan, extra: readonly Change[] = []): PlanView {
  const items = plan.items.map(({ address, kind, label, name, action, reasons, wait }): Change => ({
    id: formatAddress(address),
    kind,
    label,
    name,
    action,
    reasons,
    ...(wait ? { wait } : {}),
  }));
  const changes = [...items, ...extra];
  const counts: Record<Action, number> = { create: 0, update: 0, replace: 0, delete: 0, 'no-op': 0 };
  for (const c of changes) counts[c.action] += 1;
  return {
    project: plan.project,
    region: plan.region,
    changes,
    warnings: plan.warnings,
    conflicts: plan.conflicts,
    counts,
    hasChanges: changes.some((c) => c.action !== 'no-op'),
  };
}

const ORDER: Record<ResourceKind, number> = { 'identity-provider': -1, credential: 0, role: 1, gateway: 2, server: 3, target: 4, runtime: 5 };

/** A row of the table: action, resource, detail. */
type Cells = [string, string, string];

/** A readable table: action, resource, detail. Unchanged rows are listed last. */
export function formatPlan(view: PlanView): string {
  const rows = [...view.changes].sort(
    (a, b) => Number(a.action === 'no-op') - Number(b.action === 'no-op') || ORDER[a.kind] - ORDER[b.kind] || a.label.localeCompare(b.label),
  );
  const lines = [`Plan for ${view.project} in ${view.region}:`, ''];
  if (rows.length === 0) lines.push('  (no resources: the model declares no gateways or credentials)');
  else {
    const head: Cells = ['ACTION', 'RESOURCE', 'DETAIL'];
    const cells = rows.map((r): Cells => [r.action, r.label, [...r.reasons, ...(r.wait ? ['waits for it to settle'] : [])].join(', ')]);
    const actionWidth = Math.max(...[head, ...cells].map((c) => c[0].length));
    const labelWidth = Math.max(...[head, ...cells].map((c) => c[1].length));
    const line = ([action, label, detail]: Cells) => `  ${action.padEnd(actionWidth)}  ${label.padEnd(labelWidth)}  ${detail}`.trimEnd();
    lines.push(line(head), ...cells.map(line));
  }
  for (const w of view.warnings) lines.push(`  warning: ${w}`);
  for (const c of view.conflicts) lines.push(`  blocked: ${c}`);
  const c = view.counts;
  lines.push('', `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c['no-op']} unchanged.`);
  return lines.join('\n');
}
