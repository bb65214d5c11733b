import type { CognitoIdentityProviderClientConfig, DescribeUserPoolClientCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { GatewayConfig } from '../model/config';
import { cognitoTokenEndpoint, fullScopeNames } from '../model/identity-provider';
import { DeployError, describeAwsError } from './errors';
import type { DeployedState } from './state';

/*
 * The deployed identity provider of a gateway, for `token` and `dev --use-deployed-identity`: the
 * pool's discovery document, the app client id, and its secret, read from Cognito into memory
 * (never written anywhere). The discovery document lives on Cognito's API host
 * (`https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/openid-configuration`), so an
 * endpoint set for Cognito in the AWS chain (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER or
 * AWS_ENDPOINT_URL: an emulator, a proxy) serves it too.
 */

export interface DeployedIdentity {
  /** Where the discovery document is fetched from (the pool's own URL unless an endpoint is set). */
  discoveryUrl: string;
  clientId: string;
  /** In memory only. */
  clientSecret: string;
  /** The full scope names the client may ask for. */
  scopes: string[];
  /** The token endpoint of the pool's domain, used when the discovery document names none. */
  tokenEndpoint?: string;
}

export interface DeployedIdentityOptions {
  /** Where AWS_ENDPOINT_URL* are read. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Extra config for the Cognito client (tests). */
  cognito?: CognitoIdentityProviderClientConfig;
}

/** The gateway's deployed identity provider with its client secret; fails with the fix when there is none. */
export async function deployedIdentity(
  state: DeployedState | undefined,
  gateway: GatewayConfig,
  options: DeployedIdentityOptions = {},
): Promise<DeployedIdentity> {
  const recorded = state?.identityProviders[gateway.name];
  if (!state || !recorded?.clientId || !recorded.domain) {
    throw new DeployError(
      `gateway "${gateway.name}" has no deployed identity provider yet (agentcore/deployed-state.json records none); run \`npx projen deploy\`, or use the local issuer (--local)`,
    );
  }
  const env = options.env ?? process.env;
  const sdk = await import('@aws-sdk/client-cognito-identity-provider');
  const client = new sdk.CognitoIdentityProviderClient({ region: state.region, ...options.cognito });
  let answer: DescribeUserPoolClientCommandOutput;
  try {
    answer = await client.send(new sdk.DescribeUserPoolClientCommand({ UserPoolId: recorded.userPoolId, ClientId: recorded.clientId }));
  } catch (e) {
    throw new DeployError(`gateway "${gateway.name}": could not read its app client from Cognito in ${state.region}: ${describeAwsError(e)}`);
  } finally {
    client.destroy();
  }
  const clientSecret = answer.UserPoolClient?.ClientSecret;
  if (!clientSecret) throw new DeployError(`gateway "${gateway.name}": its app client has no secret; run \`npx projen deploy\` to make it again`);
  const endpoint = options.cognito?.endpoint ?? env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER ?? env.AWS_ENDPOINT_URL;
  const host = typeof endpoint === 'string' ? endpoint.replace(/\/+$/, '') : `https://cognito-idp.${state.region}.amazonaws.com`;
  const idp = gateway.identityProvider;
  return {
    discoveryUrl: `${host}/${recorded.userPoolId}/.well-known/openid-configuration`,
    clientId: recorded.clientId,
    clientSecret,
    scopes: idp ? fullScopeNames(idp) : [],
    tokenEndpoint: cognitoTokenEndpoint(recorded.domain, state.region),
  };
}

/** A bearer token from the client-credentials grant at the pool's token endpoint. */
export async function deployedToken(identity: DeployedIdentity): Promise<{ token: string; expiresIn?: number }> {
  let tokenEndpoint = identity.tokenEndpoint;
  try {
    const doc = (await (await fetch(identity.discoveryUrl, { signal: AbortSignal.timeout(10_000) })).json()) as { token_endpoint?: unknown };
    if (typeof doc.token_endpoint === 'string') tokenEndpoint = doc.token_endpoint;
  } catch {
    // The domain's token endpoint is the documented one; the discovery document only confirms it.
  }
  if (!tokenEndpoint) throw new DeployError('the identity provider names no token endpoint');
  const basic = Buffer.from(`${encodeURIComponent(identity.clientId)}:${encodeURIComponent(identity.clientSecret)}`).toString('base64');
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...(identity.scopes.length > 0 ? { scope: identity.scopes.join(' ') } : {}) });
  let res: Response;
  try {
    res = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new DeployError(`cannot reach the token endpoint ${tokenEndpoint}: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
  if (!res.ok || typeof body.access_token !== 'string') {
    throw new DeployError(
      `the token endpoint ${tokenEndpoint} refused the app client (HTTP ${res.status}${typeof body.error === 'string' ? `: ${body.error}` : ''})`,
    );
  }
  return { token: body.access_token, ...(typeof body.expires_in === 'number' ? { expiresIn: body.expires_in } : {}) };
}
