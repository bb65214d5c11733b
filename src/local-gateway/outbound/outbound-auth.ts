import type { CredentialConfig, TargetConfig } from '../../model/config';
import type { OidcDiscovery } from '../oidc-discovery';
import type { SecretLookup } from '../../project-files/secret-lookup';
import type { AwsCredentialSource } from './developer-aws-credentials';
import { OAuthTokenSource } from './oauth-token-source';
import { sigV4OutboundAuth } from './sigv4-outbound-auth';

/** A request the gateway is about to send a target; outbound auth may change its URL and headers. */
export interface OutboundRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** The body as it will be sent (signatures cover it). */
  readonly body?: string;
}

/** Adds a target's outbound credentials to a request the gateway sends it. */
export interface OutboundAuth {
  apply(request: OutboundRequest): Promise<void>;
  /** The backend refused the credentials: drop anything cached. */
  rejected(): void;
}

const noAuth: OutboundAuth = { apply: async () => undefined, rejected: () => undefined };

export interface OutboundAuthContext {
  readonly credentials: readonly CredentialConfig[];
  readonly secrets: SecretLookup;
  readonly discovery: OidcDiscovery;
  readonly timeoutMs: number;
  /** outboundAuth "iam": the developer's AWS credentials, and the region signed for when a target names none. */
  readonly aws: { readonly credentials: AwsCredentialSource; readonly region?: string };
}

/**
 * The outbound auth a target's config asks for: an OAuth bearer token, an API key (header or
 * query parameter, with its prefix), a SigV4 signature with the developer's AWS credentials (the
 * gateway role signing for a service), or nothing. The plain gateway role (lambda, smithy,
 * api-gateway) never reaches here with a request: those targets are not served locally.
 */
export function outboundAuthFor(target: TargetConfig, ctx: OutboundAuthContext): OutboundAuth {
  const auth = target.outboundAuth;
  if (auth.type === 'gateway-iam-role' && auth.signing) return sigV4OutboundAuth(target.name, auth.signing, ctx.aws.credentials, ctx.aws.region);
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
      apply: async ({ headers }) => headers.set('authorization', `Bearer ${await tokens.token(auth.scopes)}`),
      rejected: () => tokens.invalidate(),
    };
  }
  const placement = auth.apiKey ?? { parameterName: 'x-api-key', location: 'HEADER' as const };
  return {
    apply: async ({ url, headers }) => {
      const key = ctx.secrets.require(credential.env.apiKey, `the API key of credential "${credential.name}"`);
      const value = placement.prefix ? `${placement.prefix} ${key}` : key;
      if (placement.location === 'QUERY_PARAMETER') url.searchParams.set(placement.parameterName, value);
      else headers.set(placement.parameterName, value);
    },
    rejected: () => undefined,
  };
}
