import type { DeployResult } from './deploy';
import type { DeployEvent, Outcome } from './events';

/* Lines for people: one per resource as it finishes, and a summary at the end. */

export function formatEvent(e: DeployEvent): string {
  switch (e.type) {
    case 'done':
      return `  ${e.outcome.padEnd(9)} ${e.label}${e.status ? ` (${e.status})` : ''}  ${seconds(e.elapsedMs)}`;
    case 'failed':
      // The reason follows as the deploy's error message.
      return `  ${'failed'.padEnd(9)} ${e.label}  ${seconds(e.elapsedMs)}`;
    case 'warning':
      return `  warning: ${e.message}`;
  }
}

export function formatSummary(result: DeployResult, verb: 'Deployed' | 'Destroyed'): string {
  const counts: Record<Outcome, number> = { created: 0, updated: 0, replaced: 0, deleted: 0, unchanged: 0 };
  for (const o of Object.values(result.outcomes)) counts[o] += 1;
  const lines = [
    '',
    `${verb} ${result.project} in ${result.region} (${seconds(result.elapsedMs)}): ` +
      `${counts.created} created, ${counts.updated} updated, ${counts.replaced} replaced, ${counts.deleted} deleted, ${counts.unchanged} unchanged.`,
  ];
  if (verb === 'Deployed') {
    for (const g of result.gateways) {
      lines.push('', `Gateway ${g.name} (${g.deployedName}, inbound auth ${g.authorizerType})`);
      for (const [name, value] of Object.entries(g.env)) lines.push(`  ${name}=${value}`);
    }
    if (result.gateways.length > 0) lines.push('', `Agents read these variables; \`npx projen dev\` sets them from ${relative(result.statePath)}.`);
  }
  return lines.join('\n');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function relative(p: string): string {
  const i = p.lastIndexOf('agentcore/');
  return i >= 0 ? p.slice(i) : p;
}
