import type { ActualGateway, ActualTarget } from './actual';

/*
 * What "unchanged" means. Both sides are reduced to the members deploy manages, in the wire
 * shape, then compared structurally. Members the service fills in on its own (defaults deploy
 * never sends) are left out, so they never show up as a change that can never converge.
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
export function gatewayChanges(spec: Record<string, unknown>, actual: ActualGateway): string[] {
  return changedMembers(spec, actual.detail as unknown as Record<string, unknown>, GATEWAY_MEMBERS);
}

/** Differences between a target's desired spec and what the service has. */
export function targetChanges(spec: Record<string, unknown>, actual: ActualTarget): string[] {
  const detail = actual.detail as unknown as Record<string, unknown>;
  const normalized = {
    ...detail,
    credentialProviderConfigurations: (detail.credentialProviderConfigurations as unknown[] | undefined) ?? [],
  };
  const desired = { ...spec, credentialProviderConfigurations: (spec.credentialProviderConfigurations as unknown[] | undefined) ?? [] };
  return changedMembers(desired, normalized, ['name', 'description', 'targetConfiguration', 'credentialProviderConfigurations']);
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

/** Structural equality where a missing member equals undefined and service defaults are ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined || SERVICE_DEFAULTS.has(k)) continue;
      out[k] = canonical(x);
    }
    return out;
  }
  return v;
}
