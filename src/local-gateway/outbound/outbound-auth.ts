import type { CredentialConfig, TargetConfig } from '../../model/config';
import type { OidcDiscovery } from '../oidc-discovery';
import type { SecretLookup } from '../../project-files/secret-lookup';
import { OAuthTokenSource } from './oauth-token-source';

/** Adds a target's outbound credentials to a request the gateway sends it. */
export interface OutboundAuth {
  apply(url: URL, headers: Headers): Promise<void>;
  /** The backend refused the credentials: drop anything cached. */
  rejected(): void;
}

const noAuth: OutboundAuth = { apply: async () => undefined, rejected: () => undefined };

export interface OutboundAuthContext {
  readonly credentials: readonly CredentialConfig[];
  readonly secrets: SecretLookup;
  readonly discovery: OidcDiscovery;
  readonly timeoutMs: number;
}

/**
 * The outbound auth a target's config asks for: an OAuth bearer token, an API key (header or
 * query parameter, with its prefix), or nothing. `gateway-iam-role` targets never reach here
 * with a request, since they are not served locally.
 */
export function outboundAuthFor(target: TargetConfig, ctx: OutboundAuthContext): OutboundAuth {
  const auth = target.outboundAuth;
  if (auth.type !== 'oauth' && auth.type !== 'api-key') return noAuth;
  const credential = ctx.credentials.find((c) => c.name === auth.credentialName);
  if (!credential || credential.type !== auth.type) {
    throw new Error(
      `target "${target.name}": credential "${auth.credentialName}" is not an ${auth.type} credential of this config; run \`npx projen\` to regenerate it`,
    );
  }
  if (credential.type === 'oauth') {
    const tokens = new OAuthTokenSource(credential, ctx.secrets, ctx.discovery, ctx.timeoutMs);
    return {
      apply: async (_url, headers) => headers.set('authorization', `Bearer ${await tokens.token(auth.scopes)}`),
      rejected: () => tokens.invalidate(),
    };
  }
  const placement = auth.apiKey ?? { parameterName: 'x-api-key', location: 'HEADER' as const };
  return {
    apply: async (url, headers) => {
      const key = ctx.secrets.require(credential.env.apiKey, `the API key of credential "${credential.name}"`);
      const value = placement.prefix ? `${placement.prefix} ${key}` : key;
      if (placement.location === 'QUERY_PARAMETER') url.searchParams.set(placement.parameterName, value);
      else headers.set(placement.parameterName, value);
    },
    rejected: () => undefined,
  };
}
