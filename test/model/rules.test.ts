import { describe, expect, it } from 'vitest';
import type { GatewayTargetOptions, ProjectInput } from '../../src/model/input';
import { fromEnv } from '../../src/model/secret';
import { baseInput, issuesOf, resolve, OPENAPI, SMITHY, TOOLS } from './model-helpers';

const JWT = {
  name: 'jwt-gw',
  authorizerType: 'CUSTOM_JWT' as const,
  discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
  allowedAudience: ['my-api'],
};
const withTarget = (t: Partial<GatewayTargetOptions>) => baseInput({ targets: [{ gateway: 'my-gateway', name: 't1', ...t } as GatewayTargetOptions] });
const openApi = (extra: object = {}) => withTarget({ type: 'open-api-schema', schema: 'specs/api.json', ...extra });
const apiKey = { name: 'my-key', type: 'api-key' as const };

interface Case {
  readonly rule: string;
  readonly input: ProjectInput;
  readonly files?: Record<string, string>;
  /** Substring of the issue's location: the resource and field. */
  readonly where: string;
  /** Substrings of the message: the bad value and the fix. */
  readonly says: readonly string[];
}

// One case per model rule: gateways, targets, credentials, agents. Each asserts the field named and the fix offered.
const cases: Case[] = [
  // gateways
  {
    rule: 'gateway name with "_"',
    input: baseInput({ gateways: [{ name: 'my_gateway' }], targets: [] }),
    where: 'gateway "my_gateway" › name',
    says: ['"my_gateway"', 'single hyphens'],
  },
  { rule: 'gateway name with trailing hyphen', input: baseInput({ gateways: [{ name: 'gw-' }], targets: [] }), where: '› name', says: ['"gw-"'] },
  { rule: 'gateway name longer than 100', input: baseInput({ gateways: [{ name: 'a'.repeat(101) }], targets: [] }), where: '› name', says: ['1-100'] },
  {
    rule: 'duplicate gateway name',
    input: baseInput({ gateways: [{ name: 'gw' }, { name: 'gw' }], targets: [] }),
    where: 'gateway "gw" › name',
    says: ['declared twice', 'unique'],
  },
  {
    rule: 'gateway names that map to one env var',
    input: baseInput({ gateways: [{ name: 'my-gw' }, { name: 'MY-GW' }], targets: [] }),
    where: 'gateway "MY-GW" › name',
    says: ['AGENTCORE_GATEWAY_MY_GW_URL', 'rename'],
  },
  {
    rule: 'gateway description over 200 chars',
    input: baseInput({ gateways: [{ name: 'my-gateway', description: 'x'.repeat(201) }] }),
    where: '› description',
    says: ['200'],
  },
  {
    rule: 'unknown authorizer type',
    input: baseInput({ gateways: [{ name: 'my-gateway', authorizerType: 'OAUTH' as never }] }),
    where: '› authorizerType',
    says: ['"OAUTH"', '"CUSTOM_JWT"'],
  },
  {
    rule: 'JWT without discovery URL',
    input: baseInput({ gateways: [{ ...JWT, discoveryUrl: undefined }], targets: [] }),
    where: 'gateway "jwt-gw" › discoveryUrl',
    says: ['required for CUSTOM_JWT', 'well-known'],
  },
  {
    rule: 'JWT with non-https discovery URL',
    input: baseInput({ gateways: [{ ...JWT, discoveryUrl: 'http://idp.example.com/.well-known/openid-configuration' }], targets: [] }),
    where: '› discoveryUrl',
    says: ['not an https URL', 'http://idp.example.com'],
  },
  {
    rule: 'JWT discovery URL without well-known path',
    input: baseInput({ gateways: [{ ...JWT, discoveryUrl: 'https://idp.example.com/oidc' }], targets: [] }),
    where: '› discoveryUrl',
    says: ['/.well-known/openid-configuration'],
  },
  {
    rule: 'JWT without any allowed audience/client/scope/claim',
    input: baseInput({ gateways: [{ ...JWT, allowedAudience: undefined }], targets: [] }),
    where: '› allowedAudience',
    says: ['at least one of allowedAudience, allowedClients, allowedScopes or customClaims'],
  },
  {
    rule: 'JWT fields on a NONE gateway',
    input: baseInput({ gateways: [{ name: 'my-gateway', allowedAudience: ['x'] }] }),
    where: 'gateway "my-gateway" › allowedAudience',
    says: ['only applies to authorizerType "CUSTOM_JWT"'],
  },
  {
    rule: 'agent client id without secret',
    input: baseInput({ gateways: [{ ...JWT, agentClientId: 'agent' }], targets: [] }),
    where: '› agentClientSecret',
    says: ['go together', 'fromEnv'],
  },
  {
    rule: 'agent client secret without id',
    input: baseInput({ gateways: [{ ...JWT, agentClientSecret: fromEnv('S') }], targets: [] }),
    where: '› agentClientId',
    says: ['go together'],
  },
  {
    rule: 'secret written as a value',
    input: baseInput({ gateways: [{ ...JWT, agentClientId: 'a', agentClientSecret: 'hunter2' as never }], targets: [] }),
    where: '› agentClientSecret',
    says: ["fromEnv('NAME')", 'agentcore/.env.local'],
  },
  {
    rule: 'bad exception level',
    input: baseInput({ gateways: [{ name: 'my-gateway', exceptionLevel: 'TRACE' as never }] }),
    where: '› exceptionLevel',
    says: ['"TRACE"', '"DEBUG"'],
  },
  {
    rule: 'tag key starting with aws:',
    input: baseInput({ gateways: [{ name: 'my-gateway', tags: { 'aws:owner': 'me' } }] }),
    where: '› tags',
    says: ['aws:'],
  },
  {
    rule: 'more than 50 tags',
    input: baseInput({ gateways: [{ name: 'my-gateway', tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }] }),
    where: '› tags',
    says: ['at most 50'],
  },
  {
    rule: 'unknown gateway option (typo)',
    input: baseInput({ gateways: [{ name: 'my-gateway', authorizer: 'NONE' } as never] }),
    where: 'gateway "my-gateway"',
    says: ['unknown field "authorizer"'],
  },
  { rule: 'project name with "_"', input: baseInput({ name: 'My_Project' }), where: 'project › name', says: ['"My_Project"', 'MyProject'] },
  {
    rule: 'deployed gateway name too long',
    input: baseInput({ name: 'A'.repeat(23), gateways: [{ name: 'g'.repeat(90) }], targets: [] }),
    where: '› name',
    says: ['longer than 100'],
  },
  {
    rule: 'deployed credential name too long',
    input: baseInput({ name: 'A'.repeat(23), credentials: [{ name: 'c'.repeat(110), type: 'api-key' }] }),
    where: `credential "${'c'.repeat(20)}`,
    says: ['longer than 128', 'shorten the credential or project name'],
  },
  // targets
  {
    rule: 'target on an unknown gateway',
    input: baseInput({ targets: [{ gateway: 'nope', type: 'mcp-server', name: 't', endpoint: 'https://x.example.com/mcp' }] }),
    where: 'target "t" › gateway',
    says: ['"nope" does not exist', '"my-gateway"'],
  },
  {
    rule: 'duplicate target on one gateway',
    input: baseInput({
      targets: [
        { gateway: 'my-gateway', type: 'mcp-server', name: 't', endpoint: 'https://a.example.com/mcp' },
        { gateway: 'my-gateway', type: 'mcp-server', name: 't', endpoint: 'https://b.example.com/mcp' },
      ],
    }),
    where: 'target "t" › name',
    says: ['declared twice'],
  },
  {
    rule: 'bad target name',
    input: withTarget({ type: 'mcp-server', name: 'my tools', endpoint: 'https://x.example.com/mcp' }),
    where: 'target "my tools" › name',
    says: ['"my tools"'],
  },
  { rule: 'unknown target type', input: withTarget({ type: 'graphql' as never }), where: 'target "t1"', says: ['"graphql"', '"mcp-server"'] },
  { rule: 'mcp-server without endpoint', input: withTarget({ type: 'mcp-server' }), where: '› endpoint', says: ['needs endpoint', 'host'] },
  {
    rule: 'mcp-server with a non-https endpoint',
    input: withTarget({ type: 'mcp-server', endpoint: 'http://mcp.example.com/mcp' }),
    where: '› endpoint',
    says: ['not an https URL'],
  },
  {
    rule: 'mcp-server with api-key outbound',
    input: withTarget({ type: 'mcp-server', endpoint: 'https://x.example.com/mcp', outboundAuth: 'api-key', credentialName: 'my-key' }),
    where: '› outboundAuth',
    says: ['"api-key" is not supported for mcp-server', '"oauth"'],
  },
  {
    rule: 'api-gateway with oauth',
    input: withTarget({ type: 'api-gateway', restApiId: 'abc123', stage: 'prod', outboundAuth: 'oauth' }),
    where: '› outboundAuth',
    says: ['"oauth" is not supported for api-gateway', '"api-key"'],
  },
  {
    rule: 'api-gateway with a bad filter method',
    input: withTarget({ type: 'api-gateway', restApiId: 'abc123', stage: 'prod', toolFilterMethods: ['FETCH' as never] }),
    where: '› toolFilterMethods',
    says: ['"FETCH"', '"GET"'],
  },
  {
    rule: 'api-gateway with both filter forms',
    input: withTarget({
      type: 'api-gateway',
      restApiId: 'abc123',
      stage: 'prod',
      toolFilterPath: '/pets/*',
      toolFilters: [{ filterPath: '/x', methods: ['GET'] }],
    }),
    where: '› toolFilters',
    says: ['not both'],
  },
  {
    rule: 'open-api-schema without outbound auth',
    input: openApi(),
    files: { 'specs/api.json': OPENAPI },
    where: '› outboundAuth',
    says: ['require outbound auth', '"oauth" or "api-key"'],
  },
  {
    rule: 'open-api-schema with outboundAuth none',
    input: openApi({ outboundAuth: 'none' }),
    files: { 'specs/api.json': OPENAPI },
    where: '› outboundAuth',
    says: ['"none" is not supported'],
  },
  {
    rule: 'smithy-model with outbound auth',
    input: withTarget({ type: 'smithy-model', schema: 'm.json', outboundAuth: 'oauth' }),
    files: { 'm.json': SMITHY },
    where: '› outboundAuth',
    says: ["gateway's IAM role", 'remove outboundAuth'],
  },
  {
    rule: 'smithy-model with a credential',
    input: withTarget({ type: 'smithy-model', schema: 'm.json', credentialName: 'my-key' }),
    files: { 'm.json': SMITHY },
    where: '› credentialName',
    says: ['remove credentialName'],
  },
  {
    rule: 'lambda-function-arn with outbound auth',
    input: withTarget({
      type: 'lambda-function-arn',
      lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
      toolSchemaFile: 'tools.json',
      outboundAuth: 'api-key',
    }),
    files: { 'tools.json': TOOLS },
    where: '› outboundAuth',
    says: ['take no outbound auth'],
  },
  {
    rule: 'lambda-function-arn with a bad ARN',
    input: withTarget({ type: 'lambda-function-arn', lambdaArn: 'my-func', toolSchemaFile: 'tools.json' }),
    files: { 'tools.json': TOOLS },
    where: '› lambdaArn',
    says: ['Lambda function ARN'],
  },
  {
    rule: 'missing schema file',
    input: openApi({ outboundAuth: 'api-key', credentialName: 'my-key' }),
    where: '› schema',
    says: ['"specs/api.json" does not exist'],
  },
  {
    rule: 'schema file that is not JSON',
    input: baseInput({ ...openApi({ outboundAuth: 'api-key', credentialName: 'my-key' }), credentials: [apiKey] }),
    files: { 'specs/api.json': 'openapi: 3.0.0' },
    where: '› schema',
    says: ['not valid JSON', 'OpenAPI 3'],
  },
  {
    rule: 'schema file that is not OpenAPI 3',
    input: baseInput({ ...openApi({ outboundAuth: 'api-key', credentialName: 'my-key' }), credentials: [apiKey] }),
    files: { 'specs/api.json': JSON.stringify({ swagger: '2.0', info: {}, paths: {} }) },
    where: '› schema',
    says: ['not an OpenAPI 3 JSON document'],
  },
  {
    rule: 'schema path escaping the project root',
    input: baseInput({ ...openApi({ outboundAuth: 'api-key', credentialName: 'my-key', schema: '../secrets/api.json' }), credentials: [apiKey] }),
    where: '› schema',
    says: ['outside the project root'],
  },
  {
    rule: 'absolute schema path outside the root',
    input: withTarget({ type: 'smithy-model', schema: '/etc/model.json' }),
    where: '› schema',
    says: ['outside the project root'],
  },
  { rule: 'malformed S3 URI', input: withTarget({ type: 'smithy-model', schema: 's3://' }), where: '› schema', says: ['S3 URI'] },
  {
    rule: 'smithy file that is not a Smithy model',
    input: withTarget({ type: 'smithy-model', schema: 'm.json' }),
    files: { 'm.json': '{"shapes": 1}' },
    where: '› schema',
    says: ['Smithy JSON model'],
  },
  {
    rule: 'empty tool schema',
    input: withTarget({ type: 'lambda-function-arn', lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', toolSchemaFile: 'tools.json' }),
    files: { 'tools.json': '[]' },
    where: '› toolSchemaFile',
    says: ['empty', 'at least one tool'],
  },
  {
    rule: 'malformed tool schema',
    input: withTarget({ type: 'lambda-function-arn', lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', toolSchemaFile: 'tools.json' }),
    files: { 'tools.json': JSON.stringify([{ name: 'x', description: '' }]) },
    where: '› toolSchemaFile',
    says: ['"name", "description" and "inputSchema"'],
  },
  {
    rule: 'oauth without any credential',
    input: withTarget({ type: 'mcp-server', endpoint: 'https://x.example.com/mcp', outboundAuth: 'oauth' }),
    where: '› credentialName',
    says: ['needs a credential', 'oauthClientId'],
  },
  {
    rule: 'inline oauth missing the secret',
    input: withTarget({
      type: 'mcp-server',
      endpoint: 'https://x.example.com/mcp',
      outboundAuth: 'oauth',
      oauthClientId: 'c',
      oauthDiscoveryUrl: 'https://auth.example.com/.well-known/openid-configuration',
    }),
    where: '› oauthClientSecret',
    says: ['add oauthClientSecret'],
  },
  {
    rule: 'credential name and inline oauth together',
    input: withTarget({ type: 'mcp-server', endpoint: 'https://x.example.com/mcp', outboundAuth: 'oauth', credentialName: 'c', oauthClientId: 'c' }),
    where: '› credentialName',
    says: ['not both'],
  },
  {
    rule: 'unknown credential',
    input: withTarget({ type: 'mcp-server', endpoint: 'https://x.example.com/mcp', outboundAuth: 'oauth', credentialName: 'Nope' }),
    where: '› credentialName',
    says: ['"Nope" does not exist', 'addCredential'],
  },
  {
    rule: 'credential of the wrong kind',
    input: baseInput({
      ...withTarget({ type: 'mcp-server', endpoint: 'https://x.example.com/mcp', outboundAuth: 'oauth', credentialName: 'my-key' }),
      credentials: [apiKey],
    }),
    where: '› credentialName',
    says: ['is "api-key"', 'oauth credential'],
  },
  {
    rule: 'api-key options without api-key auth',
    input: withTarget({ type: 'mcp-server', endpoint: 'https://x.example.com/mcp', apiKeyPrefix: 'Bearer' }),
    where: '› apiKeyPrefix',
    says: ['only applies with outboundAuth "api-key"'],
  },
  // credentials
  {
    rule: 'bad credential name',
    input: baseInput({ credentials: [{ name: 'my key', type: 'api-key' }] }),
    where: 'credential "my key" › name',
    says: ['"my key"'],
  },
  {
    rule: 'unknown credential type',
    input: baseInput({ credentials: [{ name: 'c', type: 'basic' } as never] }),
    where: 'credential "c"',
    says: ['"basic"', '"api-key" or "oauth"'],
  },
  {
    rule: 'oauth credential without discovery URL',
    input: baseInput({ credentials: [{ name: 'c', type: 'oauth' } as never] }),
    where: 'credential "c" › discoveryUrl',
    says: ['required'],
  },
  { rule: 'duplicate credential', input: baseInput({ credentials: [apiKey, apiKey] }), where: 'credential "my-key" › name', says: ['used twice'] },
  {
    rule: 'credential names that map to one env var',
    input: baseInput({ credentials: [apiKey, { name: 'my_key', type: 'api-key' }] }),
    where: 'credential "my_key" › name',
    says: ['same env vars'],
  },
  {
    rule: "declared credential clashing with a gateway's managed one",
    input: baseInput({
      gateways: [{ ...JWT, agentClientId: 'a', agentClientSecret: fromEnv('S') }],
      targets: [],
      credentials: [{ name: 'jwt-gw-oauth', type: 'api-key' }],
    }),
    where: '› name',
    says: ['used twice', 'agent client credential'],
  },
  // agents
  {
    rule: 'bad agent name',
    input: baseInput({ agents: [{ name: '1Agent', framework: 'Strands', modelProvider: 'Bedrock' }] }),
    where: 'agent "1Agent" › name',
    says: ['start with a letter'],
  },
  {
    rule: 'duplicate agent (case-insensitive folders)',
    input: baseInput({
      agents: [
        { name: 'Agent', framework: 'Strands', modelProvider: 'Bedrock' },
        { name: 'agent', framework: 'Strands', modelProvider: 'Bedrock' },
      ],
    }),
    where: 'agent "agent" › name',
    says: ['differ only in case'],
  },
  {
    rule: 'unknown framework',
    input: baseInput({ agents: [{ name: 'A', framework: 'AutoGen' as never, modelProvider: 'Bedrock' }] }),
    where: 'agent "A" › framework',
    says: ['"AutoGen"', '"Strands"'],
  },
  {
    rule: 'framework with an unsupported model provider',
    input: baseInput({ agents: [{ name: 'A', framework: 'GoogleADK', modelProvider: 'Bedrock' }] }),
    where: 'agent "A" › modelProvider',
    says: ['GoogleADK does not support "Bedrock"', '"Gemini"'],
  },
  {
    rule: 'OpenAIAgents with Anthropic',
    input: baseInput({ agents: [{ name: 'A', framework: 'OpenAIAgents', modelProvider: 'Anthropic' }] }),
    where: '› modelProvider',
    says: ['"OpenAI"'],
  },
  {
    rule: 'agent dependency that is not a requirement',
    input: baseInput({ agents: [{ name: 'A', framework: 'Strands', modelProvider: 'Bedrock', dependencies: ['; rm -rf /'] }] }),
    where: '› dependencies[0]',
    says: ['not a Python requirement'],
  },
];

describe('model rules', () => {
  it.each(cases)('rejects $rule', ({ input, files, where, says }) => {
    const issues = issuesOf(input, files);
    const hit = issues.find((i) => i.where.includes(where) && says.every((s) => i.message.includes(s)));
    expect(hit, `no issue at "${where}" saying ${JSON.stringify(says)}; got:\n${issues.map((i) => `${i.where}: ${i.message}`).join('\n')}`).toBeDefined();
  });

  it('refuses a project/agent pair whose AgentCore Runtime name would pass 48 characters, and names the way out', () => {
    const agent = 'A'.repeat(40);
    const issues = issuesOf(baseInput({ name: 'LongProjectName', agents: [{ name: agent, framework: 'Strands', modelProvider: 'Bedrock' }] }));
    expect(issues).toEqual([
      expect.objectContaining({
        where: `agent "${agent}" › name`,
        message: expect.stringMatching(/"LongProjectName_A+", which is 56 characters; the service takes at most 48.*deploy: false/),
      }),
    ]);
  });

  it('keeps an agent with deploy: false local: no runtime name, so a long name is fine', () => {
    const agent = 'A'.repeat(40);
    const { config } = resolve(
      baseInput({ name: 'LongProjectName', agents: [{ name: agent, framework: 'Strands', modelProvider: 'Bedrock', deploy: false }] }),
    );
    expect(config.runtimes[0]).not.toHaveProperty('deployedName');
    expect(config.runtimes[0]).not.toHaveProperty('managedRoleName');
    expect(config.runtimes[0]?.name).toBe(agent);
  });

  it('carries an execution role ARN the model gives, and refuses one that is not a role ARN', () => {
    const roleArn = 'arn:aws:iam::123456789012:role/MyAgentRole';
    const { config } = resolve(baseInput({ agents: [{ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock', executionRoleArn: roleArn }] }));
    expect(config.runtimes[0]?.executionRoleArn).toBe(roleArn);
    expect(config.runtimes[0]).not.toHaveProperty('managedRoleName');
    const issues = issuesOf(baseInput({ agents: [{ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock', executionRoleArn: 'MyAgentRole' }] }));
    expect(issues.map((i) => `${i.where}: ${i.message}`).join('\n')).toMatch(/executionRoleArn.*is not an IAM role ARN/);
  });

  it('reports every problem of a model at once', () => {
    const issues = issuesOf(
      baseInput({
        name: 'bad name',
        gateways: [{ name: 'gw_1' }, { ...JWT, allowedAudience: undefined }],
        targets: [{ gateway: 'jwt-gw', type: 'smithy-model', name: 's', schema: 'missing.json', outboundAuth: 'oauth' }],
        agents: [{ name: 'A', framework: 'GoogleADK', modelProvider: 'OpenAI' }],
      }),
    );
    const places = issues.map((i) => i.where);
    expect(places).toEqual(
      expect.arrayContaining([
        'project › name',
        'gateway "gw_1" › name',
        'gateway "jwt-gw" › allowedAudience',
        'gateway "jwt-gw" › target "s" › outboundAuth',
        'gateway "jwt-gw" › target "s" › schema',
        'agent "A" › modelProvider',
      ]),
    );
  });
});
