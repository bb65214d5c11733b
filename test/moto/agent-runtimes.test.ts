import * as fs from 'node:fs';
import * as path from 'node:path';
import { HeadBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploy, destroy, readDeployedState } from '../../src/deploy';
import { deployPolicy } from '../../src/deploy/deploy-policy';
import type { DeployOptions, PlanView } from '../../src/deploy';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { FAKE_CREDENTIALS, makeProject, quickStart } from '../deploy/helpers';
import { motoForThisRun } from './emulated-aws';
import { type MotoServer, startMotoServer } from './moto-server';

// Agents on AgentCore Runtime, deployed for real: S3 and STS are moto's (an emulator we did not
// write), the runtimes and roles our fake's (moto leaves an updated runtime UPDATING for ever, and
// updates are most of what is checked here). Each client is the real SDK's.

const REGION = 'us-east-1';
const executable = motoForThisRun();

const PYPROJECT = '[project]\nname = "myagent"\nversion = "0.1.0"\nrequires-python = ">=3.10"\ndependencies = []\n';
const MAIN = 'def handler(payload):\n    return {"answer": "hello"}\n';

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

  function project(name: string) {
    const p = makeProject(quickStart(name, { deployAgent: true }), { 'app/MyAgent/pyproject.toml': PYPROJECT, 'app/MyAgent/main.py': MAIN });
    const onMoto = { endpoint: moto.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const options = (extra: DeployOptions = {}): DeployOptions => {
      const base = p.options(fake, extra);
      return { ...base, clients: { ...base.clients, s3: { ...onMoto, forcePathStyle: true }, sts: onMoto } };
    };
    return { ...p, options };
  }

  const objects = async (bucket: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!).sort();
  const runtimeOf = (name: string) => [...fake.control.runtimes.values()].find((r) => r.agentRuntimeName === name);

  test('the plan lists each agent: a new one is a create that deploy asks about (declined: nothing is made), a known one is checked while applying', async () => {
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
    fs.writeFileSync(path.join(p.dir, 'app/MyAgent/main.py'), `${MAIN}# changed\n`);
    fake.resetCalls();
    const result = await deploy(p.dir, p.options());
    expect(result.outcomes['runtime:MyAgent']).toBe('updated');
    expect(fake.writes().map((c) => c.op)).toEqual(['UpdateAgentRuntime']);
    const after = readDeployedState(p.dir)!.runtimes.MyAgent!;
    expect(after.artifact!.sha256).not.toBe(before.artifact!.sha256);
    expect(after.agentRuntimeVersion).toBe('2');
    expect(await objects(after.artifact!.bucket)).toEqual([after.artifact!.key]);
  });

  test('adding a gateway updates the agent environment with its URL', async () => {
    const p = project('RtGateway');
    await deploy(p.dir, p.options());
    p.resynth((input) => ({ ...input, gateways: [...input.gateways, { name: 'second-gw' }] }));
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

  test('an agent with deploy: false stays local: no bucket, no runtime', async () => {
    const p = makeProject(quickStart('RtLocal'), { 'app/MyAgent/pyproject.toml': PYPROJECT, 'app/MyAgent/main.py': MAIN });
    await deploy(p.dir, p.options(fake));
    expect(runtimeOf('RtLocal_MyAgent')).toBeUndefined();
    expect(readDeployedState(p.dir)!.artifactBucket).toBeUndefined();
  });
});
