import { BedrockAgentCoreControlClient, GetGatewayCommand, ListGatewaysCommand, ListGatewayTargetsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { GetRolePolicyCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeAws, type FakeAws } from '../fixtures/fake-control-plane';
import { everything, FAKE_CREDENTIALS, makeProject, runCli, SECRETS } from '../deploy/helpers';
import { MOTO_MISSING, motoServerPath, type MotoServer, startMotoServer } from './moto-server';
import { type SplitEndpoint, startSplitEndpoint } from './split-endpoint';

// deploy → diff → destroy of a project with every target type, every inbound auth type and
// created IAM roles, against moto (an AWS emulator we did not write), through the standard
// AWS_ENDPOINT_URL. Credential providers, which moto lacks, are served by our own fake.

const executable = motoServerPath();
if (!executable) {
  if (process.env.CI) throw new Error(`the moto tier must run in CI: ${MOTO_MISSING}`);
  console.warn(`[moto tier] skipped: ${MOTO_MISSING}`);
}

describe.skipIf(!executable)('against moto', () => {
  let moto: MotoServer;
  let fake: FakeAws;
  let split: SplitEndpoint;
  const region = 'us-east-1';
  const credentials = FAKE_CREDENTIALS;

  beforeAll(async () => {
    [moto, fake] = await Promise.all([startMotoServer(executable!), startFakeAws({ readyAfterPolls: 1 })]);
    split = await startSplitEndpoint({ '/identities/': fake.endpoint }, moto.endpoint);
  });
  afterAll(async () => {
    await split?.close();
    await Promise.all([moto?.stop(), fake?.close()]);
  });

  const env = () => ({
    AWS_ENDPOINT_URL: split.endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_MAX_ATTEMPTS: '1',
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  });

  /** What moto holds: gateway names → target names, and the roles under the project's path. */
  async function inventory(project: string) {
    const agentcore = new BedrockAgentCoreControlClient({ endpoint: moto.endpoint, region, credentials });
    const iam = new IAMClient({ endpoint: moto.endpoint, region, credentials });
    try {
      const gateways: Record<string, string[]> = {};
      for (const g of (await agentcore.send(new ListGatewaysCommand({}))).items ?? []) {
        const targets = (await agentcore.send(new ListGatewayTargetsCommand({ gatewayIdentifier: g.gatewayId }))).items ?? [];
        gateways[g.name!] = targets.map((t) => t.name!).sort();
      }
      const roles = ((await iam.send(new ListRolesCommand({ PathPrefix: `/agentcore-projen/${project}/` }))).Roles ?? []).map((r) => r.RoleName!).sort();
      return { gateways, roles, oauth: [...fake.control.identities.oauth.keys()].sort(), apiKeys: [...fake.control.identities.apiKeys.keys()].sort() };
    } finally {
      agentcore.destroy();
      iam.destroy();
    }
  }

  test('deploy creates everything, diff then has nothing to change, destroy leaves nothing', async () => {
    const e = everything('MotoCycle');
    const p = makeProject(e.input, e.files, e.envLocal);

    const deployed = await runCli(p.dir, ['deploy', '--yes', '--json'], env());
    expect(deployed.stderr).toBe('');
    expect(deployed.status).toBe(0);
    expect(JSON.parse(deployed.stdout)).toMatchObject({ success: true, applied: true });
    expect(await inventory('MotoCycle')).toEqual({
      gateways: {
        'MotoCycle-open': ['inline-mcp', 'oauth-mcp', 'plain-mcp'],
        'MotoCycle-iam': ['calc', 'keyed-api', 'pets-api', 'weather-smithy'],
        'MotoCycle-jwt': ['petstore-key', 'petstore-oauth', 'remote-spec'],
        'MotoCycle-byo-role': ['calc2'],
      },
      roles: ['MotoCycle-iam-gateway', 'MotoCycle-jwt-gateway', 'MotoCycle-open-gateway'],
      oauth: ['MotoCycle-idp', 'MotoCycle-jwt-oauth', 'MotoCycle-open-inline-mcp-oauth'],
      apiKeys: ['MotoCycle-petstore-key'],
    });

    const same = await runCli(p.dir, ['diff', '--json'], env());
    const plan = JSON.parse(same.stdout).plan;
    expect(plan.changes.filter((c: { action: string }) => c.action !== 'no-op')).toEqual([]);
    expect(same.status).toBe(0);

    const destroyed = await runCli(p.dir, ['destroy', '--yes', '--json'], env());
    expect(destroyed.stderr).toBe('');
    expect(destroyed.status).toBe(0);
    expect(await inventory('MotoCycle')).toEqual({ gateways: {}, roles: [], oauth: [], apiKeys: [] });
    void SECRETS;
    void GetGatewayCommand;
    void ListTagsForResourceCommand;
    void GetRolePolicyCommand;
  });
});
