import type { GetGatewayCommandOutput, GetGatewayTargetCommandOutput } from '@aws-sdk/client-bedrock-agentcore-control';

/*
 * What "unchanged" means. Both sides are reduced to the members deploy manages, in the wire
 * shape, then compared structurally. Members the service fills in on its own (defaults deploy
 * never sends) are left out, so they never show up as a change that can never converge.
 *
 * Absent equals empty: an optional member that is missing, null, "", [] or {} means "not set".
 * Deploy never sends an empty optional member, but a service may echo one (an emulator answers
 * `description: ""` for a gateway created without one) or drop one deploy sent (`scopes: []`).
 * Treating them as different would plan an update on every run that can never converge.
 */

/** Members deploy sends in Create/UpdateGateway. */
const GATEWAY_MEMBERS = ['roleArn', 'authorizerType', 'description', 'protocolConfiguration', 'authorizerConfiguration', 'exceptionLevel'] as const;

/** Service defaults that may appear in a Get without having been sent. */
const SERVICE_DEFAULTS = new Set(['supportedVersions', 'listingMode', 'resourcePriority', 'sessionConfiguration', 'streamingConfiguration', '$unknown']);

/** Names of the members whose values differ; empty when equal. */
export function changedMembers(desired: Record<string, unknown>, actual: Record<string, unknown>, members: readonly string[]): string[] {
  return members.filter((m) => !sameValue(desired[m], actual[m]));
}

/** Differences between a gateway's desired spec and what the service has. */
export function gatewayChanges(spec: Record<string, unknown>, detail: GetGatewayCommandOutput): string[] {
  return changedMembers(spec, detail as unknown as Record<string, unknown>, GATEWAY_MEMBERS);
}

/** Differences between a target's desired spec and what the service has. */
export function targetChanges(spec: Record<string, unknown>, detail: GetGatewayTargetCommandOutput): string[] {
  return changedMembers(spec, detail as unknown as Record<string, unknown>, ['name', 'description', 'targetConfiguration', 'credentialProviderConfigurations']);
}

/** The kind of a target (`mcpServer`, `lambda`, ...): a change of kind needs a new target. */
export function targetKind(targetConfiguration: unknown): string | undefined {
  const mcp = (targetConfiguration as { mcp?: Record<string, unknown> } | undefined)?.mcp;
  return mcp ? Object.keys(mcp).find((k) => mcp[k] !== undefined && k !== '$unknown') : undefined;
}

/** Tag changes, ignoring the `aws:` tags AWS adds itself. */
export function tagChanges(desired: Record<string, string>, actual: Record<string, string>) {
  const set = Object.fromEntries(Object.entries(desired).filter(([k, v]) => actual[k] !== v));
  const remove = Object.keys(actual).filter((k) => !k.startsWith('aws:') && !(k in desired));
  return { set, remove, changed: Object.keys(set).length > 0 || remove.length > 0 };
}

/** Structural equality where absent equals empty (see above) and service defaults are ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a) ?? null) === JSON.stringify(canonical(b) ?? null);
}

/**
 * The value in a comparable form: keys sorted, service defaults dropped, dates as ISO strings,
 * and every "not set" value (undefined, null, "", [] or {}, also once its own members are
 * reduced) as undefined, so it disappears from the object that holds it. List items keep their
 * place: an empty item is still an item.
 */
function canonical(v: unknown): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => canonical(x) ?? null);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      if (SERVICE_DEFAULTS.has(k)) continue;
      const x = canonical((v as Record<string, unknown>)[k]);
      if (x !== undefined) out[k] = x;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v;
}
