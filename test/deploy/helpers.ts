import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProjectConfig } from '../../src/model/config';
import type { ProjectInput } from '../../src/model/input';
import { resolveProject } from '../../src/model/resolve';
import type { ClientConfigs, DeployOptions } from '../../src/deploy';
import { type FakeAws, type FakeAwsOptions, startFakeAws } from '../fixtures/fake-control-plane';
import { tempDir } from '../helpers/tmp';

/** Static credentials: the SDK signs with them and never looks at the environment or IMDS. */
export const FAKE_CREDENTIALS = { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret-access-key' };

/** Client config pointing both SDK clients at the fake. `maxAttempts: 1` unless a test retries. */
export function clientsFor(fake: FakeAws, extra: Record<string, unknown> = {}): ClientConfigs {
  const common = { endpoint: fake.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1, ...extra };
  return { agentcore: common, iam: common, cognito: common };
}

/** Polls quickly: the fake settles after a few Gets, not after seconds. */
export const FAST_POLLING = { initialDelayMs: 1, maxDelayMs: 4, timeoutMs: 10_000 };

export interface TestProject {
  dir: string;
  config: ProjectConfig;
  /** Re-synthesizes agentcore.json from a changed model (as `npx projen` would). */
  resynth(change: (input: ProjectInput) => ProjectInput): ProjectConfig;
  options(fake: FakeAws, extra?: DeployOptions): DeployOptions;
}

/**
 * A project folder with `agentcore/agentcore.json` resolved by the model (as synth writes it),
 * the given schema files, and `agentcore/.env.local` lines.
 */
export function makeProject(input: ProjectInput, files: Record<string, string> = {}, envLocal: Record<string, string> = {}): TestProject {
  const dir = tempDir('agentcore-deploy-');
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  fs.mkdirSync(path.join(dir, 'agentcore'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'agentcore/.env.local'),
    Object.entries(envLocal)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
    { mode: 0o600 }, // as create makes it; a readable one is warned about
  );
  let current = input;
  const write = () => {
    const { config } = resolveProject(current, { root: dir, fs });
    fs.writeFileSync(path.join(dir, 'agentcore/agentcore.json'), `${JSON.stringify(config, null, 2)}\n`);
    return config;
  };
  const project: TestProject = {
    dir,
    config: write(),
    resynth(change) {
      current = change(current);
      project.config = write();
      return project.config;
    },
    options: (fake, extra = {}) => ({ clients: clientsFor(fake), polling: FAST_POLLING, env: {}, ...extra }),
  };
  return project;
}

export function emptyInput(name: string): ProjectInput {
  return { name, gateways: [], targets: [], credentials: [], agents: [] };
}

/** The README's quick start: one gateway, one MCP server target, one agent. */
/**
 * The README's quick start. Its agent stays local unless `deployAgent` (the fake control plane has
 * no S3; the moto tier deploys agents for real).
 */
export function quickStart(name = 'MyProject', { deployAgent = false } = {}): ProjectInput {
  return {
    ...emptyInput(name),
    gateways: [{ name: 'my-gateway' }],
    targets: [{ gateway: 'my-gateway', type: 'mcp-server', name: 'weather-tools', endpoint: 'https://mcp.example.com/mcp' }],
    agents: [{ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock', ...(deployAgent ? {} : { deploy: false }) }],
  };
}

export const OPENAPI = JSON.stringify({ openapi: '3.0.0', info: { title: 'Pets', version: '1' }, paths: { '/pets': { get: { operationId: 'listPets' } } } });
export const SMITHY = JSON.stringify({ smithy: '2.0', shapes: { 'example#Weather': { type: 'service', version: '1' } } });
export const TOOLS = JSON.stringify([
  {
    name: 'add',
    description: 'Adds two numbers',
    inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number', enum: [1, 2] } }, required: ['a'] },
  },
]);

export const SECRETS = {
  API_KEY: 'key-9f8e7d6c5b4a',
  OAUTH_SECRET: 'oauth-secret-1a2b3c4d',
  JWT_AGENT_SECRET: 'agent-client-secret-77aa88',
  INLINE_SECRET: 'inline-oauth-secret-5e6f',
};

/**
 * Every target type and every auth type: NONE / AWS_IAM / CUSTOM_JWT gateways (one with an
 * agent client), mcp-server with and without OAuth (named and inline), api-gateway with the
 * role and with an API key, open-api with OAuth and API key, smithy, lambda; a gateway with its
 * own roleArn.
 */
export function everything(name = 'Everything'): { input: ProjectInput; files: Record<string, string>; envLocal: Record<string, string> } {
  return {
    input: {
      ...emptyInput(name),
      credentials: [
        { name: 'petstore-key', type: 'api-key', apiKey: { fromEnv: 'PETSTORE_KEY' } },
        {
          name: 'idp',
          type: 'oauth',
          discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
          clientId: 'client-123',
          clientSecret: { fromEnv: 'IDP_SECRET' },
          scopes: ['read'],
        },
      ],
      gateways: [
        { name: 'open', description: 'No inbound auth' },
        { name: 'iam', authorizerType: 'AWS_IAM', exceptionLevel: 'DEBUG', semanticSearch: false, tags: { team: 'platform' } },
        {
          name: 'jwt',
          authorizerType: 'CUSTOM_JWT',
          discoveryUrl: 'https://login.example.com/.well-known/openid-configuration',
          allowedAudience: ['api://gw'],
          allowedClients: ['agent-client'],
          customClaims: [{ name: 'dept', value: 'eng' }],
          agentClientId: 'agent-client',
          agentClientSecret: { fromEnv: 'JWT_AGENT_SECRET' },
        },
        { name: 'byo-role', roleArn: 'arn:aws:iam::111122223333:role/ExistingGatewayRole' },
      ],
      targets: [
        { gateway: 'open', type: 'mcp-server', name: 'plain-mcp', endpoint: 'https://mcp.example.com/mcp' },
        {
          gateway: 'open',
          type: 'mcp-server',
          name: 'oauth-mcp',
          endpoint: 'https://secure-mcp.example.com/mcp',
          outboundAuth: 'oauth',
          credentialName: 'idp',
          oauthScopes: ['mcp.read'],
        },
        {
          gateway: 'open',
          type: 'mcp-server',
          name: 'inline-mcp',
          endpoint: 'https://other-mcp.example.com/mcp',
          outboundAuth: 'oauth',
          oauthClientId: 'inline-client',
          oauthClientSecret: { fromEnv: 'INLINE_SECRET' },
          oauthDiscoveryUrl: 'https://other-idp.example.com/.well-known/openid-configuration',
        },
        {
          gateway: 'iam',
          type: 'api-gateway',
          name: 'pets-api',
          restApiId: 'abc123',
          stage: 'prod',
          toolFilterPath: '/pets/*',
          toolFilterMethods: ['GET', 'POST'],
        },
        {
          gateway: 'iam',
          type: 'api-gateway',
          name: 'keyed-api',
          restApiId: 'def456',
          stage: 'v1',
          outboundAuth: 'api-key',
          credentialName: 'petstore-key',
          apiKeyParameterName: 'Authorization',
          apiKeyPrefix: 'Bearer',
          toolOverrides: [{ name: 'get_pet', path: '/pets/{id}', method: 'GET', description: 'One pet' }],
        },
        { gateway: 'jwt', type: 'open-api-schema', name: 'petstore-oauth', schema: 'schemas/petstore.json', outboundAuth: 'oauth', credentialName: 'idp' },
        {
          gateway: 'jwt',
          type: 'open-api-schema',
          name: 'petstore-key',
          schema: 'schemas/petstore.json',
          outboundAuth: 'api-key',
          credentialName: 'petstore-key',
          apiKeyLocation: 'QUERY_PARAMETER',
          apiKeyParameterName: 'api_key',
        },
        {
          gateway: 'jwt',
          type: 'open-api-schema',
          name: 'remote-spec',
          schema: 's3://my-bucket/specs/petstore.json',
          outboundAuth: 'api-key',
          credentialName: 'petstore-key',
        },
        { gateway: 'iam', type: 'smithy-model', name: 'weather-smithy', schema: 'schemas/weather.smithy.json' },
        {
          gateway: 'iam',
          type: 'lambda-function-arn',
          name: 'calc',
          lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:calc',
          toolSchemaFile: 'schemas/tools.json',
        },
        {
          gateway: 'byo-role',
          type: 'lambda-function-arn',
          name: 'calc2',
          lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:calc2',
          toolSchemaFile: 'schemas/tools.json',
        },
      ],
    },
    files: { 'schemas/petstore.json': OPENAPI, 'schemas/weather.smithy.json': SMITHY, 'schemas/tools.json': TOOLS },
    envLocal: {
      PETSTORE_KEY: SECRETS.API_KEY,
      IDP_SECRET: SECRETS.OAUTH_SECRET,
      JWT_AGENT_SECRET: SECRETS.JWT_AGENT_SECRET,
      INLINE_SECRET: SECRETS.INLINE_SECRET,
    },
  };
}

export async function withFake<T>(opts: FakeAwsOptions, body: (fake: FakeAws) => Promise<T>): Promise<T> {
  const fake = await startFakeAws(opts);
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}

/** What exists in the fake: gateway names → sorted target names; credentials; roles. */
export function inventory(fake: FakeAws) {
  const gateways: Record<string, string[]> = {};
  for (const g of fake.control.gateways.values()) gateways[g.name] = [...g.targets.values()].map((t) => t.name).sort();
  return {
    gateways,
    oauth: [...fake.control.identities.oauth.keys()].sort(),
    apiKeys: [...fake.control.identities.apiKeys.keys()].sort(),
    roles: [...fake.iam.roles.keys()].sort(),
  };
}

export interface CliProcess {
  child: ChildProcess;
  done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/**
 * Starts `agentcore-projen <args>` from source in a child process without blocking this one
 * (the fake answers from this process).
 */
export function startCli(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const entry = path.join(__dirname, '..', 'cli', 'helpers', 'cli-entry.ts');
  const tsx = pathToFileURL(path.join(__dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, entry, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs `agentcore-projen <args>` to the end (see startCli). */
export function runCli(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return startCli(cwd, args, env).done;
}

/** The AWS environment a user (or CI) would set to point every AWS tool at the fake. */
export function awsEnv(fake: FakeAws): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: fake.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_MAX_ATTEMPTS: '1',
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  };
}

/**
 * Resources made in the fake by someone else (outside the project), straight through the fake's
 * handlers, settled at once. Their names may start with the project's prefix: that alone must
 * never make deploy or destroy touch them.
 */
export function someoneElse(fake: FakeAws) {
  const cp = fake.control;
  const settle = (r: { status: string; transition?: unknown }) => {
    r.status = 'READY';
    delete r.transition;
  };
  const post = (path: string, body: Record<string, unknown>) => cp.handle('POST', path, new URLSearchParams(), body).body as Record<string, string>;
  return {
    /** A CUSTOM_JWT gateway with its own role, tagged `owner=someone-else`. */
    gateway(name: string) {
      const made = post('/gateways/', {
        name,
        roleArn: 'arn:aws:iam::999999999999:role/TheirGatewayRole',
        authorizerType: 'CUSTOM_JWT',
        authorizerConfiguration: {
          customJWTAuthorizer: { discoveryUrl: 'https://their-idp.example.com/.well-known/openid-configuration', allowedAudience: ['theirs'] },
        },
        protocolType: 'MCP',
        tags: { owner: 'someone-else' },
      });
      const g = cp.gateways.get(made.gatewayId!)!;
      settle(g);
      return g;
    },
    target(gatewayId: string, name: string) {
      const made = post(`/gateways/${gatewayId}/targets/`, {
        name,
        targetConfiguration: { mcp: { mcpServer: { endpoint: 'https://their-tools.example.com/mcp' } } },
      });
      const t = cp.gateways.get(gatewayId)!.targets.get(made.targetId!)!;
      settle(t);
      return t;
    },
    apiKey(name: string) {
      post('/identities/CreateApiKeyCredentialProvider', { name, apiKey: 'their-key-value', tags: { owner: 'someone-else' } });
    },
    oauth(name: string) {
      post('/identities/CreateOauth2CredentialProvider', {
        name,
        credentialProviderVendor: 'CustomOauth2',
        oauth2ProviderConfigInput: {
          customOauth2ProviderConfig: {
            oauthDiscovery: { discoveryUrl: 'https://their-idp.example.com/.well-known/openid-configuration' },
            clientId: 'theirs',
            clientSecret: 'their-secret',
          },
        },
      });
    },
  };
}
