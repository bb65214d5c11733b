import { formatAddress, runtimeAddress } from './address';
import type { DesiredRuntime } from './desired-runtimes';
import type { Change } from './plan-view';
import type { DeployedState } from './state';

/*
 * The agents' rows of the plan, so that `diff` shows them and deploy asks before creating or
 * deleting a runtime. Which runtimes come or go is known before any call; whether an existing one
 * changes (its package, or the gateways' variables) is only known once it is packaged, while
 * applying, and its row says so rather than guess.
 */
export function runtimeChanges(desired: readonly DesiredRuntime[], state: DeployedState | undefined, command: 'deploy' | 'destroy'): Change[] {
  const recorded = state?.runtimes ?? {};
  const wanted = command === 'destroy' ? [] : desired;
  const row = (agent: string, name: string, action: Change['action'], reason: string): Change => ({
    id: formatAddress(runtimeAddress(agent)),
    kind: 'runtime',
    label: `agent ${agent}`,
    name,
    action,
    reasons: [reason],
  });
  const rows = wanted.map((r) =>
    recorded[r.key]
      ? row(r.key, r.name, 'no-op', 'its package and gateway variables are compared while applying')
      : row(r.key, r.name, 'create', 'new on AgentCore Runtime'),
  );
  for (const [agent, runtime] of Object.entries(recorded)) {
    if (!wanted.some((r) => r.key === agent)) {
      rows.push(row(agent, runtime.name, 'delete', command === 'destroy' ? 'destroy' : 'no longer deployed by the model'));
    }
  }
  return rows;
}
