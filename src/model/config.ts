import { z } from 'zod';
import { FRAMEWORKS, MODEL_PROVIDERS } from './frameworks';
import { AUTHORIZER_TYPES } from './gateway';
import { managedServerConfig } from './managed-server';
import { NETWORK_MODES, PYTHON_RUNTIMES } from './runtime-settings';
import { HTTP_METHODS } from './target';

/*
 * The resolved project config, written to `agentcore/agentcore.json` by synth and read by deploy,
 * dev and the local gateway. Every default is filled in and every derived name is spelled out, so
 * readers never re-derive anything. Field names follow the reference tool's config where the concept
 * is the same (`agentCoreGateways`, `targets`, `credentials`, `runtimes`).
 */

const fileRef = z
  .strictObject({
    /** Path relative to the project root. */
    path: z.string().optional(),
    /** Or an S3 location. */
    s3Uri: z.string().optional(),
    /** sha256 of the file at synth time, so a changed file shows up as a changed config. */
    sha256: z.string().optional(),
  })
  .describe('A schema file in the project, or an s3:// URI');

/** How a gateway signs its calls to a target with its own role: SigV4 for this service (and region). */
export const sigV4SigningConfig = z.strictObject({
  /** The SigV4 signing name of the service behind the target, e.g. `execute-api`, `bedrock-agentcore`. */
  service: z.string(),
  /** The region signed for; absent: the gateway's region. */
  region: z.string().optional(),
});

export const outboundAuthConfig = z.strictObject({
  /**
   * `gateway-iam-role`: the gateway's own IAM role. Without `signing`, the role the service itself
   * uses to call the target (smithy, lambda, api-gateway without a key); with `signing`, the gateway
   * signs each request to the target with that role (`outboundAuth: 'iam'` of mcp-server and
   * open-api-schema targets).
   */
  type: z.enum(['none', 'oauth', 'api-key', 'gateway-iam-role']),
  signing: sigV4SigningConfig.optional(),
  credentialName: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  apiKey: z
    .strictObject({
      parameterName: z.string(),
      prefix: z.string().optional(),
      location: z.enum(['HEADER', 'QUERY_PARAMETER']),
    })
    .optional(),
});

const targetBase = {
  name: z.string(),
  description: z.string().optional(),
  outboundAuth: outboundAuthConfig,
};

export const targetConfig = z.discriminatedUnion('type', [
  z.strictObject({
    ...targetBase,
    type: z.literal('mcp-server'),
    /** An MCP server the user runs; absent for a managed one. */
    endpoint: z.string().optional(),
    /** A server deploy hosts from the user's code; absent for one given by `endpoint`. */
    managed: managedServerConfig.optional(),
  }),
  z.strictObject({
    ...targetBase,
    type: z.literal('api-gateway'),
    restApiId: z.string(),
    stage: z.string(),
    toolFilters: z.array(z.strictObject({ filterPath: z.string(), methods: z.array(z.enum(HTTP_METHODS)) })),
    toolOverrides: z.array(z.strictObject({ name: z.string(), path: z.string(), method: z.enum(HTTP_METHODS), description: z.string().optional() })),
  }),
  z.strictObject({ ...targetBase, type: z.literal('open-api-schema'), schema: fileRef }),
  z.strictObject({ ...targetBase, type: z.literal('smithy-model'), schema: fileRef }),
  z.strictObject({ ...targetBase, type: z.literal('lambda-function-arn'), lambdaArn: z.string(), toolSchema: fileRef }),
]);

export const customClaimConfig = z.strictObject({
  inboundTokenClaimName: z.string(),
  inboundTokenClaimValueType: z.enum(['STRING', 'STRING_ARRAY']),
  authorizingClaimMatchValue: z.strictObject({
    claimMatchValue: z.union([z.strictObject({ matchValueString: z.string() }), z.strictObject({ matchValueStringList: z.array(z.string()) })]),
    claimMatchOperator: z.enum(['EQUALS', 'CONTAINS', 'CONTAINS_ANY']),
  }),
});

export const gatewayConfig = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  authorizerType: z.enum(AUTHORIZER_TYPES),
  authorizerConfiguration: z
    .strictObject({
      customJwtAuthorizer: z.strictObject({
        discoveryUrl: z.string(),
        allowedAudience: z.array(z.string()).optional(),
        allowedClients: z.array(z.string()).optional(),
        allowedScopes: z.array(z.string()).optional(),
        customClaims: z.array(customClaimConfig).optional(),
      }),
    })
    .optional(),
  /** CUSTOM_JWT: the managed credential agents use to obtain bearer tokens. */
  agentCredentialName: z.string().optional(),
  semanticSearch: z.boolean(),
  exceptionLevel: z.enum(['NONE', 'DEBUG']),
  roleArn: z.string().optional(),
  /** Name in the account: `<project>-<name>`. */
  deployedName: z.string(),
  /** Without `roleArn`: the IAM role deploy creates for the gateway. */
  managedRoleName: z.string().optional(),
  tags: z.record(z.string(), z.string()),
  /**
   * Env var names that carry this gateway into agents; agents read exactly these, never a name of
   * their own making.
   */
  env: z.strictObject({
    url: z.string(),
    authType: z.string(),
    /** CUSTOM_JWT, with LOCAL_DEV=1: the agent client id (overrides `agentClientId` when set). */
    clientId: z.string().optional(),
    /** CUSTOM_JWT, with LOCAL_DEV=1: the agent client secret; the `fromEnv` name of `agentClientSecret`. */
    clientSecret: z.string().optional(),
  }),
  targets: z.array(targetConfig),
});

export const credentialConfig = z.discriminatedUnion('type', [
  z.strictObject({
    name: z.string(),
    type: z.literal('api-key'),
    /** Name in the account: `<project>-<name>`. */
    deployedName: z.string(),
    /** Env var deploy reads the key from. */
    env: z.strictObject({ apiKey: z.string() }),
  }),
  z.strictObject({
    name: z.string(),
    type: z.literal('oauth'),
    /** Name in the account: `<project>-<name>`. */
    deployedName: z.string(),
    /** Who declared it: the user, a CUSTOM_JWT gateway's agent client, or a target's inline OAuth flags. */
    origin: z.enum(['declared', 'gateway-agent-client', 'target-inline']),
    discoveryUrl: z.string(),
    vendor: z.string(),
    scopes: z.array(z.string()),
    /** The client id when it is given as a value. */
    clientId: z.string().optional(),
    /** Env vars deploy reads secrets (and a client id given by reference) from. */
    env: z.strictObject({ clientId: z.string().optional(), clientSecret: z.string() }),
  }),
]);

export const runtimeConfig = z.strictObject({
  name: z.string(),
  framework: z.enum(FRAMEWORKS),
  modelProvider: z.enum(MODEL_PROVIDERS),
  modelId: z.string().optional(),
  description: z.string().optional(),
  /** Folder of the agent's code, relative to the project root. */
  codeLocation: z.string(),
  entrypoint: z.string(),
  /** Extra Python requirements declared in the model. */
  dependencies: z.array(z.string()),
  /** Name on AgentCore Runtime (`<project>_<agent>`); absent for an agent with `deploy: false`, which stays local. */
  deployedName: z.string().optional(),
  /** The runtime's execution role, when the model gives it. */
  executionRoleArn: z.string().optional(),
  /** Name of the execution role deploy creates (a deployed agent without `executionRoleArn`). */
  managedRoleName: z.string().optional(),
  /**
   * The model provider's API key (not for Bedrock): the api-key credential that holds it on the
   * Runtime, and the env var it is read from locally and by deploy.
   */
  modelApiKey: z.strictObject({ credentialName: z.string(), env: z.string() }).optional(),
  /** Python of the runtime; the package's wheels are installed for it (a config written before it existed means 3.12). */
  pythonRuntime: z.enum(PYTHON_RUNTIMES).default('PYTHON_3_12'),
  /** The runtime's `networkConfiguration` (a config written before it existed means PUBLIC). */
  network: z
    .strictObject({
      networkMode: z.enum(NETWORK_MODES),
      networkModeConfig: z.strictObject({ subnets: z.array(z.string()), securityGroups: z.array(z.string()) }).optional(),
    })
    .default({ networkMode: 'PUBLIC' }),
});

/** The resolved model, as `agentcore/agentcore.json` holds it (its JSON Schema: `agentcore/agentcore.schema.json`). */
export const projectConfig = z.strictObject({
  /** Path of the JSON Schema, for editors. */
  $schema: z.string().optional(),
  /** The project name. */
  name: z.string(),
  /** Version of this file's format. */
  version: z.literal(1),
  /** Gateways with their targets, every default filled in. */
  agentCoreGateways: z.array(gatewayConfig),
  /** Credential providers: declared ones and those the model creates; secrets only as variable names. */
  credentials: z.array(credentialConfig),
  /** The agents. */
  runtimes: z.array(runtimeConfig),
  /** The S3 bucket the model names for agent packages; absent: deploy creates one for the project. */
  artifactBucket: z.string().optional(),
});

export type ProjectConfig = z.infer<typeof projectConfig>;
export type GatewayConfig = z.infer<typeof gatewayConfig>;
export type TargetConfig = z.infer<typeof targetConfig>;
export type CredentialConfig = z.infer<typeof credentialConfig>;
export type RuntimeConfig = z.infer<typeof runtimeConfig>;
export type OutboundAuthConfig = z.infer<typeof outboundAuthConfig>;
export type SigV4SigningConfig = z.infer<typeof sigV4SigningConfig>;
/** A resource while it is resolved, before the names it gets in the account (added in one place). */
export type Unnamed<T> = T extends unknown ? Omit<T, 'deployedName' | 'managedRoleName'> : never;

/** JSON Schema of `agentcore/agentcore.json`, exported from the zod model. */
export function projectConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(projectConfig, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
