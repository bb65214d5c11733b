import { createRemoteJWKSet, errors as joseErrors, type JWTPayload, jwtVerify } from 'jose';
import type { GatewayConfig } from '../../model/config';
import type { OidcDiscovery } from '../oidc-discovery';
import { type AuthDecision, header, type InboundAuthorizer, type InboundRequest } from './inbound-authorizer';

type JwtConfig = NonNullable<GatewayConfig['authorizerConfiguration']>['customJwtAuthorizer'];
type ClaimRule = NonNullable<JwtConfig['customClaims']>[number];

/**
 * `authorizerType: CUSTOM_JWT`: a bearer token signed by a key of the identity provider's JWKS
 * (found through the discovery URL), issued by its issuer, with an expiry that has not passed, and matching every rule
 * the gateway configures: audience (one of), client (`client_id`, else `azp`, one of), scopes
 * (at least one allowed scope in `scope`/`scp`), and each custom claim.
 */
export class JwtAuthorizer implements InboundAuthorizer {
  private jwks: { uri: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;

  constructor(
    private readonly gateway: string,
    private readonly config: JwtConfig,
    private readonly discovery: OidcDiscovery,
  ) {}

  async check(req: InboundRequest): Promise<AuthDecision> {
    const auth = header(req.headers, 'authorization');
    const match = auth?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match) return this.refuse(401, undefined, 'a bearer token is required (Authorization: Bearer <token>)');
    let payload: JWTPayload;
    try {
      const metadata = await this.discovery.get(this.config.discoveryUrl);
      if (!metadata.jwks_uri) return this.refuse(401, 'invalid_token', 'the identity provider publishes no jwks_uri');
      payload = (
        await jwtVerify(match[1], this.keys(metadata.jwks_uri), {
          issuer: metadata.issuer,
          ...(this.config.allowedAudience ? { audience: this.config.allowedAudience } : {}),
          // A token without `exp` would never expire; AgentCore's authorizer refuses it too.
          requiredClaims: ['exp'],
          clockTolerance: 5,
        })
      ).payload;
    } catch (e) {
      return this.refuse(401, 'invalid_token', tokenProblem(e));
    }
    const problem = this.claimProblem(payload);
    if (problem) return this.refuse(problem.scope ? 403 : 401, problem.scope ? 'insufficient_scope' : 'invalid_token', problem.message);
    return { ok: true };
  }

  private keys(uri: string) {
    if (this.jwks?.uri !== uri) this.jwks = { uri, keys: createRemoteJWKSet(new URL(uri), { timeoutDuration: 5000 }) };
    return this.jwks.keys;
  }

  private claimProblem(payload: JWTPayload): { message: string; scope?: boolean } | undefined {
    const { allowedClients, allowedScopes, customClaims } = this.config;
    if (allowedClients) {
      const client = payload.client_id ?? payload.azp;
      if (typeof client !== 'string' || !allowedClients.includes(client)) {
        return { message: "the token's client (client_id) is not one of the allowed clients" };
      }
    }
    if (allowedScopes) {
      const granted = scopesOf(payload);
      if (!allowedScopes.some((s) => granted.includes(s))) {
        return { message: `the token carries none of the allowed scopes (${allowedScopes.join(' ')})`, scope: true };
      }
    }
    for (const rule of customClaims ?? []) {
      if (!claimMatches(payload[rule.inboundTokenClaimName], rule)) {
        return { message: `the token's "${rule.inboundTokenClaimName}" claim does not match what the gateway requires` };
      }
    }
    return undefined;
  }

  private refuse(status: 401 | 403, error: string | undefined, description: string): AuthDecision {
    const params = [`realm="${this.gateway}"`];
    if (error) params.push(`error="${error}"`, `error_description="${description.replace(/"/g, "'")}"`);
    return { ok: false, status, message: `Unauthorized: ${description}`, headers: { 'www-authenticate': `Bearer ${params.join(', ')}` } };
  }
}

function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(/\s+/).filter(Boolean);
  if (Array.isArray(payload.scp)) return payload.scp.filter((s): s is string => typeof s === 'string');
  if (typeof payload.scp === 'string') return payload.scp.split(/\s+/).filter(Boolean);
  return [];
}

function claimMatches(claim: unknown, rule: ClaimRule): boolean {
  const { claimMatchValue, claimMatchOperator } = rule.authorizingClaimMatchValue;
  const expected = 'matchValueString' in claimMatchValue ? [claimMatchValue.matchValueString] : claimMatchValue.matchValueStringList;
  const values = Array.isArray(claim) ? claim.filter((v): v is string => typeof v === 'string') : typeof claim === 'string' ? [claim] : [];
  switch (claimMatchOperator) {
    case 'EQUALS':
      return typeof claim === 'string' && claim === expected[0];
    case 'CONTAINS':
      return values.includes(expected[0]);
    case 'CONTAINS_ANY':
      return expected.some((v) => values.includes(v));
  }
}

/** A reason fit for the caller: what is wrong with the token, without echoing it. */
function tokenProblem(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === 'iss') return 'the token was not issued by the configured identity provider';
    if (e.claim === 'aud') return "the token's audience is not one of the allowed audiences";
    if (e.claim === 'exp' && e.reason === 'missing') return 'the token has no expiry ("exp" claim); the gateway accepts only tokens that expire';
    return `the token's "${e.claim}" claim is not valid (${e.reason})`;
  }
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (e instanceof joseErrors.JWKSNoMatchingKey) return 'the token was not signed by a key of the identity provider';
  if (e instanceof joseErrors.JOSEError) return `the token is not valid (${e.code})`;
  return e instanceof Error ? e.message : 'the token could not be checked';
}
