import { createHash } from 'node:crypto';
import { z } from 'zod';

/*
 * An identity provider deploy makes for a CUSTOM_JWT gateway (`identityProvider: 'cognito'`): an
 * Amazon Cognito user pool with a domain, a resource server holding the gateway's scopes, and an
 * app client for agents (client-credentials grant, with a secret). Names are derived here once:
 * the resolved config spells them out, deploy and the CLI read them from there.
 */

export const IDENTITY_PROVIDERS = ['cognito'] as const;
export type IdentityProviderType = (typeof IDENTITY_PROVIDERS)[number];

/** The scope a Cognito-backed gateway offers when the model names none. */
export const DEFAULT_IDENTITY_SCOPES = ['invoke'];

/** A resource server scope name (Cognito's rule: printable, no space, quote, slash or backslash). */
export const identityScope = z.string().regex(/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/, {
  error: 'a scope name is 1-256 printable characters without spaces, quotes, "/" or "\\", e.g. "invoke"',
});

/** Longest Cognito domain prefix. */
const MAX_DOMAIN = 63;
/** Words Cognito refuses in a domain prefix. */
export const RESERVED_DOMAIN_WORDS = ['aws', 'amazon', 'cognito'] as const;

/** The names of a gateway's Cognito resources in the account. */
export interface CognitoNames {
  /** User pool name. */
  userPoolName: string;
  /** App client name. */
  clientName: string;
  /** Resource server identifier: scopes are `<identifier>/<scope>`. */
  resourceServer: string;
  /** Start of the domain prefix; deploy appends a hash of the account and region (see `cognitoDomain`). */
  domainBase: string;
}

/** The Cognito names of a gateway deployed as `deployedGatewayName` (`<project>-<gateway>`). */
export function cognitoNames(deployedGatewayName: string): CognitoNames {
  // Words Cognito reserves become "x"; room is left for "-" and the 8-character hash, so a name cut
  // or changed here is still told apart by the hash (of the whole name, see cognitoDomain).
  let base = deployedGatewayName.toLowerCase();
  for (const word of RESERVED_DOMAIN_WORDS) base = base.split(word).join('x');
  base = base.slice(0, MAX_DOMAIN - 9).replace(/-+$/, '');
  return {
    userPoolName: deployedGatewayName,
    clientName: `${deployedGatewayName}-agents`,
    resourceServer: deployedGatewayName,
    domainBase: base,
  };
}

/**
 * The Cognito domain prefix of a pool: globally unique in Cognito, so the base name gets a short
 * stable hash of the account, region and the whole pool name (the same account and region always
 * give the same domain; two names cut to the same base still differ). Lower case, at most 63
 * characters.
 */
export function cognitoDomain(names: Pick<CognitoNames, 'domainBase' | 'userPoolName'>, account: string, region: string): string {
  const hash = createHash('sha256').update(`${account}:${region}:${names.userPoolName}`).digest('hex').slice(0, 8);
  return `${names.domainBase}-${hash}`;
}

/** The scopes tokens carry: `<resource server>/<scope name>`, as Cognito names them. */
export function fullScopeNames(idp: { resourceServer: string; scopes: readonly string[] }): string[] {
  return idp.scopes.map((s) => `${idp.resourceServer}/${s}`);
}

/** The OIDC discovery URL of a Cognito user pool. */
export function cognitoDiscoveryUrl(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}/.well-known/openid-configuration`;
}

/** The token endpoint of a Cognito domain. */
export function cognitoTokenEndpoint(domain: string, region: string): string {
  return `https://${domain}.auth.${region}.amazoncognito.com/oauth2/token`;
}

/** The client id the local issuer (of the local gateway, for a gateway whose identity provider deploy makes) knows. */
export const LOCAL_ISSUER_CLIENT_ID = 'agentcore-projen-local';
