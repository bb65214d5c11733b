import { BedrockAgentCoreControlClient, GetGatewayTargetCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDeployedState } from '../../src/deploy';
import { emptyInput, FAKE_CREDENTIALS, makeProject, OPENAPI, runCli } from '../deploy/helpers';
import { type EmulatedAws, motoForThisRun, REGION, startEmulatedAws } from './emulated-aws';

// Targets the gateway signs for with its role (outboundAuth "iam"), deployed to moto: the
// iamCredentialProvider deploy sends is what moto keeps and returns, so diff and a second deploy
// find nothing to change.

const executable = motoForThisRun();

describe.skipIf(!executable)('outboundAuth "iam" against moto', () => {
  let aws: EmulatedAws;
  beforeAll(async () => {
    aws = await startEmulatedAws(executable!);
  });
  afterAll(async () => {
    await aws?.close();
  });

  test('deploy sends GATEWAY_IAM_ROLE with an iamCredentialProvider, moto returns it unchanged, and a second deploy changes nothing', async () => {
    const project = 'MotoSigned';
    const p = makeProject(
      {
        ...emptyInput(project),
        gateways: [{ name: 'signed' }],
        targets: [
          {
            gateway: 'signed',
            type: 'mcp-server',
            name: 'api-tools',
            endpoint: 'https://abc123defg.execute-api.us-east-1.amazonaws.com/prod/mcp',
            outboundAuth: 'iam',
            signingService: 'execute-api',
            signingRegion: 'us-east-1',
          },
          { gateway: 'signed', type: 'open-api-schema', name: 'pets', schema: 'pets.json', outboundAuth: 'iam', signingService: 'execute-api' },
        ],
      },
      { 'pets.json': JSON.stringify({ ...JSON.parse(OPENAPI), servers: [{ url: 'https://pets12345.execute-api.us-east-1.amazonaws.com/v1' }] }) },
    );
    const deployed = await runCli(p.dir, ['deploy', '--yes', '--json'], aws.env());
    expect(deployed.stderr).toBe('');
    expect(deployed.status).toBe(0);

    const state = readDeployedState(p.dir)!;
    const config = { endpoint: aws.moto.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const agentcore = new BedrockAgentCoreControlClient(config);
    const iam = new IAMClient(config);
    try {
      const gatewayIdentifier = state.gateways.signed!.gatewayId;
      for (const name of ['api-tools', 'pets']) {
        const target = await agentcore.send(new GetGatewayTargetCommand({ gatewayIdentifier, targetId: state.gateways.signed!.targets[name]!.targetId }));
        expect(target.credentialProviderConfigurations).toEqual([
          { credentialProviderType: 'GATEWAY_IAM_ROLE', credentialProvider: { iamCredentialProvider: { service: 'execute-api', region: 'us-east-1' } } },
        ]);
      }
      const policy = await iam.send(new GetRolePolicyCommand({ RoleName: state.roles.signed!.roleName, PolicyName: 'gateway-targets' }));
      expect(JSON.parse(decodeURIComponent(policy.PolicyDocument!)).Statement).toEqual([
        {
          Sid: 'InvokeApiGatewayTargets',
          Effect: 'Allow',
          Action: 'execute-api:Invoke',
          Resource: ['arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/*/*', 'arn:aws:execute-api:us-east-1:123456789012:pets12345/v1/*/*'],
        },
      ]);
    } finally {
      agentcore.destroy();
      iam.destroy();
    }

    const same = await runCli(p.dir, ['diff', '--json'], aws.env());
    expect((JSON.parse(same.stdout).plan as { changes: { action: string }[] }).changes.filter((c) => c.action !== 'no-op')).toEqual([]);
    expect(same.status).toBe(0);
    const again = await runCli(p.dir, ['deploy', '--yes', '--json'], aws.env());
    expect(again.status).toBe(0);
    expect(new Set(Object.values((JSON.parse(again.stdout) as { outcomes: Record<string, string> }).outcomes))).toEqual(new Set(['unchanged']));
    expect((await runCli(p.dir, ['destroy', '--yes'], aws.env())).status).toBe(0);
  });
});
