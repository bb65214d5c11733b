import type { CredentialConfig } from '../model/config';
import type { McpHost, ToolDefinition } from '../model/managed-server';
import { toGatewayTools } from '../tool-schema/gateway-schema';
import type { DesiredGateway, DesiredRole, DesiredTarget } from './desired';
import type { CredentialSecrets } from './secrets';

/*
 * The request bodies deploy sends, built from the desired resources. They are plain data in the
 * SDK's wire shapes (the Create/Update request members); the same builders give the "desired" side of
 * every comparison, so what is compared is exactly what would be sent.
 */

type Json = Record<string, unknown>;

/** Create/UpdateGateway members deploy manages (without name, token and tags). */
export function gatewaySpec(g: DesiredGateway, roleArn: string): Json {
  const c = g.config;
  const jwt = c.authorizerConfiguration?.customJwtAuthorizer;
  return {
    roleArn,
    authorizerType: c.authorizerType,
    ...(c.description ? { description: c.description } : {}),
    protocolType: 'MCP',
    protocolConfiguration: { mcp: c.semanticSearch ? { searchType: 'SEMANTIC' } : {} },
    ...(jwt
      ? {
          authorizerConfiguration: {
            customJWTAuthorizer: {
              discoveryUrl: jwt.discoveryUrl,
              ...(jwt.allowedAudience ? { allowedAudience: jwt.allowedAudience } : {}),
              ...(jwt.allowedClients ? { allowedClients: jwt.allowedClients } : {}),
              ...(jwt.allowedScopes ? { allowedScopes: jwt.allowedScopes } : {}),
              ...(jwt.customClaims ? { customClaims: jwt.customClaims } : {}),
            },
          },
        }
      : {}),
    ...(c.exceptionLevel === 'DEBUG' ? { exceptionLevel: 'DEBUG' } : {}),
  };
}

/** Provider ARNs a target's credential resolves to. */
export interface CredentialRef {
  credentialProviderArn: string;
}

/** A managed server as deployed: its Lambda function's ARN, or its runtime's. */
export interface ServerRef {
  host: McpHost;
  arn: string;
}

/** The service that signs the gateway's calls to a managed server on AgentCore Runtime. */
const RUNTIME_SIGNING_SERVICE = 'bedrock-agentcore';

/**
 * Create/UpdateGatewayTarget members (without the gateway id and token), for a gateway in `region`.
 * A managed server's target points at its server, unknown (undefined members) until that is deployed.
 */
export function targetSpec(t: DesiredTarget, credential: CredentialRef | undefined, region: string, server?: ServerRef): Json {
  const c = t.config;
  return {
    name: c.name,
    ...(c.description ? { description: c.description } : {}),
    targetConfiguration: { mcp: t.server ? managedTarget(t, server) : mcpTarget(t) },
    ...(t.server?.host === 'AgentCoreRuntime'
      ? {
          // The region is sent, as for other signed targets, so what the service echoes compares equal.
          credentialProviderConfigurations: [
            { credentialProviderType: 'GATEWAY_IAM_ROLE', credentialProvider: { iamCredentialProvider: { service: RUNTIME_SIGNING_SERVICE, region } } },
          ],
        }
      : credentialConfiguration(t, credential, region)),
  };
}

/** Lambda: the function with the tools derived from its code; Runtime: the runtime's MCP endpoint. */
function managedTarget(t: DesiredTarget, server: ServerRef | undefined): Json {
  // The tools read from the code, in the gateway's terms (an enum is told in the description).
  if (t.server?.host === 'Lambda')
    return { lambda: { lambdaArn: server?.arn, toolSchema: { inlinePayload: toGatewayTools(t.payload as ToolDefinition[]) as unknown as Json } } };
  return { mcpServer: { endpoint: server ? runtimeInvocationUrl(server.arn) : undefined } };
}

/**
 * Where a runtime answers MCP (its DEFAULT endpoint):
 * `https://bedrock-agentcore.<region>.amazonaws.com/runtimes/<url-encoded ARN>/invocations?qualifier=DEFAULT`.
 */
export function runtimeInvocationUrl(runtimeArn: string): string {
  const [, partition, , region] = runtimeArn.split(':');
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://bedrock-agentcore.${region}.${domain}/runtimes/${encodeURIComponent(runtimeArn)}/invocations?qualifier=DEFAULT`;
}

function schemaSource(t: DesiredTarget, ref: { s3Uri?: string }): Json {
  if (ref.s3Uri) return { s3: { uri: ref.s3Uri } };
  return { inlinePayload: Array.isArray(t.payload) ? t.payload.map(toolDefinition) : t.payload };
}

/**
 * A tool as the service models it. The SDK drops members it does not model (enum,
 * additionalProperties, ...), so the tool file is reduced to the same shape here: what is
 * compared is what the service can hold.
 */
function toolDefinition(tool: unknown): Json {
  const t = tool as Record<string, unknown>;
  return {
    name: t.name,
    description: t.description,
    inputSchema: schemaDefinition(t.inputSchema),
    ...(t.outputSchema !== undefined ? { outputSchema: schemaDefinition(t.outputSchema) } : {}),
  };
}

function schemaDefinition(schema: unknown): Json {
  const s = (schema ?? {}) as Record<string, unknown>;
  const properties = s.properties as Record<string, unknown> | undefined;
  return {
    type: s.type,
    ...(properties ? { properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, schemaDefinition(v)])) } : {}),
    ...(Array.isArray(s.required) ? { required: s.required } : {}),
    ...(s.items !== undefined ? { items: schemaDefinition(s.items) } : {}),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  };
}

function mcpTarget(t: DesiredTarget): Json {
  const c = t.config;
  switch (c.type) {
    case 'mcp-server':
      return { mcpServer: { endpoint: c.endpoint } };
    case 'api-gateway':
      return {
        apiGateway: {
          restApiId: c.restApiId,
          stage: c.stage,
          apiGatewayToolConfiguration: {
            toolFilters: c.toolFilters,
            ...(c.toolOverrides.length > 0 ? { toolOverrides: c.toolOverrides } : {}),
          },
        },
      };
    case 'open-api-schema':
      return { openApiSchema: schemaSource(t, c.schema) };
    case 'smithy-model':
      return { smithyModel: schemaSource(t, c.schema) };
    case 'lambda-function-arn':
      return { lambda: { lambdaArn: c.lambdaArn, toolSchema: schemaSource(t, c.toolSchema) } };
  }
}

function credentialConfiguration(t: DesiredTarget, credential: CredentialRef | undefined, region: string): Json {
  const auth = t.config.outboundAuth;
  switch (auth.type) {
    case 'none':
      return {};
    case 'gateway-iam-role':
      if (!auth.signing) return { credentialProviderConfigurations: [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }] };
      // The region is always sent (the deploy's when the model gives none, as the service would
      // default it), so what the service echoes compares equal whether or not it fills it in.
      return {
        credentialProviderConfigurations: [
          {
            credentialProviderType: 'GATEWAY_IAM_ROLE',
            credentialProvider: { iamCredentialProvider: { service: auth.signing.service, region: auth.signing.region ?? region } },
          },
        ],
      };
    case 'oauth':
      return {
        credentialProviderConfigurations: [
          {
            credentialProviderType: 'OAUTH',
            credentialProvider: {
              oauthCredentialProvider: { providerArn: credential?.credentialProviderArn, scopes: auth.scopes ?? [] },
            },
          },
        ],
      };
    case 'api-key':
      return {
        credentialProviderConfigurations: [
          {
            credentialProviderType: 'API_KEY',
            credentialProvider: {
              apiKeyCredentialProvider: {
                providerArn: credential?.credentialProviderArn,
                credentialParameterName: auth.apiKey?.parameterName,
                ...(auth.apiKey?.prefix ? { credentialPrefix: auth.apiKey.prefix } : {}),
                credentialLocation: auth.apiKey?.location,
              },
            },
          },
        ],
      };
  }
}

/** Vendors with their own config member; the rest use the "included" provider config. */
const VENDOR_CONFIG_KEYS: Record<string, string> = {
  CustomOauth2: 'customOauth2ProviderConfig',
  GoogleOauth2: 'googleOauth2ProviderConfig',
  GithubOauth2: 'githubOauth2ProviderConfig',
  SlackOauth2: 'slackOauth2ProviderConfig',
  SalesforceOauth2: 'salesforceOauth2ProviderConfig',
  MicrosoftOauth2: 'microsoftOauth2ProviderConfig',
  AtlassianOauth2: 'atlassianOauth2ProviderConfig',
  LinkedinOauth2: 'linkedinOauth2ProviderConfig',
};

export function oauthConfigKey(vendor: string): string {
  return VENDOR_CONFIG_KEYS[vendor] ?? 'includedOauth2ProviderConfig';
}

/** The non-secret part of an OAuth provider: what Get returns and a plan compares. */
export function oauthShape(c: Extract<CredentialConfig, { type: 'oauth' }>, clientId: string | undefined) {
  return { vendor: c.vendor, configKey: oauthConfigKey(c.vendor), discoveryUrl: c.discoveryUrl, clientId };
}

/** Create/UpdateOauth2CredentialProvider body (holds the client secret: never log it). */
export function oauthRequest(name: string, c: Extract<CredentialConfig, { type: 'oauth' }>, secrets: CredentialSecrets): Json {
  const key = oauthConfigKey(c.vendor);
  const client = { clientId: secrets.clientId, clientSecret: secrets.clientSecret };
  // An identity provider deploy makes supplies its discovery URL once it exists (see identity-values.ts).
  if (!c.discoveryUrl) throw new Error(`credential "${c.name}": its identity provider's discovery URL is not known yet`);
  let config: Json;
  if (key === 'customOauth2ProviderConfig') config = { oauthDiscovery: { discoveryUrl: c.discoveryUrl }, ...client };
  else if (key === 'includedOauth2ProviderConfig') config = { ...client, issuer: c.discoveryUrl.replace(/\/\.well-known\/openid-configuration$/, '') };
  else config = client;
  return { name, credentialProviderVendor: c.vendor, oauth2ProviderConfigInput: { [key]: config } };
}

/** Create/UpdateApiKeyCredentialProvider body (holds the key: never log it). */
export function apiKeyRequest(name: string, secrets: CredentialSecrets): Json {
  return { name, apiKey: secrets.apiKey };
}

const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock-agentcore.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export function trustPolicy(): Json {
  return TRUST_POLICY;
}

/** Where a role's permissions point: taken from ARNs the account already gave us. */
export interface PolicyContext {
  partition: string;
  region: string;
  account: string;
  /** Provider and secret ARNs of the credentials the gateway's targets use. */
  credentials: { credentialProviderArn: string; secretArn?: string; type: 'oauth' | 'api-key' }[];
  /** The managed servers its targets reach (`role.servers`, deployed). */
  servers: ServerRef[];
}

/**
 * Least privilege for a gateway's role: invoke exactly its Lambda functions and API stages (and the
 * runtimes and gateways of the targets it signs for), and read exactly the credentials its targets
 * use. Undefined when the gateway needs nothing.
 */
export function rolePolicy(role: DesiredRole, ctx: PolicyContext): Json | undefined {
  const statements: Json[] = [];
  const functions = [...role.lambdaArns, ...ctx.servers.filter((s) => s.host === 'Lambda').map((s) => s.arn)];
  if (functions.length > 0) {
    statements.push({ Sid: 'InvokeLambdaTargets', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: functions });
  }
  const signed = role.signedCalls;
  const stages = [
    ...role.apis.map((a) => `arn:${ctx.partition}:execute-api:${ctx.region}:${ctx.account}:${a.restApiId}/${a.stage}/*/*`),
    ...signed.flatMap((c) => (c.kind === 'api-stage' ? [`arn:${ctx.partition}:execute-api:${c.region}:${ctx.account}:${c.restApiId}/${c.stage}/*/*`] : [])),
  ];
  if (stages.length > 0) {
    statements.push({ Sid: 'InvokeApiGatewayTargets', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [...new Set(stages)] });
  }
  const runtimes = [
    ...signed.flatMap((c) => {
      if (c.kind !== 'agent-runtime') return [];
      const arn = `arn:${ctx.partition}:bedrock-agentcore:${c.region}:${c.account ?? ctx.account}:runtime/${c.runtimeId}`;
      return [arn, `${arn}/runtime-endpoint/${c.qualifier}`];
    }),
    // Managed servers on AgentCore Runtime: exactly those runtimes, through the endpoint their target calls.
    ...ctx.servers.filter((s) => s.host === 'AgentCoreRuntime').flatMap((s) => [s.arn, `${s.arn}/runtime-endpoint/DEFAULT`]),
  ];
  if (runtimes.length > 0) {
    statements.push({ Sid: 'InvokeAgentRuntimeTargets', Effect: 'Allow', Action: 'bedrock-agentcore:InvokeAgentRuntime', Resource: [...new Set(runtimes)] });
  }
  const gateways = signed.flatMap((c) =>
    c.kind === 'gateway' ? [`arn:${ctx.partition}:bedrock-agentcore:${c.region}:${ctx.account}:gateway/${c.gatewayId}`] : [],
  );
  if (gateways.length > 0) {
    statements.push({ Sid: 'InvokeGatewayTargets', Effect: 'Allow', Action: 'bedrock-agentcore:InvokeGateway', Resource: [...new Set(gateways)] });
  }
  if (ctx.credentials.length > 0) {
    const directory = `arn:${ctx.partition}:bedrock-agentcore:${ctx.region}:${ctx.account}:workload-identity-directory/default`;
    statements.push({
      Sid: 'GetWorkloadToken',
      Effect: 'Allow',
      Action: 'bedrock-agentcore:GetWorkloadAccessToken',
      Resource: [directory, `${directory}/workload-identity/*`],
    });
    const vault = `arn:${ctx.partition}:bedrock-agentcore:${ctx.region}:${ctx.account}:token-vault/default`;
    const oauth = ctx.credentials.filter((c) => c.type === 'oauth').map((c) => c.credentialProviderArn);
    const keys = ctx.credentials.filter((c) => c.type === 'api-key').map((c) => c.credentialProviderArn);
    if (oauth.length > 0) {
      statements.push({ Sid: 'GetOauthTokens', Effect: 'Allow', Action: 'bedrock-agentcore:GetResourceOauth2Token', Resource: [vault, ...oauth] });
    }
    if (keys.length > 0) {
      statements.push({ Sid: 'GetApiKeys', Effect: 'Allow', Action: 'bedrock-agentcore:GetResourceApiKey', Resource: [vault, ...keys] });
    }
    const secrets = ctx.credentials.flatMap((c) => (c.secretArn ? [c.secretArn] : []));
    if (secrets.length > 0) {
      statements.push({ Sid: 'ReadCredentialSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secrets });
    }
  }
  return statements.length > 0 ? { Version: '2012-10-17', Statement: statements } : undefined;
}

/** Partition and account of an ARN (`arn:<partition>:<service>:<region>:<account>:...`). */
export function arnParts(arn: string): { partition: string; account: string } | undefined {
  const [scheme, partition, , , account, resource] = arn.split(':');
  return scheme === 'arn' && partition !== undefined && account !== undefined && resource !== undefined ? { partition, account } : undefined;
}
