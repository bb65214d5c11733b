import { cognitoDiscoveryUrl, fullScopeNames } from '../model/identity-provider';
import { formatAddress, type IdentityProviderAddress, identityProviderAddress, labelOf } from './address';
import type { ActualUserPool } from './cognito-actual';
import type { Desired, DesiredIdentityProvider } from './desired';
import type { Action } from './plan';
import type { Change } from './plan-view';
import type { CredentialSecrets } from './secrets';

/*
 * The identity providers' rows of the plan, and the values they give the rest of it. A gateway's
 * authorizer (the pool's discovery URL and app client id) and its credential's client (id and
 * secret) exist only once the pool does: when it does, the plan compares with them like with any
 * value of the model; when it does not yet, the gateway and credential are created or updated
 * after the pool (apply fills them in then).
 */

export interface IdentityItem {
  address: IdentityProviderAddress;
  label: string;
  /** The user pool's name. */
  name: string;
  action: Exclude<Action, 'replace'>;
  reasons: string[];
  desired?: DesiredIdentityProvider;
  actual?: ActualUserPool;
}

/** What a provider gives its gateway and credential. The secret stays in memory. */
export interface IdentityValues {
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
}

/** The full scope names of a provider: `<resource server>/<scope>`. */
export function fullScopes(d: DesiredIdentityProvider): string[] {
  return fullScopeNames(d.config);
}

export function planIdentityProviders(desired: Desired, actual: Map<string, ActualUserPool>): IdentityItem[] {
  const items: IdentityItem[] = [];
  for (const d of desired.identityProviders) {
    const address = identityProviderAddress(d.gateway);
    const a = actual.get(d.gateway);
    const base = { address, label: labelOf(address), name: d.config.userPoolName, desired: d };
    if (!a) {
      items.push({ ...base, action: 'create', reasons: ['Cognito user pool, domain, resource server and app client'] });
      continue;
    }
    const reasons: string[] = [];
    if (!a.domain) reasons.push('domain');
    if (!a.resourceServer) reasons.push('resource server');
    else if (!sameSet(a.resourceServer.scopes, d.config.scopes)) reasons.push('scopes');
    if (!a.client) reasons.push('app client');
    else if (!clientMatches(d, a)) reasons.push('app client settings');
    items.push({ ...base, action: reasons.length > 0 ? 'update' : 'no-op', reasons, actual: a });
  }
  for (const [gateway, a] of actual) {
    if (desired.identityProviders.some((d) => d.gateway === gateway)) continue;
    const address = identityProviderAddress(gateway);
    items.push({ address, label: labelOf(address), name: a.name, action: 'delete', reasons: [], actual: a });
  }
  return items;
}

/** Whether the app client grants the client-credentials flow with exactly the provider's scopes. */
export function clientMatches(d: DesiredIdentityProvider, a: ActualUserPool): boolean {
  const c = a.client;
  return !!c && c.oauthEnabled && sameSet(c.flows, ['client_credentials']) && sameSet(c.scopes, fullScopes(d));
}

/** The values an existing provider gives, or undefined while it lacks its app client (or its secret). */
export function valuesOf(region: string, a: ActualUserPool | undefined): IdentityValues | undefined {
  if (!a?.client?.secret) return undefined;
  return { discoveryUrl: cognitoDiscoveryUrl(region, a.id), clientId: a.client.id, clientSecret: a.client.secret };
}

/**
 * Fills a provider's values into its gateway (the authorizer accepts the pool's tokens for its app
 * client) and credential (the app client agents use), and puts the client into `secrets`.
 */
export function applyIdentityValues(desired: Desired, values: Map<string, IdentityValues>, secrets: Map<string, CredentialSecrets>): void {
  for (const d of desired.identityProviders) {
    const v = values.get(d.gateway);
    if (!v) continue;
    const gateway = desired.gateways.find((g) => g.key === d.gateway);
    if (gateway) {
      gateway.config = { ...gateway.config, authorizerConfiguration: { customJwtAuthorizer: { discoveryUrl: v.discoveryUrl, allowedClients: [v.clientId] } } };
    }
    const credential = desired.credentials.find((c) => c.key === d.credential);
    if (credential && credential.config.type === 'oauth') {
      credential.config = { ...credential.config, discoveryUrl: v.discoveryUrl, clientId: v.clientId };
      secrets.set(credential.key, { clientId: v.clientId, clientSecret: v.clientSecret });
    }
  }
}

/** The identity rows as the plan view shows them. */
export function identityChanges(items: readonly IdentityItem[]): Change[] {
  return items.map((i) => ({ id: formatAddress(i.address), kind: i.address.kind, label: i.label, name: i.name, action: i.action, reasons: i.reasons }));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}
