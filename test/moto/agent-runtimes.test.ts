import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CreateBucketCommand,
  GetBucketTaggingCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { BedrockAgentCoreControlClient, GetAgentRuntimeCommand, ListTagsForResourceCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import type { ProjectInput } from '../../src/model/input';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploy, destroy, diff, readDeployedState, STATE_PATH } from '../../src/deploy';
import { deployPolicy } from '../../src/deploy/deploy-policy';
import type { DeployOptions, PlanView } from '../../src/deploy';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { awsEnv, FAKE_CREDENTIALS, makeProject, quickStart, runCli } from '../deploy/helpers';
import { motoForThisRun } from './emulated-aws';
import { type MotoServer, startMotoServer } from './moto-server';
import { smallAgentFiles } from './small-agents';

// Agents on AgentCore Runtime, deployed for real: S3 and STS are moto's (an emulator we did not
// write), the runtimes and roles our fake's (moto leaves an updated runtime UPDATING for ever, and
// updates are most of what is checked here). Each client is the real SDK's.

const REGION = 'us-east-1';
const executable = motoForThisRun();

describe.skipIf(!executable)('agents on AgentCore Runtime', () => {
  let moto: MotoServer;
  let fake: FakeAws;
  let s3: S3Client;
  beforeAll(async () => {
    [moto, fake] = await Promise.all([startMotoServer(executable!), startFakeAws({ readyAfterPolls: 2 })]);
    s3 = new S3Client({ endpoint: moto.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, forcePathStyle: true });
  });
  afterAll(async () => {
    s3?.destroy();
    await Promise.all([moto?.stop(), fake?.close()]);
  });

  function project(name: string, change: (input: ProjectInput) => ProjectInput = (i) => i) {
    const p = makeProject(change(quickStart(name, { deployAgent: true })), smallAgentFiles(['MyAgent']));
    const onMoto = { endpoint: moto.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const options = (extra: DeployOptions = {}): DeployOptions => {
      const base = p.options(fake, extra);
      return { ...base, clients: { ...base.clients, s3: { ...onMoto, forcePathStyle: true }, sts: onMoto } };
    };
    return { ...p, options };
  }

  const objects = async (bucket: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!).sort();
  const runtimeOf = (name: string) => [...fake.control.runtimes.values()].find((r) => r.agentRuntimeName === name);

  test('the plan lists each agent: a new one is a create that deploy asks about (declined: nothing is made), an unchanged one is a no-op', async () => {
    const p = project('RtPlan');
    let asked: PlanView | undefined;
    const declined = await deploy(p.dir, { ...p.options(), confirm: (view) => ((asked = view), false) });
    expect(declined.applied).toBe(false);
    expect(asked?.changes.find((c) => c.id === 'runtime:MyAgent')).toMatchObject({ kind: 'runtime', action: 'create', name: 'RtPlan_MyAgent' });
    expect(runtimeOf('RtPlan_MyAgent')).toBeUndefined();

    await deploy(p.dir, p.options());
    const again = await deploy(p.dir, { ...p.options(), dryRun: true });
    expect(again.plan.changes.find((c) => c.id === 'runtime:MyAgent')?.action).toBe('no-op');
    const gone = await destroy(p.dir, { ...p.options(), dryRun: true });
    expect(gone.plan.changes.find((c) => c.id === 'runtime:MyAgent')?.action).toBe('delete');
    await destroy(p.dir, p.options());
  });

  test('first deploy creates bucket, package, role and runtime with the gateway URL; a second deploy writes nothing', async () => {
    const p = project('RtFirst');
    const first = await deploy(p.dir, p.options());
    expect(first.outcomes['runtime:MyAgent']).toBe('created');

    const state = readDeployedState(p.dir)!;
    const bucket = 'rtfirst-agentcore-123456789012-us-east-1';
    expect(state.artifactBucket).toEqual({ name: bucket, created: true });
    const rt = state.runtimes.MyAgent!;
    expect(rt).toMatchObject({ name: 'RtFirst_MyAgent', agentRuntimeVersion: '1', artifact: { bucket } });
    expect(rt.roleArn).toMatch(/:role\/agentcore-projen\/RtFirst\/RtFirst-MyAgent-runtime$/);
    expect(await objects(bucket)).toEqual([rt.artifact!.key]);
    expect(rt.artifact!.key).toBe(`agentcore-projen/RtFirst/MyAgent/${rt.artifact!.sha256}.zip`);

    const runtime = runtimeOf('RtFirst_MyAgent')!;
    expect(runtime.status).toBe('READY');
    const gatewayUrl = state.gateways['my-gateway']!.gatewayUrl!;
    expect(runtime.spec).toMatchObject({
      roleArn: rt.roleArn,
      networkConfiguration: { networkMode: 'PUBLIC' },
      protocolConfiguration: { serverProtocol: 'HTTP' },
      environmentVariables: { AGENTCORE_GATEWAY_MY_GATEWAY_URL: gatewayUrl, AGENTCORE_GATEWAY_MY_GATEWAY_AUTH_TYPE: 'NONE' },
      agentRuntimeArtifact: { codeConfiguration: { code: { s3: { bucket, prefix: rt.artifact!.key } }, runtime: 'PYTHON_3_12', entryPoint: ['main.py'] } },
    });
    expect(fake.control.tags.get(runtime.agentRuntimeArn)).toEqual({ 'agentcore-projen:project': 'RtFirst' });
    const role = [...fake.iam.roles.values()].find((r) => r.arn === rt.roleArn)!;
    expect(role.policies.get('agent-runtime')).toContain('bedrock:InvokeModel');
    expect(JSON.parse(role.trustPolicy)).toMatchObject({ Statement: [{ Principal: { Service: 'bedrock-agentcore.amazonaws.com' } }] });

    fake.resetCalls();
    const second = await deploy(p.dir, p.options());
    expect(new Set(Object.values(second.outcomes))).toEqual(new Set(['unchanged']));
    expect(fake.writes()).toEqual([]);
    expect(await objects(bucket)).toEqual([rt.artifact!.key]);
    expect(runtimeOf('RtFirst_MyAgent')!.version).toBe(1);
  });

  test('editing main.py uploads one new package and updates the runtime; the old package goes once unused', async () => {
    const p = project('RtEdit');
    await deploy(p.dir, p.options());
    const before = readDeployedState(p.dir)!.runtimes.MyAgent!;
    fs.appendFileSync(path.join(p.dir, 'app/MyAgent/main.py'), '# changed\n');
    fake.resetCalls();
    const result = await deploy(p.dir, p.options());
    expect(result.outcomes['runtime:MyAgent']).toBe('updated');
    expect(fake.writes().map((c) => c.op)).toEqual(['UpdateAgentRuntime']);
    const after = readDeployedState(p.dir)!.runtimes.MyAgent!;
    expect(after.artifact!.sha256).not.toBe(before.artifact!.sha256);
    expect(after.agentRuntimeVersion).toBe('2');
    expect(await objects(after.artifact!.bucket)).toEqual([after.artifact!.key]);
  });

  test('an edited main.py is a planned update of that agent only: deploy asks; declined, nothing is uploaded or changed; accepted, one package and one update', async () => {
    const p = project('RtAsk');
    await deploy(p.dir, p.options());
    const before = readDeployedState(p.dir)!.runtimes.MyAgent!;
    fs.appendFileSync(path.join(p.dir, 'app/MyAgent/main.py'), '# changed\n');

    const plan = await diff(p.dir, p.options());
    const changes = plan.changes.filter((c) => c.action !== 'no-op');
    expect(changes.map((c) => [c.id, c.action])).toEqual([['runtime:MyAgent', 'update']]);
    expect(changes[0]!.reasons).toEqual([expect.stringMatching(/^code changed \(sha256 [0-9a-f]{8}… → [0-9a-f]{8}…\)$/)]);
    expect(changes[0]!.reasons[0]).toContain(`sha256 ${before.artifact!.sha256.slice(0, 8)}… →`);

    fake.resetCalls();
    let asked: PlanView | undefined;
    const declined = await deploy(p.dir, { ...p.options(), confirm: (view) => ((asked = view), false) });
    expect(declined.applied).toBe(false);
    expect(asked?.changes.find((c) => c.id === 'runtime:MyAgent')?.action).toBe('update');
    expect(fake.writes()).toEqual([]);
    expect(await objects(before.artifact!.bucket)).toEqual([before.artifact!.key]);
    expect(runtimeOf('RtAsk_MyAgent')!.version).toBe(1);

    const accepted = await deploy(p.dir, { ...p.options(), confirm: () => true });
    expect(accepted.outcomes['runtime:MyAgent']).toBe('updated');
    expect(fake.writes().map((c) => c.op)).toEqual(['UpdateAgentRuntime']);
    const after = readDeployedState(p.dir)!.runtimes.MyAgent!;
    expect(await objects(before.artifact!.bucket)).toEqual([after.artifact!.key]);
    expect(after.artifact!.key).not.toBe(before.artifact!.key);
    expect(runtimeOf('RtAsk_MyAgent')!.version).toBe(2);
  });

  test('`diff` on the command line shows the agent update and exits 1; nothing else changes', async () => {
    const p = project('RtCliDiff');
    await deploy(p.dir, p.options());
    fs.appendFileSync(path.join(p.dir, 'app/MyAgent/main.py'), '# changed\n');
    const env = { ...awsEnv(fake), AWS_ENDPOINT_URL_S3: moto.endpoint, AWS_ENDPOINT_URL_STS: moto.endpoint };
    const result = await runCli(p.dir, ['diff'], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^ {2}update +agent MyAgent +code changed \(sha256 /m);
    expect(result.stdout).toContain('0 to create, 1 to update, 0 to replace, 0 to delete');
  });

  test('a gateway added to the model is named in the plan as why each agent updates, and the agent gets its URL', async () => {
    const p = project('RtGateway');
    await deploy(p.dir, p.options());
    p.resynth((input) => ({ ...input, gateways: [...input.gateways, { name: 'second-gw' }] }));
    const plan = await diff(p.dir, p.options());
    expect(plan.changes.find((c) => c.id === 'runtime:MyAgent')).toMatchObject({
      action: 'update',
      reasons: ['gateway second-gw is new: its URL is set when it is created'],
    });
    fake.resetCalls();
    const result = await deploy(p.dir, p.options());
    expect(result.outcomes['runtime:MyAgent']).toBe('updated');
    const state = readDeployedState(p.dir)!;
    expect(runtimeOf('RtGateway_MyAgent')!.spec.environmentVariables).toEqual({
      AGENTCORE_GATEWAY_MY_GATEWAY_URL: state.gateways['my-gateway']!.gatewayUrl,
      AGENTCORE_GATEWAY_MY_GATEWAY_AUTH_TYPE: 'NONE',
      AGENTCORE_GATEWAY_SECOND_GW_URL: state.gateways['second-gw']!.gatewayUrl,
      AGENTCORE_GATEWAY_SECOND_GW_AUTH_TYPE: 'NONE',
    });
  });

  test("an AWS_IAM gateway added to the model: the plan names the agent's new permissions and variables, and deploy grants exactly that gateway", async () => {
    const p = project('RtIamGw');
    await deploy(p.dir, p.options());
    p.resynth((input) => ({ ...input, gateways: [...input.gateways, { name: 'iam-gw', authorizerType: 'AWS_IAM' }] }));
    const plan = await diff(p.dir, p.options());
    expect(plan.changes.find((c) => c.id === 'runtime:MyAgent')?.reasons).toEqual([
      'gateway iam-gw is new: its URL is set when it is created',
      'execution role permissions: gateway iam-gw is created first',
    ]);
    await deploy(p.dir, p.options());
    const state = readDeployedState(p.dir)!;
    const role = [...fake.iam.roles.values()].find((r) => r.arn === state.runtimes.MyAgent!.roleArn)!;
    const invoke = (JSON.parse(role.policies.get('agent-runtime')!) as { Statement: { Sid: string; Resource: string[] }[] }).Statement.find(
      (st) => st.Sid === 'InvokeGateways',
    );
    expect(invoke?.Resource).toEqual([state.gateways['iam-gw']!.gatewayArn]);
    expect((await diff(p.dir, p.options())).hasChanges).toBe(false);
  });

  test('a deploy stopped after the upload, or after CreateAgentRuntime, converges on re-run without a second runtime', async () => {
    for (const stopAt of ['package uploaded', 'CreateAgentRuntime answered']) {
      const name = stopAt.startsWith('package') ? 'RtCrashA' : 'RtCrashB';
      const p = project(name);
      const crash = (step: { what: string }) => {
        if (step.what === stopAt) throw new Error('simulated crash');
      };
      await expect(deploy(p.dir, p.options({ afterStep: crash }))).rejects.toThrow('simulated crash');
      const result = await deploy(p.dir, p.options());
      expect(['created', 'unchanged']).toContain(result.outcomes['runtime:MyAgent']);
      expect([...fake.control.runtimes.values()].filter((r) => r.agentRuntimeName === `${name}_MyAgent`)).toHaveLength(1);
      expect(runtimeOf(`${name}_MyAgent`)!.status).toBe('READY');
    }
  });

  test('destroy removes runtimes, roles, packages and the bucket it created', async () => {
    const p = project('RtGone');
    await deploy(p.dir, p.options());
    const state = readDeployedState(p.dir)!;
    const roleArn = state.runtimes.MyAgent!.roleArn;
    await destroy(p.dir, p.options());
    // Every call deploy and destroy made is one `--print-policy` grants.
    const granted = new Set(
      deployPolicy(p.config, undefined, { partition: 'aws', region: REGION, account: '123456789012' }).Statement.flatMap((st) => st.Action),
    );
    const service = { agentcore: 'bedrock-agentcore', iam: 'iam', cognito: 'cognito-idp' };
    expect([...new Set(fake.calls.map((c) => `${service[c.service]}:${c.op}`))].filter((a) => !granted.has(a))).toEqual([]);
    expect(runtimeOf('RtGone_MyAgent')).toBeUndefined();
    expect([...fake.iam.roles.values()].some((r) => r.arn === roleArn)).toBe(false);
    const head = await s3.send(new HeadBucketCommand({ Bucket: state.artifactBucket!.name })).catch((e: Error) => e);
    expect(head).toBeInstanceOf(Error);
    expect(readDeployedState(p.dir)).toBeUndefined();
  });

  test('after the state file is lost, destroy finds the runtime, its role and the bucket by their tags and deletes them', async () => {
    // No target: targets carry no tags, so after a lost state only `destroy --adopt` may delete them.
    const p = project('RtLost', (input) => ({ ...input, targets: [] }));
    await deploy(p.dir, p.options());
    const state = readDeployedState(p.dir)!;
    fs.rmSync(path.join(p.dir, STATE_PATH));

    // A deploy finds them too: nothing is made twice, nothing changes.
    fake.resetCalls();
    const again = await deploy(p.dir, p.options());
    expect(again.plan.hasChanges).toBe(false);
    expect(fake.writes()).toEqual([]);
    expect(readDeployedState(p.dir)!.runtimes.MyAgent!.agentRuntimeId).toBe(state.runtimes.MyAgent!.agentRuntimeId);
    expect(readDeployedState(p.dir)!.artifactBucket).toEqual(state.artifactBucket);
    fs.rmSync(path.join(p.dir, STATE_PATH));

    const planned = await destroy(p.dir, { ...p.options(), dryRun: true });
    expect(planned.plan.changes.find((c) => c.id === 'runtime:MyAgent')).toMatchObject({ action: 'delete', name: 'RtLost_MyAgent' });
    await destroy(p.dir, p.options());
    expect(runtimeOf('RtLost_MyAgent')).toBeUndefined();
    expect([...fake.iam.roles.values()].some((r) => r.arn === state.runtimes.MyAgent!.roleArn)).toBe(false);
    expect(await s3.send(new HeadBucketCommand({ Bucket: state.artifactBucket!.name })).catch((e: Error) => e)).toBeInstanceOf(Error);
    expect([...fake.control.gateways.values()].filter((g) => g.name.startsWith('RtLost-'))).toEqual([]);
    expect(readDeployedState(p.dir)).toBeUndefined();
  });

  test("a runtime with the project's name but not its tag is not the project's: destroy leaves it, deploy refuses with the --adopt fix, --adopt takes it over", async () => {
    const p = project('RtForeign');
    const made = fake.control.handle('PUT', '/runtimes/', new URLSearchParams(), {
      agentRuntimeName: 'RtForeign_MyAgent',
      agentRuntimeArtifact: {
        codeConfiguration: { code: { s3: { bucket: 'their-bucket', prefix: 'their.zip' } }, runtime: 'PYTHON_3_12', entryPoint: ['main.py'] },
      },
      roleArn: 'arn:aws:iam::999999999999:role/TheirRole',
      networkConfiguration: { networkMode: 'PUBLIC' },
      tags: { owner: 'someone-else' },
    }).body as { agentRuntimeId: string };
    const theirs = fake.control.runtimes.get(made.agentRuntimeId)!;
    theirs.status = 'READY';
    delete theirs.transition;

    const refused = await deploy(p.dir, p.options()).catch((e: Error) => e);
    expect((refused as Error).message).toContain('deploy refused; nothing was changed');
    expect((refused as Error).message).toContain(
      'agent MyAgent: an agent runtime named "RtForeign_MyAgent" already exists in us-east-1 and nothing shows this project made it',
    );
    expect((refused as Error).message).toContain('if it is yours, run `npx projen deploy --adopt` to take it over');
    expect(theirs.version).toBe(1);

    const gone = await destroy(p.dir, { ...p.options(), dryRun: true });
    expect(gone.plan.changes.find((c) => c.id === 'runtime:MyAgent')).toBeUndefined();
    expect(gone.plan.warnings).toContain('agent runtime "RtForeign_MyAgent" starts with "RtForeign_" but was not made by this project; left alone');

    const adopted = await deploy(p.dir, p.options({ adopt: true }));
    expect(adopted.plan.changes.find((c) => c.id === 'runtime:MyAgent')?.reasons[0]).toBe('adopted: not made by this project');
    expect(adopted.outcomes['runtime:MyAgent']).toBe('updated');
    expect(readDeployedState(p.dir)!.runtimes.MyAgent!.agentRuntimeId).toBe(theirs.agentRuntimeId);
    expect(fake.control.tags.get(theirs.agentRuntimeArn)).toMatchObject({ 'agentcore-projen:project': 'RtForeign' });
    await destroy(p.dir, p.options());
    expect(runtimeOf('RtForeign_MyAgent')).toBeUndefined();
  });

  test("an execution role with the agent's role name that the project did not make blocks deploy; --adopt gives it the project's trust, permissions and tag", async () => {
    const p = project('RtTheirRole');
    const name = 'RtTheirRole-MyAgent-runtime';
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    fake.iam.handle(new URLSearchParams({ Action: 'CreateRole', RoleName: name, Path: '/agentcore-projen/RtTheirRole/', AssumeRolePolicyDocument: trust }));

    const refused = await deploy(p.dir, p.options()).catch((e: Error) => e);
    expect((refused as Error).message).toContain(
      `agent MyAgent: an execution role named "${name}" already exists in us-east-1 and nothing shows this project made it`,
    );
    expect((refused as Error).message).toContain('or give the agent an `executionRoleArn`; if it is yours, run `npx projen deploy --adopt`');
    expect(runtimeOf('RtTheirRole_MyAgent')).toBeUndefined();

    await deploy(p.dir, p.options({ adopt: true }));
    const role = fake.iam.roles.get(name)!;
    expect(role.tags.get('agentcore-projen:project')).toBe('RtTheirRole');
    expect(JSON.parse(role.trustPolicy)).toMatchObject({ Statement: [{ Principal: { Service: 'bedrock-agentcore.amazonaws.com' } }] });
    expect(role.policies.get('agent-runtime')).toContain('bedrock:InvokeModel');
    expect(runtimeOf('RtTheirRole_MyAgent')!.spec.roleArn).toBe(role.arn);
  });

  describe('a new execution role the service cannot assume yet (IAM propagation)', () => {
    const QUICK = { initialDelayMs: 1, maxDelayMs: 4, timeoutMs: 5_000 };

    test('CreateAgentRuntime is sent again until the role is accepted, and the deploy converges', async () => {
      const p = project('RtRoleNew');
      fake.resetCalls();
      fake.rejectRoleFor(3);
      const result = await deploy(p.dir, p.options({ rolePropagation: QUICK }));
      expect(result.outcomes['runtime:MyAgent']).toBe('created');
      expect(fake.calls.filter((c) => c.op === 'CreateAgentRuntime').map((c) => c.status)).toEqual([400, 400, 400, 202]);
      expect([...fake.control.runtimes.values()].filter((r) => r.agentRuntimeName === 'RtRoleNew_MyAgent')).toHaveLength(1);
      expect(runtimeOf('RtRoleNew_MyAgent')!.status).toBe('READY');
    });

    test('so is UpdateAgentRuntime', async () => {
      const p = project('RtRoleUpd');
      await deploy(p.dir, p.options());
      fs.appendFileSync(path.join(p.dir, 'app/MyAgent/main.py'), '# changed\n');
      fake.resetCalls();
      fake.rejectRoleFor(1);
      const result = await deploy(p.dir, p.options({ rolePropagation: QUICK }));
      expect(result.outcomes['runtime:MyAgent']).toBe('updated');
      expect(fake.calls.filter((c) => c.op === 'UpdateAgentRuntime').map((c) => c.status)).toEqual([400, 202]);
    });

    test('any other validation error is not retried', async () => {
      const p = project('RtRoleOther');
      fake.resetCalls();
      fake.failCalls({ op: 'CreateAgentRuntime', status: 400, times: 1, type: 'ValidationException' });
      await expect(deploy(p.dir, p.options({ rolePropagation: QUICK }))).rejects.toThrow(
        'agent MyAgent: CreateAgentRuntime failed: ValidationException (HTTP 400): injected fault',
      );
      expect(fake.count('CreateAgentRuntime')).toBe(1);
    });

    test('a role that never becomes assumable fails once the time is up, naming the role and what to check', async () => {
      const p = project('RtRoleNever');
      fake.rejectRoleFor(1_000_000);
      try {
        const err = await deploy(p.dir, p.options({ rolePropagation: { initialDelayMs: 1, maxDelayMs: 2, timeoutMs: 20 } })).catch((e: Error) => e);
        expect((err as Error).message).toMatch(
          /^agent MyAgent: CreateAgentRuntime failed: ValidationException \(HTTP 400\): Role validation failed for '.*RtRoleNever-MyAgent-runtime'.* \(retried for \d+s while IAM propagated the execution role .*\); check that its trust policy allows bedrock-agentcore\.amazonaws\.com, and run deploy again$/,
        );
      } finally {
        fake.rejectRoleFor(0);
      }
    });
  });

  test('a runtime that ends CREATE_FAILED fails the deploy with the service reason; fixing it and re-running converges', async () => {
    const p = project('RtFails');
    fake.failResource({ kind: 'runtime', name: 'RtFails_MyAgent', on: 'create', reasons: ['could not find main.py'] });
    await expect(deploy(p.dir, p.options())).rejects.toThrow(/agent MyAgent is CREATE_FAILED: could not find main.py/);
    fake.control.resourceFaults.length = 0;
    const result = await deploy(p.dir, p.options());
    expect(result.outcomes['runtime:MyAgent']).toBe('updated');
    expect(runtimeOf('RtFails_MyAgent')!.status).toBe('READY');
    expect([...fake.control.runtimes.values()].filter((r) => r.agentRuntimeName === 'RtFails_MyAgent')).toHaveLength(1);
  });

  test('a bucket the model names holds the packages under the project prefix; deploy never creates, tags or deletes it, and destroy leaves it and what else it holds', async () => {
    const bucket = 'shared-agent-artifacts';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'someone/else.txt', Body: 'theirs' }));
    const p = project('RtNamed', (input) => ({ ...input, artifactBucket: bucket }));
    await deploy(p.dir, p.options());
    const state = readDeployedState(p.dir)!;
    expect(state.artifactBucket).toEqual({ name: bucket, created: false });
    const key = state.runtimes.MyAgent!.artifact!.key;
    expect(key).toMatch(/^agentcore-projen\/RtNamed\/MyAgent\/[0-9a-f]{64}\.zip$/);
    expect(await objects(bucket)).toEqual([key, 'someone/else.txt']);
    expect(runtimeOf('RtNamed_MyAgent')!.spec).toMatchObject({ agentRuntimeArtifact: { codeConfiguration: { code: { s3: { bucket, prefix: key } } } } });
    const tags = await s3.send(new GetBucketTaggingCommand({ Bucket: bucket })).catch((e: Error) => e);
    expect(tags).toMatchObject({ name: 'NoSuchTagSet' });
    const buckets = (await s3.send(new ListBucketsCommand({}))).Buckets ?? [];
    expect(buckets.filter((b) => b.Name!.startsWith('rtnamed'))).toEqual([]);

    await destroy(p.dir, p.options());
    expect(runtimeOf('RtNamed_MyAgent')).toBeUndefined();
    expect(await objects(bucket)).toEqual(['someone/else.txt']);
  });

  test('a named bucket that does not exist stops the deploy with the fix before any runtime is made', async () => {
    const p = project('RtNoBucket', (input) => ({ ...input, artifactBucket: 'no-such-agent-bucket' }));
    await expect(deploy(p.dir, p.options())).rejects.toThrow(
      'artifact bucket: the bucket "no-such-agent-bucket" (artifactBucket in .projenrc.ts) does not exist in this account; create it, or leave artifactBucket out to let deploy create one',
    );
    expect(runtimeOf('RtNoBucket_MyAgent')).toBeUndefined();
  });

  test("an agent's pythonVersion and VPC reach its runtime; a changed pythonVersion is a planned update", async () => {
    const vpc = { subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'], securityGroups: ['sg-0123456789abcdef0'] };
    const withAgent = (pythonVersion: '3.11' | '3.13') => (input: ProjectInput) => ({
      ...input,
      agents: input.agents.map((a) => ({ ...a, pythonVersion, networkMode: 'VPC' as const, vpc })),
    });
    const p = project('RtOptions', withAgent('3.13'));
    await deploy(p.dir, p.options());
    expect(runtimeOf('RtOptions_MyAgent')!.spec).toMatchObject({
      agentRuntimeArtifact: { codeConfiguration: { runtime: 'PYTHON_3_13' } },
      networkConfiguration: { networkMode: 'VPC', networkModeConfig: vpc },
    });

    p.resynth(withAgent('3.11'));
    const plan = await diff(p.dir, p.options());
    expect(plan.changes.find((c) => c.id === 'runtime:MyAgent')).toMatchObject({ action: 'update', reasons: ['Python PYTHON_3_13 → PYTHON_3_11'] });
    const result = await deploy(p.dir, p.options());
    expect(result.outcomes['runtime:MyAgent']).toBe('updated');
    expect(runtimeOf('RtOptions_MyAgent')!.spec).toMatchObject({ agentRuntimeArtifact: { codeConfiguration: { runtime: 'PYTHON_3_11' } } });
  });

  test("on moto's own runtimes too: a first deploy of the quick start creates the runtime with every field deploy sends, re-planning finds nothing to change, destroy deletes it", async () => {
    // Everything on moto (updates stay on our fake: moto leaves an updated runtime UPDATING for ever).
    const p = project('RtOnMoto');
    const onMoto = { endpoint: moto.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const options = { ...p.options(), clients: { agentcore: onMoto, iam: onMoto, s3: { ...onMoto, forcePathStyle: true }, sts: onMoto } };
    const agentcore = new BedrockAgentCoreControlClient(onMoto);
    const iam = new IAMClient(onMoto);
    try {
      const first = await deploy(p.dir, options);
      expect(first.outcomes['runtime:MyAgent']).toBe('created');
      const state = readDeployedState(p.dir)!;
      const rt = state.runtimes.MyAgent!;
      const runtime = await agentcore.send(new GetAgentRuntimeCommand({ agentRuntimeId: rt.agentRuntimeId }));
      expect(runtime).toMatchObject({
        agentRuntimeName: 'RtOnMoto_MyAgent',
        status: 'READY',
        roleArn: rt.roleArn,
        networkConfiguration: { networkMode: 'PUBLIC' },
        protocolConfiguration: { serverProtocol: 'HTTP' },
        environmentVariables: { AGENTCORE_GATEWAY_MY_GATEWAY_URL: state.gateways['my-gateway']!.gatewayUrl, AGENTCORE_GATEWAY_MY_GATEWAY_AUTH_TYPE: 'NONE' },
        agentRuntimeArtifact: {
          codeConfiguration: { code: { s3: { bucket: rt.artifact!.bucket, prefix: rt.artifact!.key } }, runtime: 'PYTHON_3_12', entryPoint: ['main.py'] },
        },
      });
      expect((await agentcore.send(new ListTagsForResourceCommand({ resourceArn: rt.agentRuntimeArn }))).tags).toEqual({
        'agentcore-projen:project': 'RtOnMoto',
      });
      expect(await objects(rt.artifact!.bucket)).toEqual([rt.artifact!.key]);

      const again = await diff(p.dir, options);
      expect(again.changes.filter((c) => c.action !== 'no-op')).toEqual([]);

      await destroy(p.dir, options);
      expect(await agentcore.send(new GetAgentRuntimeCommand({ agentRuntimeId: rt.agentRuntimeId })).catch((e: Error) => e.name)).toBe(
        'ResourceNotFoundException',
      );
      expect(await iam.send(new GetRoleCommand({ RoleName: rt.roleArn.split('/').pop()! })).catch((e: Error) => e.name)).toBe('NoSuchEntityException');
      expect(await s3.send(new HeadBucketCommand({ Bucket: rt.artifact!.bucket })).catch((e: Error) => e)).toBeInstanceOf(Error);
      expect(readDeployedState(p.dir)).toBeUndefined();
    } finally {
      agentcore.destroy();
      iam.destroy();
    }
  });

  test('an agent with deploy: false stays local: no bucket, no runtime', async () => {
    const p = makeProject(quickStart('RtLocal'), smallAgentFiles(['MyAgent']));
    await deploy(p.dir, p.options(fake));
    expect(runtimeOf('RtLocal_MyAgent')).toBeUndefined();
    expect(readDeployedState(p.dir)!.artifactBucket).toBeUndefined();
  });
});
