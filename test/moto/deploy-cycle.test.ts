import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BedrockAgentCoreControlClient,
  type GetGatewayCommandOutput,
  GetGatewayCommand,
  ListGatewaysCommand,
  ListGatewayTargetsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { GetRolePolicyCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDeployedState } from '../../src/deploy';
import { emptyInput, everything, FAKE_CREDENTIALS, makeProject, runCli, TOOLS } from '../deploy/helpers';
import { type EmulatedAws, motoForThisRun, REGION, startEmulatedAws } from './emulated-aws';

// deploy → diff → destroy of a project with every target type, every inbound auth type and
// created IAM roles, against moto (an AWS emulator we did not write), run as a user runs it: the
// command line, configured through the standard AWS_ENDPOINT_URL. UpdateGateway and
// UpdateGatewayTarget are not exercised here: moto leaves what they change UPDATING for ever
// (test/deploy/ covers them against our fake); re-tagging and deletes are.

const PROJECT = 'MotoCycle';
const executable = motoForThisRun();

describe.skipIf(!executable)('against moto', () => {
  let aws: EmulatedAws;
  beforeAll(async () => {
    aws = await startEmulatedAws(executable!);
  });
  afterAll(async () => {
    await aws?.close();
  });

  /** Reads what moto holds, with the real SDK pointed at moto itself (not through the split). */
  async function inMoto<T>(read: (agentcore: BedrockAgentCoreControlClient, iam: IAMClient) => Promise<T>): Promise<T> {
    const config = { endpoint: aws.moto.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const agentcore = new BedrockAgentCoreControlClient(config);
    const iam = new IAMClient(config);
    try {
      return await read(agentcore, iam);
    } finally {
      agentcore.destroy();
      iam.destroy();
    }
  }

  /** Gateway names → target names, the project's roles, and the credential providers. */
  const inventory = (project = PROJECT) =>
    inMoto(async (agentcore, iam) => {
      const gateways: Record<string, string[]> = {};
      for (const g of (await agentcore.send(new ListGatewaysCommand({}))).items ?? []) {
        const targets = (await agentcore.send(new ListGatewayTargetsCommand({ gatewayIdentifier: g.gatewayId }))).items ?? [];
        gateways[g.name!] = targets.map((t) => t.name!).sort();
      }
      const roles = (await iam.send(new ListRolesCommand({ PathPrefix: `/agentcore-projen/${project}/` }))).Roles ?? [];
      const ids = aws.identities.control.identities;
      const mine = (names: Iterable<string>) => [...names].filter((n) => n.startsWith(`${project}-`)).sort();
      return {
        gateways: Object.fromEntries(Object.entries(gateways).filter(([n]) => n.startsWith(`${project}-`))),
        roles: roles.map((r) => r.RoleName!).sort(),
        oauth: mine(ids.oauth.keys()),
        apiKeys: mine(ids.apiKeys.keys()),
      };
    });

  test('deploy creates every resource, diff and a second deploy find nothing to change, destroy leaves nothing', async () => {
    const e = everything(PROJECT);
    const p = makeProject(e.input, e.files, e.envLocal);

    const deployed = await runCli(p.dir, ['deploy', '--yes', '--json'], aws.env());
    expect(deployed.stderr).toBe('');
    expect(deployed.status).toBe(0);
    const result = JSON.parse(deployed.stdout) as { applied: boolean; outcomes: Record<string, string> };
    expect(result.applied).toBe(true);
    expect(new Set(Object.values(result.outcomes))).toEqual(new Set(['created']));
    expect(await inventory()).toEqual({
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

    // Each gateway has its inbound auth, the role deploy made for it (or the one it gives), the
    // project's tag, and the URL the state recorded for agents.
    const state = readDeployedState(p.dir)!;
    const seen = await inMoto(async (agentcore, iam) => {
      const out: Record<string, { detail: GetGatewayCommandOutput; tags: Record<string, string>; rolePolicy?: string }> = {};
      for (const [key, g] of Object.entries(state.gateways)) {
        const detail = await agentcore.send(new GetGatewayCommand({ gatewayIdentifier: g.gatewayId }));
        const tags = (await agentcore.send(new ListTagsForResourceCommand({ resourceArn: detail.gatewayArn }))).tags ?? {};
        const role = state.roles[key];
        const rolePolicy = role
          ? decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: role.roleName, PolicyName: 'gateway-targets' }))).PolicyDocument!)
          : undefined;
        out[key] = { detail, tags, ...(rolePolicy ? { rolePolicy } : {}) };
      }
      return out;
    });
    expect(Object.fromEntries(Object.entries(seen).map(([k, s]) => [k, s.detail.authorizerType]))).toEqual({
      open: 'NONE',
      iam: 'AWS_IAM',
      jwt: 'CUSTOM_JWT',
      'byo-role': 'NONE',
    });
    for (const [key, s] of Object.entries(seen)) {
      expect(s.detail.gatewayUrl).toBe(state.gateways[key]!.gatewayUrl);
      expect(s.detail.roleArn).toBe(key === 'byo-role' ? 'arn:aws:iam::111122223333:role/ExistingGatewayRole' : state.roles[key]!.roleArn);
      expect(s.tags['agentcore-projen:project']).toBe(PROJECT);
    }
    expect(seen.iam!.tags.team).toBe('platform');
    expect(seen.jwt!.detail.authorizerConfiguration?.customJWTAuthorizer?.allowedAudience).toEqual(['api://gw']);
    // The role of a gateway with Lambda targets may invoke exactly that function.
    expect(JSON.parse(seen.iam!.rolePolicy!).Statement).toContainEqual({
      Sid: 'InvokeLambdaTargets',
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: ['arn:aws:lambda:us-east-1:123456789012:function:calc'],
    });

    // moto answers `description: ""` for the gateways created without one: still nothing to change.
    const same = await runCli(p.dir, ['diff', '--json'], aws.env());
    const plan = JSON.parse(same.stdout).plan as { changes: { action: string }[] };
    expect(plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
    expect(same.status).toBe(0);

    // A second deploy converges at once (an update here would wait on UPDATING for ever).
    const again = await runCli(p.dir, ['deploy', '--yes', '--json'], aws.env());
    expect(again.status).toBe(0);
    expect(new Set(Object.values((JSON.parse(again.stdout) as { outcomes: Record<string, string> }).outcomes))).toEqual(new Set(['unchanged']));

    const destroyed = await runCli(p.dir, ['destroy', '--yes', '--json'], aws.env());
    expect(destroyed.stderr).toBe('');
    expect(destroyed.status).toBe(0);
    expect(await inventory()).toEqual({ gateways: {}, roles: [], oauth: [], apiKeys: [] });
    expect(fs.existsSync(path.join(p.dir, 'agentcore', 'deployed-state.json'))).toBe(false);
  });

  test('a change of tags only re-tags the gateway (it stays READY), and a gateway left out of the model is deleted with its target and role', async () => {
    const project = 'MotoRetag';
    const p = makeProject(
      {
        ...emptyInput(project),
        gateways: [{ name: 'keep', tags: { team: 'a', old: 'x' } }, { name: 'drop' }],
        targets: [
          { gateway: 'keep', type: 'mcp-server', name: 'tools', endpoint: 'https://mcp.example.com/mcp' },
          {
            gateway: 'drop',
            type: 'lambda-function-arn',
            name: 'calc',
            lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:calc',
            toolSchemaFile: 'tools.json',
          },
        ],
      },
      { 'tools.json': TOOLS },
    );
    expect((await runCli(p.dir, ['deploy', '--yes', '--json'], aws.env())).status).toBe(0);

    p.resynth((input) => ({
      ...input,
      gateways: [{ name: 'keep', tags: { team: 'b', added: 'y' } }],
      targets: input.targets.filter((t) => t.gateway === 'keep'),
    }));
    const changed = await runCli(p.dir, ['deploy', '--yes', '--json'], aws.env());
    expect(changed.stderr).toBe('');
    expect(changed.status).toBe(0);
    expect((JSON.parse(changed.stdout) as { outcomes: Record<string, string> }).outcomes).toMatchObject({
      'gateway:keep': 'updated',
      'target:keep/tools': 'unchanged',
      'delete:target:drop/calc': 'deleted',
      'delete:gateway:drop': 'deleted',
      'delete:role:MotoRetag-drop-gateway': 'deleted',
    });
    expect(await inventory(project)).toEqual({ gateways: { 'MotoRetag-keep': ['tools'] }, roles: ['MotoRetag-keep-gateway'], oauth: [], apiKeys: [] });
    const keep = await inMoto(async (agentcore) => {
      const id = readDeployedState(p.dir)!.gateways.keep!.gatewayId;
      const detail = await agentcore.send(new GetGatewayCommand({ gatewayIdentifier: id }));
      const tags = (await agentcore.send(new ListTagsForResourceCommand({ resourceArn: detail.gatewayArn }))).tags;
      return { status: detail.status, tags };
    });
    // moto leaves a gateway UPDATING after an UpdateGateway: READY shows that none was sent.
    expect(keep).toEqual({ status: 'READY', tags: { team: 'b', added: 'y', 'agentcore-projen:project': project } });
    expect((await runCli(p.dir, ['diff'], aws.env())).status).toBe(0);

    expect((await runCli(p.dir, ['destroy', '--yes'], aws.env())).status).toBe(0);
    expect(await inventory(project)).toEqual({ gateways: {}, roles: [], oauth: [], apiKeys: [] });
  });
});
