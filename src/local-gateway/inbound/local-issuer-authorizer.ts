import type { GatewayConfig } from '../../model/config';
import { localTokenProblem } from '../local-issuer';
import { type AuthDecision, header, type InboundAuthorizer, type InboundRequest } from './inbound-authorizer';

/**
 * A gateway whose identity provider deploy makes, served locally: a bearer token from the
 * gateway's local issuer (see local-issuer.ts) that has not expired and carries one of its scopes.
 */
export class LocalIssuerAuthorizer implements InboundAuthorizer {
  constructor(
    private readonly gateway: GatewayConfig,
    private readonly secret: string,
  ) {}

  async check(req: InboundRequest): Promise<AuthDecision> {
    const match = header(req.headers, 'authorization')?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match) return this.refuse(undefined, 'a bearer token is required (Authorization: Bearer <token>; `agentcore-projen token --local` prints one)');
    const problem = await localTokenProblem(this.gateway, this.secret, match[1]!);
    return problem ? this.refuse('invalid_token', problem) : { ok: true };
  }

  private refuse(error: string | undefined, description: string): AuthDecision {
    const params = [`realm="${this.gateway.name}"`];
    if (error) params.push(`error="${error}"`, `error_description="${description.replace(/"/g, "'")}"`);
    return { ok: false, status: 401, message: `Unauthorized: ${description}`, headers: { 'www-authenticate': `Bearer ${params.join(', ')}` } };
  }
}
