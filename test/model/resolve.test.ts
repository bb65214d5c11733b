import { describe, expect, it } from 'vitest';
import { fromEnv } from '../../src/model/secret';
import { baseInput, OPENAPI, resolve, SMITHY, TOOLS } from './model-helpers';

describe('resolveProject', () => {
  it('fills in defaults and the env var names agents use', () => {
    const { config, warnings } = resolve(baseInput());
    const gw = config.agentCoreGateways[0]!;
    expect(gw).toMatchObject({
      name: 'my-gateway',
      authorizerType: 'NONE',
      semanticSearch: true,
      exceptionLevel: 'NONE',
      env: { url: 'AGENTCORE_GATEWAY_MY_GATEWAY_URL', authType: 'AGENTCORE_GATEWAY_MY_GATEWAY_AUTH_TYPE' },
    });
    expect(gw.targets[0]).toMatchObject({ name: 'weather-tools', type: 'mcp-server', outboundAuth: { type: 'none' } });
    expect(config.runtimes).toEqual([
      {
        name: 'MyAgent',
        framework: 'Strands',
        modelProvider: 'Bedrock',
        codeLocation: 'app/MyAgent',
        entrypoint: 'main.py',
        dependencies: [],
        deployedName: 'MyProject_MyAgent',
        managedRoleName: 'MyProject-MyAgent-runtime',
        pythonRuntime: 'PYTHON_3_12',
        network: { networkMode: 'PUBLIC' },
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('creates the managed <gateway>-oauth credential for a CUSTOM_JWT agent client, keeping only env var names', () => {
    const { config } = resolve(
      baseInput({
        gateways: [
          {
            name: 'jwt-gw',
            authorizerType: 'CUSTOM_JWT',
            discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
            allowedAudience: ['my-api'],
            allowedClients: ['my-client-id'],
            agentClientId: 'agent-client-id',
            agentClientSecret: fromEnv('AGENT_SECRET'),
          },
        ],
        targets: [],
      }),
    );
    expect(config.agentCoreGateways[0]).toMatchObject({
      agentCredentialName: 'jwt-gw-oauth',
      // Agents with LOCAL_DEV=1 read the secret where deploy reads it: the fromEnv name, not a derived one.
      env: { clientId: 'AGENTCORE_CREDENTIAL_JWT_GW_OAUTH_CLIENT_ID', clientSecret: 'AGENT_SECRET' },
      authorizerConfiguration: {
        customJwtAuthorizer: {
          discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
          allowedAudience: ['my-api'],
          allowedClients: ['my-client-id'],
        },
      },
    });
    expect(config.credentials).toEqual([
      expect.objectContaining({
        name: 'jwt-gw-oauth',
        type: 'oauth',
        origin: 'gateway-agent-client',
        clientId: 'agent-client-id',
        env: { clientSecret: 'AGENT_SECRET' },
      }),
    ]);
  });

  it('creates a credential from inline OAuth flags on a target (the reference tool never does)', () => {
    const { config } = resolve(
      baseInput({
        targets: [
          {
            gateway: 'my-gateway',
            type: 'mcp-server',
            name: 'secure-tools',
            endpoint: 'https://api.example.com/mcp',
            outboundAuth: 'oauth',
            oauthClientId: 'my-client',
            oauthClientSecret: fromEnv('MY_SECRET'),
            oauthDiscoveryUrl: 'https://auth.example.com/.well-known/openid-configuration',
            oauthScopes: ['read'],
          },
        ],
      }),
    );
    expect(config.credentials).toEqual([
      expect.objectContaining({ name: 'my-gateway-secure-tools-oauth', origin: 'target-inline', clientId: 'my-client', env: { clientSecret: 'MY_SECRET' } }),
    ]);
    expect(config.agentCoreGateways[0]!.targets[0]!.outboundAuth).toEqual({ type: 'oauth', credentialName: 'my-gateway-secure-tools-oauth', scopes: ['read'] });
  });

  it('resolves every target type with files, hashes, default filters and IAM-role auth', () => {
    const { config } = resolve(
      baseInput({
        credentials: [{ name: 'my-key', type: 'api-key' }],
        targets: [
          { gateway: 'my-gateway', type: 'api-gateway', name: 'pets', restApiId: 'abc123', stage: 'prod' },
          {
            gateway: 'my-gateway',
            type: 'api-gateway',
            name: 'pets2',
            restApiId: 'abc123',
            stage: 'prod',
            toolFilterPath: '/pets/*',
            toolFilterMethods: ['GET', 'POST'],
            outboundAuth: 'api-key',
            credentialName: 'my-key',
            apiKeyPrefix: 'Bearer',
          },
          { gateway: 'my-gateway', type: 'open-api-schema', name: 'api', schema: 'specs/api.json', outboundAuth: 'api-key', credentialName: 'my-key' },
          { gateway: 'my-gateway', type: 'smithy-model', name: 'svc', schema: 'models/svc.json' },
          {
            gateway: 'my-gateway',
            type: 'lambda-function-arn',
            name: 'fn',
            lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
            toolSchemaFile: 'tools.json',
          },
          { gateway: 'my-gateway', type: 'smithy-model', name: 's3', schema: 's3://my-bucket/models/svc.json' },
        ],
      }),
      { 'specs/api.json': OPENAPI, 'models/svc.json': SMITHY, 'tools.json': TOOLS },
    );
    const [pets, pets2, api, svc, fn, s3] = config.agentCoreGateways[0]!.targets;
    expect(pets).toMatchObject({ toolFilters: [{ filterPath: '/*', methods: ['GET'] }], outboundAuth: { type: 'gateway-iam-role' } });
    expect(pets2).toMatchObject({
      toolFilters: [{ filterPath: '/pets/*', methods: ['GET', 'POST'] }],
      outboundAuth: { type: 'api-key', credentialName: 'my-key', apiKey: { parameterName: 'x-api-key', prefix: 'Bearer', location: 'HEADER' } },
    });
    expect(api).toMatchObject({ schema: { path: 'specs/api.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(svc).toMatchObject({ schema: { path: 'models/svc.json' }, outboundAuth: { type: 'gateway-iam-role' } });
    expect(fn).toMatchObject({ toolSchema: { path: 'tools.json' }, outboundAuth: { type: 'gateway-iam-role' } });
    expect(s3).toMatchObject({ schema: { s3Uri: 's3://my-bucket/models/svc.json' } });
    expect(config.credentials).toEqual([
      { name: 'my-key', type: 'api-key', deployedName: `${config.name}-my-key`, env: { apiKey: 'AGENTCORE_CREDENTIAL_MY_KEY' } },
    ]);
  });

  it('accepts loopback http URLs for local development, with a warning', () => {
    const { warnings } = resolve(baseInput({ targets: [{ gateway: 'my-gateway', type: 'mcp-server', name: 'local', endpoint: 'http://127.0.0.1:8080/mcp' }] }));
    expect(warnings).toEqual([expect.stringContaining('deploy refuses it')]);
  });

  it('never puts a secret value in the resolved config', () => {
    const { config } = resolve(
      baseInput({
        credentials: [
          {
            name: 'oauth',
            type: 'oauth',
            discoveryUrl: 'https://auth.example.com/.well-known/openid-configuration',
            clientId: fromEnv('CID'),
            clientSecret: fromEnv('CSECRET'),
          },
        ],
      }),
    );
    expect(config.credentials[0]).toEqual({
      name: 'oauth',
      type: 'oauth',
      deployedName: `${config.name}-oauth`,
      origin: 'declared',
      discoveryUrl: 'https://auth.example.com/.well-known/openid-configuration',
      vendor: 'CustomOauth2',
      scopes: [],
      env: { clientId: 'CID', clientSecret: 'CSECRET' },
    });
  });
});
