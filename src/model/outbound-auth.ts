import type { CredentialConfig, OutboundAuthConfig, Unnamed } from './config';
import type { Findings } from './findings';
import { show } from './issues';
import { credentialEnvVars, inlineOauthCredentialName } from './names';
import { secretEnvName } from './secret';
import { SIGNING_SERVICE_EXAMPLES } from './sigv4-signing';
import { OUTBOUND_AUTH_RULES, type TargetOptions } from './target';

/** Every outbound auth field of a target's options. */
export const OUTBOUND_AUTH_FIELDS = [
  'outboundAuth',
  'credentialName',
  'oauthClientId',
  'oauthClientSecret',
  'oauthDiscoveryUrl',
  'oauthScopes',
  'apiKeyParameterName',
  'apiKeyPrefix',
  'apiKeyLocation',
] as const satisfies readonly (keyof TargetOptions)[];

/**
 * Checks one target's outbound auth against what its type accepts (OUTBOUND_AUTH_RULES) and returns
 * the resolved auth, or undefined when it has problems (recorded in `f`). Inline OAuth flags add a credential.
 */
export function resolveOutboundAuth(
  f: Findings,
  credentials: Unnamed<CredentialConfig>[],
  label: string,
  gateway: string,
  t: TargetOptions,
): OutboundAuthConfig | undefined {
  const rule = OUTBOUND_AUTH_RULES[t.type];
  if (!rule) return undefined;
  const before = f.issues.length;
  const inline = ['oauthClientId', 'oauthClientSecret', 'oauthDiscoveryUrl'] as const;
  const apiKeyFields = ['apiKeyParameterName', 'apiKeyPrefix', 'apiKeyLocation'] as const;
  const signingFields = ['signingService', 'signingRegion'] as const;
  const set = (field: keyof TargetOptions) => t[field] !== undefined;
  if (rule.allowed.length === 0) {
    for (const field of ['outboundAuth', 'credentialName', ...inline, 'oauthScopes', ...apiKeyFields, ...signingFields] as const) {
      if (set(field)) {
        f.fail(`${label} › ${field}`, `${t.type} targets use the gateway's IAM role and take no outbound auth; remove ${field}`);
      }
    }
    return f.issues.length === before ? { type: 'gateway-iam-role' } : undefined;
  }
  const auth = t.outboundAuth ?? rule.default;
  if (auth === undefined) {
    f.fail(
      `${label} › outboundAuth`,
      `${t.type} targets require outbound auth; set outboundAuth to ${rule.allowed.map((a) => show(a)).join(' or ')} (${rule.allowed.map(needs).join(', ')})`,
    );
    return undefined;
  }
  if (!rule.allowed.includes(auth)) {
    f.fail(`${label} › outboundAuth`, `${show(auth)} is not supported for ${t.type} targets; use ${rule.allowed.map((a) => show(a)).join(' or ')}`);
    return undefined;
  }
  const misplaced = (fields: readonly (keyof TargetOptions)[], why: string) => {
    for (const field of fields) if (set(field)) f.fail(`${label} › ${field}`, `${why}; remove ${field}`);
  };
  if (auth !== 'oauth') misplaced([...inline, 'oauthScopes'], `only applies with outboundAuth "oauth" (this target uses ${show(auth)})`);
  if (auth !== 'api-key') misplaced(apiKeyFields, `only applies with outboundAuth "api-key" (this target uses ${show(auth)})`);
  if (auth !== 'iam') misplaced(signingFields, `only applies with outboundAuth "iam" (this target uses ${show(auth)})`);

  if (auth === 'none') {
    misplaced(['credentialName'], 'a credential needs outboundAuth "oauth" or "api-key"');
    if (f.issues.length > before) return undefined;
    return { type: t.type === 'api-gateway' ? 'gateway-iam-role' : 'none' };
  }
  if (auth === 'iam') {
    misplaced(['credentialName'], 'outboundAuth "iam" signs with the gateway\'s own role and takes no credential');
    if (t.signingService === undefined) {
      f.fail(
        `${label} › signingService`,
        `outboundAuth "iam" needs the AWS service the gateway signs for; set signingService, e.g. ${SIGNING_SERVICE_EXAMPLES}`,
      );
    }
    if (f.issues.length > before) return undefined;
    return { type: 'gateway-iam-role', signing: { service: t.signingService!, ...(t.signingRegion ? { region: t.signingRegion } : {}) } };
  }
  if (auth === 'api-key') {
    if (!requireCredential(f, credentials, label, t.credentialName, 'api-key')) return undefined;
    if (f.issues.length > before) return undefined;
    return {
      type: 'api-key',
      credentialName: t.credentialName!,
      apiKey: {
        parameterName: t.apiKeyParameterName ?? 'x-api-key',
        ...(t.apiKeyPrefix ? { prefix: t.apiKeyPrefix } : {}),
        location: t.apiKeyLocation ?? 'HEADER',
      },
    };
  }
  // oauth: a named credential, or inline client flags from which a credential is made.
  const inlineSet = inline.filter((field) => set(field));
  if (t.credentialName !== undefined && inlineSet.length > 0) {
    f.fail(`${label} › credentialName`, `give either credentialName or the inline ${inline.join('/')} flags, not both`);
    return undefined;
  }
  if (t.credentialName !== undefined) {
    if (!requireCredential(f, credentials, label, t.credentialName, 'oauth')) return undefined;
    return f.issues.length > before ? undefined : { type: 'oauth', credentialName: t.credentialName, ...(t.oauthScopes ? { scopes: t.oauthScopes } : {}) };
  }
  if (inlineSet.length === 0) {
    f.fail(
      `${label} › credentialName`,
      'outboundAuth "oauth" needs a credential; set credentialName to an oauth credential, or give oauthClientId, oauthClientSecret and oauthDiscoveryUrl',
    );
    return undefined;
  }
  for (const field of inline) {
    if (!set(field)) f.fail(`${label} › ${field}`, `inline OAuth needs ${inline.join(', ')}; add ${field}`);
  }
  if (f.issues.length > before) return undefined;
  const name = inlineOauthCredentialName(gateway, t.name);
  const env = credentialEnvVars(name);
  f.warnIfLoopback(`${label} › oauthDiscoveryUrl`, t.oauthDiscoveryUrl!);
  credentials.push({
    name,
    type: 'oauth',
    origin: 'target-inline',
    discoveryUrl: t.oauthDiscoveryUrl!,
    vendor: 'CustomOauth2',
    scopes: t.oauthScopes ?? [],
    clientId: t.oauthClientId!,
    env: { clientSecret: secretEnvName(t.oauthClientSecret, env.clientSecret) },
  });
  return { type: 'oauth', credentialName: name, ...(t.oauthScopes ? { scopes: t.oauthScopes } : {}) };
}

/** What each outbound auth type needs besides itself, for the hint of a target that has none. */
function needs(auth: string): string {
  return auth === 'iam' ? 'iam with signingService' : `${auth} with a credential`;
}

function requireCredential(
  f: Findings,
  credentials: readonly Unnamed<CredentialConfig>[],
  label: string,
  name: string | undefined,
  type: 'oauth' | 'api-key',
): boolean {
  if (name === undefined) {
    f.fail(
      `${label} › credentialName`,
      `outboundAuth ${show(type)} needs a credential; set credentialName to a ${type} credential declared with project.addCredential`,
    );
    return false;
  }
  const found = credentials.find((c) => c.name === name);
  if (!found) {
    const same = credentials.filter((c) => c.type === type).map((c) => show(c.name));
    f.fail(
      `${label} › credentialName`,
      `credential ${show(name)} does not exist; declare it with project.addCredential({ name: ${show(name)}, type: ${show(type)}, ... })${same.length ? ` or use one of: ${same.join(', ')}` : ''}`,
    );
    return false;
  }
  if (found.type !== type) {
    f.fail(
      `${label} › credentialName`,
      `credential ${show(name)} is ${show(found.type)}, but this target's outboundAuth is ${show(type)}; use a ${type} credential`,
    );
    return false;
  }
  return true;
}
