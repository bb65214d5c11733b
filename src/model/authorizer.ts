import type { GatewayConfig } from './config';
import type { CustomClaimOptions, GatewayOptions } from './gateway';

/** The CUSTOM_JWT authorizer of a gateway, as the service takes it. */
export function customJwtAuthorizer(g: GatewayOptions, discoveryUrl: string): NonNullable<GatewayConfig['authorizerConfiguration']> {
  return {
    customJwtAuthorizer: {
      discoveryUrl,
      ...(g.allowedAudience ? { allowedAudience: g.allowedAudience } : {}),
      ...(g.allowedClients ? { allowedClients: g.allowedClients } : {}),
      ...(g.allowedScopes ? { allowedScopes: g.allowedScopes } : {}),
      ...(g.customClaims ? { customClaims: g.customClaims.map(customClaim) } : {}),
    },
  };
}

/** A claim check: a string is matched with EQUALS by default, a list with CONTAINS_ANY. */
function customClaim(c: CustomClaimOptions) {
  const list = Array.isArray(c.value);
  return {
    inboundTokenClaimName: c.name,
    inboundTokenClaimValueType: list ? ('STRING_ARRAY' as const) : ('STRING' as const),
    authorizingClaimMatchValue: {
      claimMatchValue: list ? { matchValueStringList: c.value as string[] } : { matchValueString: c.value as string },
      claimMatchOperator: c.operator ?? (list ? 'CONTAINS_ANY' : 'EQUALS'),
    },
  };
}
