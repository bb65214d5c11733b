import type { CredentialConfig, GatewayConfig, ProjectConfig, RuntimeConfig } from '../../model/config';
import { frameworkManifest } from '../../model/frameworks';
import type { AuthorizerType } from '../../model/gateway';
import { envToken } from '../../model/names';
import { frameworkRequirements } from './framework-python';
import { PROVIDERS } from './providers';
import { mergeRequirements } from './requirements';

/** Requirements of every generated agent, whatever its framework. */
export const BASE_REQUIREMENTS = [
  // The runtime app (BedrockAgentCoreApp) and AgentCore Identity tokens for CUSTOM_JWT gateways.
  'bedrock-agentcore>=1.0',
  // The generated gateway clients authenticate with httpx.Auth objects, the HTTP stack of MCP SDK 1.x
  // (2.x moved to httpx2), and AgentCore gateways speak the protocol versions of 1.x.
  'mcp>=1.24,<2',
  'httpx>=0.27',
] as const;

/** Requirements an agent needs because one of its gateways uses an inbound auth type. */
export const AUTH_REQUIREMENTS: Readonly<Record<AuthorizerType, readonly string[]>> = {
  NONE: [],
  AWS_IAM: ['mcp-proxy-for-aws>=1.1'],
  CUSTOM_JWT: [],
};

/** What a CUSTOM_JWT gateway's client needs to obtain bearer tokens. */
export interface JwtContext {
  /** AgentCore Identity provider of the gateway's managed credential; null when it declares no agent client. */
  readonly providerName: string | null;
  /** The identity provider's discovery URL; null when deploy makes the provider (then it comes from `discoveryUrlEnv`). */
  readonly discoveryUrl: string | null;
  /** With LOCAL_DEV=1, the variable that gives the discovery URL (set by `dev`), when deploy makes the identity provider. */
  readonly discoveryUrlEnv: string | null;
  /** The agent client id from the model (not a secret); the env var overrides it. */
  readonly clientId: string | null;
  readonly clientIdEnv: string;
  readonly clientSecretEnv: string;
  readonly scopes: readonly string[];
}

export interface GatewayContext {
  readonly name: string;
  /** The gateway name lower-cased, `-` → `_`: prefix of its tool names. */
  readonly snake: string;
  /** `get_<snake>_client`. */
  readonly functionName: string;
  readonly authorizerType: AuthorizerType;
  readonly description: string | null;
  readonly urlEnv: string;
  /** Partial that builds `auth` for this gateway's inbound auth type. */
  readonly authPartial: string;
  readonly jwt: JwtContext | null;
}

export interface AgentContext {
  /** Marker text for the top of generated files. */
  readonly marker: string;
  readonly name: string;
  /** Folder of the agent, relative to the project root. */
  readonly dir: string;
  readonly description: string | null;
  /** The agent's description or a default; used as the system prompt. */
  readonly systemPrompt: string;
  readonly framework: RuntimeConfig['framework'];
  readonly frameworkDisplayName: string;
  /** The display name after its indefinite article, capitalized: "An OpenAI Agents SDK". */
  readonly frameworkWithArticle: string;
  readonly modelProvider: RuntimeConfig['modelProvider'];
  readonly providerDisplayName: string;
  readonly modelId: string;
  readonly apiKeyEnv: string | null;
  /** The credential provider (its name in the account) that holds the API key on AgentCore Runtime. */
  readonly apiKeyProvider: string | null;
  /** Where the model's credentials come from, for docstrings. */
  readonly credentialNote: string;
  /** The `[project] name` and `description` of pyproject.toml. */
  readonly packageName: string;
  readonly pyprojectDescription: string;
  /** First paragraph of the README. */
  readonly readmeDescription: string;
  readonly dependencies: readonly string[];
  readonly gateways: readonly GatewayContext[];
  /** Env vars the agent reads, for its README. */
  readonly envVars: readonly { readonly name: string; readonly purpose: string }[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Everything the agent templates need, computed here so templates only print. Pure. */
export function agentContext(runtime: RuntimeConfig, config: ProjectConfig, marker: string): AgentContext {
  const provider = PROVIDERS[runtime.modelProvider];
  const gateways = config.agentCoreGateways.map((g) => gatewayContext(g, config.credentials));
  const authTypes = new Set(gateways.map((g) => g.authorizerType));
  const description = runtime.description ?? null;
  return {
    marker,
    name: runtime.name,
    dir: runtime.codeLocation.replace(/\/+$/, ''),
    description,
    systemPrompt: description ?? 'You are a helpful assistant. Use the tools you have when they help answer the question.',
    framework: runtime.framework,
    frameworkDisplayName: frameworkManifest(runtime.framework).displayName,
    frameworkWithArticle: withArticle(frameworkManifest(runtime.framework).displayName),
    modelProvider: runtime.modelProvider,
    providerDisplayName: provider.displayName,
    modelId: runtime.modelId ?? provider.defaultModelId,
    apiKeyEnv: provider.apiKeyEnv,
    apiKeyProvider: modelApiKeyProvider(runtime, config),
    credentialNote: provider.apiKeyEnv
      ? `The API key is read when the model is loaded, from ${provider.apiKeyEnv} with LOCAL_DEV=1 and from AgentCore Identity on the Runtime; it is never stored in the project.`
      : 'Bedrock is called with the AWS credentials and AWS_REGION of the environment.',
    packageName: runtime.name.toLowerCase().replace(/_/g, '-'),
    pyprojectDescription: description ?? `The ${runtime.name} agent`,
    readmeDescription: description ?? `The ${runtime.name} agent.`,
    dependencies: mergeRequirements(
      BASE_REQUIREMENTS,
      frameworkRequirements(runtime.framework, runtime.modelProvider),
      ...[...authTypes].sort().map((t) => AUTH_REQUIREMENTS[t]),
      runtime.dependencies,
    ),
    gateways,
    envVars: envVars(gateways, provider.apiKeyEnv, runtime.modelProvider === 'Bedrock'),
  };
}

/** The deployed name of the api-key credential that holds the agent's model key, if its provider needs one. */
function modelApiKeyProvider(runtime: RuntimeConfig, config: ProjectConfig): string | null {
  const name = runtime.modelApiKey?.credentialName;
  if (name === undefined) return null;
  const credential = config.credentials.find((c) => c.name === name);
  if (!credential) throw new Error(`agent ${runtime.name}: credential ${name} of its model API key is not in the config`);
  return credential.deployedName;
}

function gatewayContext(g: GatewayConfig, credentials: readonly CredentialConfig[]): GatewayContext {
  const snake = envToken(g.name).toLowerCase();
  const functionName = `get_${snake}_client`;
  if (!IDENTIFIER.test(functionName)) throw new Error(`gateway name ${JSON.stringify(g.name)} gives no Python identifier`);
  return {
    name: g.name,
    snake,
    functionName,
    authorizerType: g.authorizerType,
    description: g.description ?? null,
    urlEnv: g.env.url,
    authPartial: `agent/gateway-auth/${g.authorizerType}`,
    jwt: g.authorizerType === 'CUSTOM_JWT' ? jwtContext(g, credentials) : null,
  };
}

function jwtContext(g: GatewayConfig, credentials: readonly CredentialConfig[]): JwtContext {
  const jwt = g.authorizerConfiguration?.customJwtAuthorizer;
  if (!jwt && !g.identityProvider) throw new Error(`gateway ${JSON.stringify(g.name)} is CUSTOM_JWT but has no customJwtAuthorizer`);
  // The variable names are the resolved config's: the ones deploy and dev use too.
  const { clientId: clientIdEnv, clientSecret: clientSecretEnv } = g.env;
  if (!clientIdEnv || !clientSecretEnv) {
    throw new Error(`gateway ${JSON.stringify(g.name)} is CUSTOM_JWT but its config names no client id/secret variables`);
  }
  const credential = credentials.find((c) => c.name === g.agentCredentialName && c.type === 'oauth');
  return {
    providerName: g.agentCredentialName ?? null,
    discoveryUrl: jwt?.discoveryUrl ?? null,
    discoveryUrlEnv: g.env.discoveryUrl ?? null,
    clientId: credential?.type === 'oauth' ? (credential.clientId ?? null) : null,
    clientIdEnv,
    clientSecretEnv,
    scopes: credential?.type === 'oauth' ? credential.scopes : (jwt?.allowedScopes ?? []),
  };
}

/** "A" or "An" before a name; every framework's display name is pronounced as it is spelt. */
function withArticle(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'An' : 'A'} ${name}`;
}

function envVars(gateways: readonly GatewayContext[], apiKeyEnv: string | null, bedrock: boolean) {
  const vars: { name: string; purpose: string }[] = [];
  if (apiKeyEnv) vars.push({ name: apiKeyEnv, purpose: 'API key of the model provider' });
  const sigv4 = gateways.some((g) => g.authorizerType === 'AWS_IAM');
  const regionOf = [...(bedrock ? ['Amazon Bedrock'] : []), ...(sigv4 ? ['the SigV4 signature for AWS_IAM gateways'] : [])];
  if (regionOf.length) vars.push({ name: 'AWS_REGION', purpose: `region of ${regionOf.join(' and of ')}` });
  for (const g of gateways) {
    vars.push({ name: g.urlEnv, purpose: `URL of gateway "${g.name}" (the gateway is skipped when unset)` });
    if (g.jwt) {
      const idPurpose = g.jwt.clientId === null ? 'OAuth client id' : `overrides the OAuth client id of the model (${g.jwt.clientId})`;
      vars.push({ name: g.jwt.clientIdEnv, purpose: `with LOCAL_DEV=1: ${idPurpose} for gateway "${g.name}"` });
      vars.push({ name: g.jwt.clientSecretEnv, purpose: `with LOCAL_DEV=1: OAuth client secret for gateway "${g.name}"` });
      if (g.jwt.discoveryUrlEnv) {
        vars.push({
          name: g.jwt.discoveryUrlEnv,
          purpose: `with LOCAL_DEV=1: discovery URL of the identity provider of gateway "${g.name}" (set by \`npx projen dev\`)`,
        });
      }
    }
  }
  if (gateways.some((g) => g.jwt)) vars.push({ name: 'LOCAL_DEV', purpose: '1 to get gateway tokens without AWS' });
  vars.push({ name: 'PORT', purpose: 'port of the local server (default 8080)' });
  return vars;
}
