import { z } from 'zod';
import { CREDENTIAL_NAME } from './names';
import { secretRef } from './secret';
import { discoveryUrl } from './urls';

const credentialName = z.string().regex(CREDENTIAL_NAME, {
  error: (iss) => `credential name ${JSON.stringify(iss.input)} is invalid; use 1-128 letters, digits, "_" or "-", e.g. "MyOAuthProvider"`,
});

/** An API key kept in the AgentCore token vault. */
export const apiKeyCredentialInput = z.strictObject({
  /** Credential name (1-128 letters, digits, `_` or `-`); targets refer to it with `credentialName`. */
  name: credentialName,
  /** The credential type. */
  type: z.literal('api-key'),
  /** Where deploy reads the key. @default fromEnv('AGENTCORE_CREDENTIAL_<NAME>') */
  apiKey: secretRef.optional(),
});

/** An OAuth2 client (client-credentials flow) kept in the AgentCore token vault. */
export const oauthCredentialInput = z.strictObject({
  /** Credential name (1-128 letters, digits, `_` or `-`); targets refer to it with `credentialName`. */
  name: credentialName,
  /** The credential type. */
  type: z.literal('oauth'),
  /** OIDC discovery URL of the identity provider. */
  discoveryUrl,
  /** The client id: a value (it is not secret) or a reference. @default fromEnv('AGENTCORE_CREDENTIAL_<NAME>_CLIENT_ID') */
  clientId: z.union([z.string().min(1), secretRef]).optional(),
  /** Where deploy reads the client secret. @default fromEnv('AGENTCORE_CREDENTIAL_<NAME>_CLIENT_SECRET') */
  clientSecret: secretRef.optional(),
  /** Scopes requested with the token. */
  scopes: z.array(z.string().min(1)).optional(),
  /** Credential provider vendor. @default 'CustomOauth2' */
  vendor: z.string().min(1).optional(),
});

export const credentialInput = z.discriminatedUnion('type', [apiKeyCredentialInput, oauthCredentialInput], {
  error: (iss) => `credential type ${JSON.stringify((iss.input as { type?: unknown } | undefined)?.type)} is not supported; use "api-key" or "oauth"`,
});

export type ApiKeyCredentialOptions = z.input<typeof apiKeyCredentialInput>;
export type OAuthCredentialOptions = z.input<typeof oauthCredentialInput>;
export type CredentialOptions = z.input<typeof credentialInput>;
