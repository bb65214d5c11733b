import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { GatewayConfig } from '../model/config';
import { fullScopeNames, LOCAL_ISSUER_CLIENT_ID } from '../model/identity-provider';

/*
 * The stand-in for an identity provider deploy makes (`identityProvider: 'cognito'`), so such a
 * gateway works offline: an OAuth client-credentials issuer per gateway, served by the local
 * gateway next to the gateway itself, that knows one client (`agentcore-projen-local`) whose secret
 * is the gateway's local issuer secret (`AGENTCORE_GATEWAY_<NAME>_LOCAL_ISSUER_SECRET`). Tokens are
 * signed with a key derived from that secret, so `agentcore-projen token --local` can mint one the
 * local gateway accepts without either process talking to the other.
 */

/** Lifetime of a local token, in seconds. */
const TOKEN_SECONDS = 3600;

/** Where a local issuer answers, under the gateway's own path. */
export const LOCAL_ISSUER_PATH = 'local-idp';

/** What an agent needs to get tokens from a gateway's local issuer. */
export interface LocalIssuerClient {
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
}

/** The issuer name (`iss`) of a gateway's local tokens. */
function issuerOf(gateway: string): string {
  return `urn:agentcore-projen:local-issuer:${gateway}`;
}

/** The signing key: derived from the secret, different per gateway. */
function keyOf(gateway: string, secret: string): Uint8Array {
  return createHmac('sha256', secret).update(`agentcore-projen local issuer:${gateway}`).digest();
}

/** The full scope names a gateway's tokens carry. */
export function localScopes(gateway: GatewayConfig): string[] {
  const idp = gateway.identityProvider;
  return idp ? fullScopeNames(idp) : [];
}

/** A bearer token for the gateway, as its local issuer hands it out. */
export async function mintLocalToken(gateway: GatewayConfig, secret: string, scopes = localScopes(gateway)): Promise<{ token: string; expiresIn: number }> {
  const token = await new SignJWT({ client_id: LOCAL_ISSUER_CLIENT_ID, scope: scopes.join(' '), token_use: 'access' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(issuerOf(gateway.name))
    .setSubject(LOCAL_ISSUER_CLIENT_ID)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_SECONDS}s`)
    .sign(keyOf(gateway.name, secret));
  return { token, expiresIn: TOKEN_SECONDS };
}

/** Why a token is refused, or undefined when the local issuer of the gateway made it and it still holds. */
export async function localTokenProblem(gateway: GatewayConfig, secret: string, token: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(gateway.name, secret), {
      issuer: issuerOf(gateway.name),
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      clockTolerance: 5,
    });
    if (payload.client_id !== LOCAL_ISSUER_CLIENT_ID) return "the token's client (client_id) is not the local issuer's client";
    const granted = typeof payload.scope === 'string' ? payload.scope.split(/\s+/) : [];
    if (!localScopes(gateway).some((s) => granted.includes(s))) return "the token carries none of the gateway's scopes";
    return undefined;
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) return 'the token has expired';
    if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === 'iss') return "the token was not issued by this gateway's local issuer";
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) return "the token's signature does not verify (was it made with another local issuer secret?)";
    return e instanceof joseErrors.JOSEError ? `the token is not valid (${e.code})` : 'the token could not be checked';
  }
}

/** The discovery document of a gateway's local issuer, served at `<base>/.well-known/openid-configuration`. */
export function localDiscovery(gateway: GatewayConfig, base: string) {
  return {
    issuer: issuerOf(gateway.name),
    token_endpoint: `${base}/oauth2/token`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: localScopes(gateway),
  };
}

/**
 * The client-credentials grant of the local issuer: the client id and secret (HTTP Basic or form)
 * must be the local client's; the scopes asked for must be the gateway's.
 */
export async function localTokenResponse(
  gateway: GatewayConfig,
  secret: string,
  authorization: string | undefined,
  form: URLSearchParams,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  let id: string | null | undefined = form.get('client_id');
  let given: string | null | undefined = form.get('client_secret');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString();
    const colon = decoded.indexOf(':');
    id = decodeURIComponent(decoded.slice(0, colon));
    given = decodeURIComponent(decoded.slice(colon + 1));
  }
  if (id !== LOCAL_ISSUER_CLIENT_ID || typeof given !== 'string' || !sameText(given, secret)) {
    return { status: 401, body: { error: 'invalid_client', error_description: 'unknown client or wrong secret' } };
  }
  if (form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
  const asked = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  const allowed = localScopes(gateway);
  if (asked.some((s) => !allowed.includes(s))) return { status: 400, body: { error: 'invalid_scope', error_description: `scopes are: ${allowed.join(' ')}` } };
  const { token, expiresIn } = await mintLocalToken(gateway, secret, asked.length > 0 ? asked : allowed);
  return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn } };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
