import type { Action, Change, Plan } from './plan';

/*
 * The plan as people and machines see it: a table with one row per resource, and a JSON shape
 * that carries no service objects (and so no secret).
 */

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

export function planView(plan: Plan): PlanView {
  const changes = plan.items.map(({ id, kind, label, name, action, reasons, wait }) => ({
    id,
    kind,
    label,
    name,
    action,
    reasons,
    ...(wait ? { wait } : {}),
  }));
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

const ORDER: Record<string, number> = { credential: 0, role: 1, gateway: 2, target: 3 };

/** A readable table: action, resource, detail. Unchanged rows are listed last. */
export function formatPlan(view: PlanView): string {
  const rows = [...view.changes].sort(
    (a, b) => Number(a.action === 'no-op') - Number(b.action === 'no-op') || ORDER[a.kind]! - ORDER[b.kind]! || a.label.localeCompare(b.label),
  );
  const lines = [`Plan for ${view.project} in ${view.region}:`, ''];
  if (rows.length === 0) lines.push('  (no resources: the model declares no gateways or credentials)');
  else {
    const head = ['ACTION', 'RESOURCE', 'DETAIL'];
    const cells = rows.map((r) => [r.action, r.label, [...r.reasons, ...(r.wait ? ['waits for it to settle'] : [])].join(', ')]);
    const width = [0, 1].map((i) => Math.max(head[i]!.length, ...cells.map((c) => c[i]!.length)));
    const line = (c: string[]) => `  ${c[0]!.padEnd(width[0]!)}  ${c[1]!.padEnd(width[1]!)}  ${c[2]}`.trimEnd();
    lines.push(line(head), ...cells.map(line));
  }
  for (const w of view.warnings) lines.push(`  warning: ${w}`);
  for (const c of view.conflicts) lines.push(`  blocked: ${c}`);
  const c = view.counts;
  lines.push(
    '',
    `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete, ${c['no-op']} unchanged.`,
  );
  return lines.join('\n');
}
