import {
  BedrockAgentCoreControlClient,
  CreateGatewayCommand,
  CreateGatewayTargetCommand,
  GetGatewayCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploy, diff } from '../../src/deploy';
import type { ProjectInput } from '../../src/model/input';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { emptyInput, FAKE_CREDENTIALS, makeProject, OPENAPI, SMITHY, TOOLS, withFake } from './helpers';

// outboundAuth "iam": the gateway signs its calls to an mcp-server or open-api-schema target with
// its own role. Deploy sends GATEWAY_IAM_ROLE with an iamCredentialProvider, and the role it
// creates may call exactly what the targets' URLs name.

const RUNTIME_ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/weather_tools-AbCdEf1234';
const RUNTIME_URL = `https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/${encodeURIComponent(RUNTIME_ARN)}/invocations?qualifier=DEFAULT`;
const PETS_API = JSON.stringify({ ...JSON.parse(OPENAPI), servers: [{ url: 'https://pets12345.execute-api.us-east-1.amazonaws.com/v1' }] });

function signedTargets(): { input: ProjectInput; files: Record<string, string> } {
  return {
    input: {
      ...emptyInput('Signed'),
      gateways: [{ name: 'signed' }],
      targets: [
        {
          gateway: 'signed',
          type: 'mcp-server',
          name: 'api-tools',
          endpoint: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/mcp',
          outboundAuth: 'iam',
          signingService: 'execute-api',
          signingRegion: 'eu-west-1',
        },
        { gateway: 'signed', type: 'mcp-server', name: 'runtime-tools', endpoint: RUNTIME_URL, outboundAuth: 'iam', signingService: 'bedrock-agentcore' },
        { gateway: 'signed', type: 'open-api-schema', name: 'pets', schema: 'pets.json', outboundAuth: 'iam', signingService: 'execute-api' },
      ],
    },
    files: { 'pets.json': PETS_API },
  };
}

const targetsOf = (fake: FakeAws) => Object.fromEntries([...[...fake.control.gateways.values()][0]!.targets.values()].map((t) => [t.name, t.spec]));

describe('deploy of targets the gateway signs for', () => {
  test('sends GATEWAY_IAM_ROLE with an iamCredentialProvider (the region of the deploy when the model gives none)', async () => {
    await withFake({}, async (fake) => {
      const s = signedTargets();
      const p = makeProject(s.input, s.files);
      await deploy(p.dir, p.options(fake));
      const signing = (service: string, region: string) => [
        { credentialProviderType: 'GATEWAY_IAM_ROLE', credentialProvider: { iamCredentialProvider: { service, region } } },
      ];
      const targets = targetsOf(fake);
      expect(targets['api-tools']!.credentialProviderConfigurations).toEqual(signing('execute-api', 'eu-west-1'));
      expect(targets['runtime-tools']!.credentialProviderConfigurations).toEqual(signing('bedrock-agentcore', 'us-east-1'));
      expect(targets.pets!.credentialProviderConfigurations).toEqual(signing('execute-api', 'us-east-1'));
    });
  });

  test("allows the gateway's role to call exactly the stages and runtime the targets' URLs name, and nothing else", async () => {
    await withFake({}, async (fake) => {
      const s = signedTargets();
      const p = makeProject(s.input, s.files);
      await deploy(p.dir, p.options(fake));
      const doc = JSON.parse(fake.iam.roles.get('Signed-signed-gateway')!.policies.get('gateway-targets')!) as {
        Statement: { Sid: string; Action: string; Resource: string[] }[];
      };
      expect(doc.Statement.map(({ Sid, Action, Resource }) => ({ Sid, Action, Resource }))).toEqual([
        {
          Sid: 'InvokeApiGatewayTargets',
          Action: 'execute-api:Invoke',
          Resource: ['arn:aws:execute-api:eu-west-1:123456789012:abc123defg/prod/*/*', 'arn:aws:execute-api:us-east-1:123456789012:pets12345/v1/*/*'],
        },
        {
          Sid: 'InvokeAgentRuntimeTargets',
          Action: 'bedrock-agentcore:InvokeAgentRuntime',
          Resource: [RUNTIME_ARN, `${RUNTIME_ARN}/runtime-endpoint/DEFAULT`],
        },
      ]);
    });
  });

  test('a second deploy changes nothing; a changed signing region updates that target only', async () => {
    await withFake({}, async (fake) => {
      const s = signedTargets();
      const p = makeProject(s.input, s.files);
      await deploy(p.dir, p.options(fake));
      fake.resetCalls();
      const again = await deploy(p.dir, p.options(fake));
      expect(again.plan.hasChanges).toBe(false);
      expect(fake.writes()).toEqual([]);

      p.resynth((input) => ({ ...input, targets: input.targets.map((t) => (t.name === 'runtime-tools' ? { ...t, signingRegion: 'us-west-2' } : t)) }));
      const planned = await diff(p.dir, p.options(fake));
      expect(planned.changes.filter((c) => c.action !== 'no-op')).toEqual([
        expect.objectContaining({ kind: 'target', name: 'runtime-tools', action: 'update', reasons: ['credentialProviderConfigurations'] }),
      ]);
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      expect(fake.writes().map((c) => c.op)).toEqual(['UpdateGatewayTarget']);
      expect(targetsOf(fake)['runtime-tools']!.credentialProviderConfigurations).toEqual([
        { credentialProviderType: 'GATEWAY_IAM_ROLE', credentialProvider: { iamCredentialProvider: { service: 'bedrock-agentcore', region: 'us-west-2' } } },
      ]);
    });
  });

  test('moving a target to another API stage updates the target and what the role may call', async () => {
    await withFake({}, async (fake) => {
      const s = signedTargets();
      const p = makeProject(s.input, s.files);
      await deploy(p.dir, p.options(fake));
      p.resynth((input) => ({
        ...input,
        targets: input.targets.map((t) => (t.name === 'api-tools' ? { ...t, endpoint: 'https://zzz999zzz9.execute-api.eu-west-1.amazonaws.com/v2/mcp' } : t)),
      }));
      const planned = await diff(p.dir, p.options(fake));
      expect(planned.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.kind} ${c.name}: ${c.reasons.join(', ')}`)).toEqual([
        'role Signed-signed-gateway: permissions',
        'target api-tools: targetConfiguration',
      ]);
      await deploy(p.dir, p.options(fake));
      const doc = JSON.parse(fake.iam.roles.get('Signed-signed-gateway')!.policies.get('gateway-targets')!) as {
        Statement: { Sid: string; Resource: string[] }[];
      };
      expect(doc.Statement.find((st) => st.Sid === 'InvokeApiGatewayTargets')!.Resource).toEqual([
        'arn:aws:execute-api:eu-west-1:123456789012:zzz999zzz9/v2/*/*',
        'arn:aws:execute-api:us-east-1:123456789012:pets12345/v1/*/*',
      ]);
    });
  });

  test('refuses, before any change, a target whose URL does not say what the role it creates must allow, or that signs for the wrong service', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(
        {
          ...emptyInput('Unscoped'),
          gateways: [{ name: 'signed' }],
          targets: [
            {
              gateway: 'signed',
              type: 'mcp-server',
              name: 'somewhere',
              endpoint: 'https://mcp.example.com/mcp',
              outboundAuth: 'iam',
              signingService: 'lambda',
            },
            {
              gateway: 'signed',
              type: 'mcp-server',
              name: 'wrong-service',
              endpoint: 'https://abc123defg.execute-api.us-east-1.amazonaws.com/prod/mcp',
              outboundAuth: 'iam',
              signingService: 'lambda',
            },
            { gateway: 'signed', type: 'open-api-schema', name: 'no-server', schema: 'api.json', outboundAuth: 'iam', signingService: 'execute-api' },
          ],
        },
        { 'api.json': OPENAPI },
      );
      const refused = await deploy(p.dir, p.options(fake)).catch((e: unknown) => e as Error);
      expect(refused).toBeInstanceOf(Error);
      const message = (refused as Error).message;
      expect(message).toMatch(
        /gateway "signed" target "somewhere": deploy cannot tell which resource "https:\/\/mcp\.example\.com\/mcp" is.*give the gateway a roleArn of a role that may call it/,
      );
      expect(message).toMatch(
        /target "wrong-service": .* is an API Gateway URL, which takes requests signed for "execute-api", not "lambda"; set signingService to "execute-api"/,
      );
      expect(message).toMatch(/target "no-server": its OpenAPI document names no servers\[0\]\.url/);
      expect(fake.writes()).toEqual([]);
    });
  });

  test("with a gateway roleArn, any URL deploys: the role is the user's, and IAM is not called", async () => {
    await withFake({}, async (fake) => {
      const p = makeProject({
        ...emptyInput('OwnRole'),
        gateways: [{ name: 'signed', roleArn: 'arn:aws:iam::111122223333:role/MySigningGatewayRole' }],
        targets: [
          {
            gateway: 'signed',
            type: 'mcp-server',
            name: 'fn-url',
            endpoint: 'https://abcdefgh.lambda-url.us-east-1.on.aws/mcp',
            outboundAuth: 'iam',
            signingService: 'lambda',
          },
        ],
      });
      await deploy(p.dir, p.options(fake));
      expect(targetsOf(fake)['fn-url']!.credentialProviderConfigurations).toEqual([
        { credentialProviderType: 'GATEWAY_IAM_ROLE', credentialProvider: { iamCredentialProvider: { service: 'lambda', region: 'us-east-1' } } },
      ]);
      expect(fake.calls.filter((c) => c.service === 'iam')).toEqual([]);
    });
  });
});

describe('the fake control plane, as the service', () => {
  let fake: FakeAws;
  let client: BedrockAgentCoreControlClient;
  let gatewayId: string;

  beforeAll(async () => {
    fake = await startFakeAws({ readyAfterPolls: 1 });
    client = new BedrockAgentCoreControlClient({ endpoint: fake.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
    const g = await client.send(new CreateGatewayCommand({ name: 'wire-signed', roleArn: 'arn:aws:iam::111122223333:role/R', authorizerType: 'NONE' }));
    gatewayId = g.gatewayId!;
    await client.send(new GetGatewayCommand({ gatewayIdentifier: gatewayId }));
  });

  afterAll(async () => {
    client.destroy();
    await fake.close();
  });

  const signed = [
    { credentialProviderType: 'GATEWAY_IAM_ROLE' as const, credentialProvider: { iamCredentialProvider: { service: 'execute-api', region: 'us-east-1' } } },
  ];
  const lambdaTools = { inlinePayload: JSON.parse(TOOLS) };
  const create = (name: string, mcp: Record<string, unknown>, credentialProviderConfigurations: unknown) =>
    client
      .send(new CreateGatewayTargetCommand({ gatewayIdentifier: gatewayId, name, targetConfiguration: { mcp }, credentialProviderConfigurations } as never))
      .then(
        (t) => t.credentialProviderConfigurations,
        (e: unknown) => e,
      );

  test('accepts GATEWAY_IAM_ROLE with an iamCredentialProvider on mcpServer and openApiSchema targets, and returns it', async () => {
    expect(await create('mcp', { mcpServer: { endpoint: 'https://mcp.example.com/mcp' } }, signed)).toEqual(signed);
    expect(await create('openapi', { openApiSchema: { inlinePayload: OPENAPI } }, signed)).toEqual(signed);
  });

  test.each([
    ['lambda', { lambda: { lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', toolSchema: lambdaTools } }],
    ['smithyModel', { smithyModel: { inlinePayload: SMITHY } }],
    [
      'apiGateway',
      { apiGateway: { restApiId: 'abc123', stage: 'prod', apiGatewayToolConfiguration: { toolFilters: [{ filterPath: '/*', methods: ['GET'] }] } } },
    ],
  ])('refuses it on %s targets, which take the role without one', async (kind, mcp) => {
    const err = (await create(`no-${kind.toLowerCase()}`, mcp, signed)) as ValidationException;
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.fieldList).toEqual([
      { name: 'credentialProviderConfigurations', message: expect.stringContaining(`${kind} targets accept`) as unknown as string },
    ]);
  });

  test('refuses an mcpServer target with GATEWAY_IAM_ROLE but no iamCredentialProvider, or one without a service', async () => {
    const endpoint = { mcpServer: { endpoint: 'https://mcp.example.com/mcp' } };
    const bare = (await create('bare', endpoint, [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }])) as ValidationException;
    expect(bare.fieldList?.[0]?.message).toMatch(/mcpServer targets accept .*GATEWAY_IAM_ROLE with iamCredentialProvider, not GATEWAY_IAM_ROLE$/);
    const noService = (await create('no-service', endpoint, [
      { credentialProviderType: 'GATEWAY_IAM_ROLE', credentialProvider: { iamCredentialProvider: { region: 'us-east-1' } } },
    ])) as ValidationException;
    expect(noService.fieldList?.map((f) => f.name)).toContain('credentialProviderConfigurations[0].credentialProvider.iamCredentialProvider.service');
  });
});
