import { formatAddress, labelOf, serverAddress } from './address';
import type { DesiredServer } from './desired-servers';
import type { Change } from './plan-view';
import type { DeployedState } from './state';

/*
 * The managed servers' rows of the plan, so that `diff` shows them and deploy asks before creating
 * or deleting one. Which servers come or go is known before any call; whether a deployed one
 * changes is only known once its code is packaged (its hash), while applying.
 */
export function serverChanges(desired: readonly DesiredServer[], state: DeployedState | undefined): Change[] {
  const recorded = state?.servers ?? {};
  const row = (key: string, name: string, action: Change['action'], reason: string): Change => {
    const at = key.indexOf('/');
    const address = serverAddress(key.slice(0, at), key.slice(at + 1));
    return { id: formatAddress(address), kind: 'server', label: labelOf(address), name, action, reasons: [reason] };
  };
  const rows = desired.map((d) =>
    recorded[d.key] ? row(d.key, d.name, 'no-op', 'its code is compared while applying') : row(d.key, d.name, 'create', `new on ${d.host}`),
  );
  for (const [key, s] of Object.entries(recorded)) {
    if (!desired.some((d) => d.key === key)) rows.push(row(key, s.name, 'delete', 'no longer in the model'));
  }
  return rows;
}
