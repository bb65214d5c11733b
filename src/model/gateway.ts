import { z } from 'zod';
import { resourceName } from './names';
import { secretRef } from './secret';
import { discoveryUrl } from './urls';
import { IDENTITY_PROVIDERS, identityScope } from './identity-provider';

export const AUTHORIZER_TYPES = ['NONE', 'AWS_IAM', 'CUSTOM_JWT'] as const;
export type AuthorizerType = (typeof AUTHORIZER_TYPES)[number];

/** A claim the gateway checks in inbound JWTs. */
export const customClaimInput = z.strictObject({
  /** Claim name in the token, e.g. "department". */
  name: z.string().min(1),
  /** How the claim is matched. @default 'EQUALS' for a string value, 'CONTAINS_ANY' for a list */
  operator: z.enum(['EQUALS', 'CONTAINS', 'CONTAINS_ANY']).optional(),
  /** Expected value (or values for CONTAINS_ANY). */
  value: z.union([
    z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/, { error: 'claim values use letters, digits, "_", "." or "-" (1-255)' }),
    z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/)).min(1),
  ]),
});

const scope = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,255}$/, {
  error: 'a scope is 1-255 printable characters without spaces, quotes or backslashes',
});

/** Options of a gateway, named after the reference tool's `add gateway` flags. */
export const gatewayInput = z.strictObject({
  /** Gateway name: letters or digits with single hyphens, unique in the project; deployed as `<project>-<name>`. */
  name: resourceName('Gateway'),
  /** What the gateway offers (1-200 characters). */
  description: z.string().min(1).max(200, { error: 'at most 200 characters; shorten the description' }).optional(),
  /** Who may call the gateway. @default 'NONE' */
  authorizerType: z.enum(AUTHORIZER_TYPES).optional(),
  /** CUSTOM_JWT: the identity provider's OIDC discovery URL. */
  discoveryUrl: discoveryUrl.optional(),
  /** CUSTOM_JWT: accepted `aud` values. */
  allowedAudience: z.array(z.string().min(1)).min(1).optional(),
  /** CUSTOM_JWT: accepted `client_id` values. */
  allowedClients: z.array(z.string().min(1)).min(1).optional(),
  /** CUSTOM_JWT: accepted scopes. */
  allowedScopes: z.array(scope).min(1).optional(),
  /** CUSTOM_JWT: claims every token must carry. */
  customClaims: z.array(customClaimInput).min(1).optional(),
  /** CUSTOM_JWT: OAuth client the agents use to get tokens; creates the `<gateway>-oauth` credential. */
  agentClientId: z.string().min(1).optional(),
  /** CUSTOM_JWT: where the agent client's secret is read, e.g. fromEnv('AGENTCORE_CREDENTIAL_MY_GATEWAY_OAUTH_CLIENT_SECRET'); required with agentClientId. */
  agentClientSecret: secretRef.optional(),
  /**
   * CUSTOM_JWT without an identity provider of your own: deploy provisions one in Amazon Cognito (a
   * user pool, its domain, a resource server with `scopes` and an app client for agents) and the
   * gateway accepts its tokens. Leave out discoveryUrl, allowedAudience, allowedClients,
   * allowedScopes, customClaims, agentClientId and agentClientSecret: the pool provides them.
   */
  identityProvider: z.enum(IDENTITY_PROVIDERS).optional(),
  /** With identityProvider: the scope names of the gateway's resource server. @default ['invoke'] */
  scopes: z.array(identityScope).min(1).optional(),
  /** Semantic tool search (`x_amz_bedrock_agentcore_search`). @default true */
  semanticSearch: z.boolean().optional(),
  /** Error detail returned to MCP callers. @default 'NONE' */
  exceptionLevel: z.enum(['NONE', 'DEBUG']).optional(),
  /** IAM role the gateway assumes to reach its targets. @default - deploy creates a least-privilege role */
  roleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, { error: 'expected an IAM role ARN like "arn:aws:iam::123456789012:role/MyGatewayRole"' })
    .optional(),
  /** Tags of the deployed gateway (at most 50; keys must not start with `aws:`); deploy adds the project tag. */
  tags: z
    .record(
      z
        .string()
        .min(1)
        .max(128)
        .refine((k) => !k.startsWith('aws:'), { error: 'tag keys must not start with "aws:"' }),
      z.string().max(256, { error: 'tag values are at most 256 characters' }),
    )
    .refine((t) => Object.keys(t).length <= 50, { error: 'at most 50 tags; remove some' })
    .optional(),
});

export type GatewayOptions = z.input<typeof gatewayInput>;
export type CustomClaimOptions = z.input<typeof customClaimInput>;
