import { z } from 'zod';
import { MCP_HOSTS, MCP_LANGUAGES } from './managed-server';
import { resourceName } from './names';
import { secretRef } from './secret';
import { signingRegion, signingService } from './sigv4-signing';
import { discoveryUrl, endpointUrl } from './urls';

export const TARGET_TYPES = ['mcp-server', 'api-gateway', 'open-api-schema', 'smithy-model', 'lambda-function-arn'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** `iam`: the gateway signs its calls to the target with its own IAM role (SigV4, for `signingService`). */
export const OUTBOUND_AUTH_TYPES = ['none', 'oauth', 'api-key', 'iam'] as const;
export type OutboundAuthType = (typeof OUTBOUND_AUTH_TYPES)[number];

/** Which outbound auth each target type accepts, and its default; an empty list means the gateway's IAM role only. */
export const OUTBOUND_AUTH_RULES: Record<TargetType, { allowed: readonly OutboundAuthType[]; default?: OutboundAuthType }> = {
  'mcp-server': { allowed: ['none', 'oauth', 'iam'], default: 'none' },
  'api-gateway': { allowed: ['none', 'api-key'], default: 'none' },
  'open-api-schema': { allowed: ['oauth', 'api-key', 'iam'] },
  'smithy-model': { allowed: [] },
  'lambda-function-arn': { allowed: [] },
};

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;

/** Outbound auth flags shared by every target type; the matrix above decides which apply. */
const outboundAuthFields = {
  /** How the gateway authenticates to the target. */
  outboundAuth: z.enum(OUTBOUND_AUTH_TYPES).optional(),
  /** A credential declared with `project.addCredential` (oauth or api-key). */
  credentialName: z.string().min(1).optional(),
  /** Inline OAuth: the client id (creates the `<gateway>-<target>-oauth` credential). */
  oauthClientId: z.string().min(1).optional(),
  /** Inline OAuth: where the client secret is read. */
  oauthClientSecret: secretRef.optional(),
  /** Inline OAuth: the identity provider's OIDC discovery URL. */
  oauthDiscoveryUrl: discoveryUrl.optional(),
  /** OAuth scopes requested for this target. */
  oauthScopes: z.array(z.string().min(1)).optional(),
  /** api-key: name of the header or query parameter. @default 'x-api-key' */
  apiKeyParameterName: z.string().min(1).optional(),
  /** api-key: prefix put before the key, e.g. 'Bearer'. */
  apiKeyPrefix: z.string().min(1).optional(),
  /** api-key: where the key goes. @default 'HEADER' */
  apiKeyLocation: z.enum(['HEADER', 'QUERY_PARAMETER']).optional(),
  /** iam: the SigV4 signing name of the AWS service behind the target, e.g. 'execute-api' or 'bedrock-agentcore'. */
  signingService: signingService.optional(),
  /** iam: the region the gateway signs for. @default the gateway's region */
  signingRegion: signingRegion.optional(),
};

const common = {
  /** Target name: letters or digits with single hyphens, unique in its gateway; tools are named `<target>___<tool>`. */
  name: resourceName('Target'),
  /** What the target offers (1-200 characters). */
  description: z.string().min(1).max(200, { error: 'at most 200 characters; shorten the description' }).optional(),
  ...outboundAuthFields,
};

/** A schema file relative to the project root, or an `s3://bucket/key` URI. */
const schemaLocation = z.string().min(1, { error: 'give a path relative to the project root or an s3:// URI' });

/** Routes of a REST API exposed as tools. */
export const toolFilterInput = z.strictObject({
  /** A path, or a prefix ending in `/*`, e.g. '/pets/*'. */
  filterPath: z.string().startsWith('/', { error: 'a filter path starts with "/", e.g. "/pets/*"' }),
  /** HTTP methods of those routes. */
  methods: z.array(z.enum(HTTP_METHODS)).min(1),
});

/** The tool name and description of one route of a REST API. */
export const toolOverrideInput = z.strictObject({
  /** Tool name shown to agents. */
  name: z.string().min(1),
  /** Route path, e.g. '/pets/{petId}'. */
  path: z.string().startsWith('/'),
  /** Route method. */
  method: z.enum(HTTP_METHODS),
  /** Tool description shown to agents. */
  description: z.string().min(1).optional(),
});

export const mcpServerTargetInput = z.strictObject({
  ...common,
  /** The target type. */
  type: z.literal('mcp-server'),
  /** URL of an MCP server you run (streamable HTTP); or give `host` for one deploy hosts. */
  endpoint: endpointUrl('https://mcp.example.com/mcp').optional(),
  /** A managed server: deploy hosts the code in `app/mcp/<target>/` on Lambda or AgentCore Runtime (no `endpoint`). */
  host: z.enum(MCP_HOSTS).optional(),
  /** Language of a managed server's code. @default 'Python' */
  language: z.enum(MCP_LANGUAGES).optional(),
});

export const apiGatewayTargetInput = z.strictObject({
  ...common,
  /** The target type. */
  type: z.literal('api-gateway'),
  /** Id of the API Gateway REST API. */
  restApiId: z.string().regex(/^[a-zA-Z0-9]{1,64}$/, { error: 'expected a REST API id like "abc123"' }),
  /** Deployed stage, e.g. 'prod'. */
  stage: z.string().min(1).max(128),
  /** Routes exposed as tools. @default [{ filterPath: '/*', methods: ['GET'] }] */
  toolFilters: z.array(toolFilterInput).min(1).optional(),
  /** Shorthand for one tool filter (the CLI's `--tool-filter-path`). */
  toolFilterPath: z.string().startsWith('/', { error: 'a filter path starts with "/", e.g. "/pets/*"' }).optional(),
  /** Shorthand for one tool filter (the CLI's `--tool-filter-methods`). */
  toolFilterMethods: z.array(z.enum(HTTP_METHODS)).min(1).optional(),
  /** Tool names and descriptions for specific routes. */
  toolOverrides: z.array(toolOverrideInput).optional(),
});

export const openApiTargetInput = z.strictObject({
  ...common,
  /** The target type. */
  type: z.literal('open-api-schema'),
  /** OpenAPI 3 JSON file relative to the project root, or s3://bucket/key. */
  schema: schemaLocation,
});

export const smithyTargetInput = z.strictObject({
  ...common,
  /** The target type. */
  type: z.literal('smithy-model'),
  /** Smithy JSON model file relative to the project root, or s3://bucket/key. */
  schema: schemaLocation,
});

export const lambdaTargetInput = z.strictObject({
  ...common,
  /** The target type. */
  type: z.literal('lambda-function-arn'),
  /** ARN of the Lambda function that implements the tools. */
  lambdaArn: z.string().regex(/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9-_$]+)?$/, {
    error: 'expected a Lambda function ARN like "arn:aws:lambda:us-east-1:123456789012:function:my-func"',
  }),
  /** JSON array of tool definitions, relative to the project root (or s3://bucket/key). */
  toolSchemaFile: schemaLocation,
});

export const targetInput = z.discriminatedUnion(
  'type',
  [mcpServerTargetInput, apiGatewayTargetInput, openApiTargetInput, smithyTargetInput, lambdaTargetInput],
  {
    error: (iss) =>
      `target type ${JSON.stringify((iss.input as { type?: unknown } | undefined)?.type)} is not supported; use one of ${TARGET_TYPES.map((t) => `"${t}"`).join(', ')}`,
  },
);

export type TargetOptions = z.input<typeof targetInput>;
export type McpServerTargetOptions = z.input<typeof mcpServerTargetInput>;
export type ApiGatewayTargetOptions = z.input<typeof apiGatewayTargetInput>;
export type OpenApiTargetOptions = z.input<typeof openApiTargetInput>;
export type SmithyTargetOptions = z.input<typeof smithyTargetInput>;
export type LambdaTargetOptions = z.input<typeof lambdaTargetInput>;
export type ToolFilterOptions = z.input<typeof toolFilterInput>;
export type ToolOverrideOptions = z.input<typeof toolOverrideInput>;
