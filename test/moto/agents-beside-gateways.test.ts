import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StorageProxy, startStorageProxy } from '../../bench/storage-proxy';
import { deploy, type DeployOptions, type StepInfo } from '../../src/deploy';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { FAKE_CREDENTIALS, makeProject, quickStart } from '../deploy/helpers';
import { motoForThisRun } from './emulated-aws';
import { type MotoServer, startMotoServer } from './moto-server';
import { smallAgentFiles } from './small-agents';

// What an agent needs of no gateway (the bucket, its package, its execution role) is done while
// the gateways are made, and its runtime waits only for the gateways it uses, not their targets
// (bench/deploy-agents.bench.ts: agents waited for the whole gateway graph). S3 and STS are moto's,
// behind a proxy that logs each call; runtimes and roles our fake's.

const REGION = 'us-east-1';
const AGENTS = ['AgentA', 'AgentB', 'AgentC'];
const executable = motoForThisRun();

/** Only breaks a wait that the old order would never end (the test then fails on the order). */
const GIVE_UP_MS = 10_000;

describe.skipIf(!executable)('agents deploy beside the gateways', () => {
  let moto: MotoServer;
  let storage: StorageProxy;
  let fake: FakeAws;
  beforeAll(async () => {
    [moto, fake] = await Promise.all([startMotoServer(executable!), startFakeAws({ readyAfterPolls: 2 })]);
    storage = await startStorageProxy(moto.endpoint, 0);
  });
  afterAll(async () => {
    await storage?.close();
    await Promise.all([moto?.stop(), fake?.close()]);
  });

  function project(name: string) {
    const input = quickStart(name, { deployAgent: true });
    const files = smallAgentFiles(AGENTS);
    const p = makeProject({ ...input, agents: AGENTS.map((agent) => ({ name: agent, framework: 'Strands', modelProvider: 'Bedrock' })) }, files);
    const onStorage = { endpoint: storage.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const options = (extra: DeployOptions = {}): DeployOptions => {
      const base = p.options(fake, extra);
      return { ...base, clients: { ...base.clients, s3: { ...onStorage, forcePathStyle: true }, sts: onStorage } };
    };
    return { ...p, options };
  }

  /** A step hook that holds the step `what` of `id` until some step `until` was seen (or gives up). */
  function holdUntil(hold: (s: StepInfo) => boolean, until: (s: StepInfo) => boolean) {
    const seen: StepInfo[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const afterStep = async (step: StepInfo) => {
      seen.push(step);
      if (until(step)) release();
      if (!hold(step)) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([released, new Promise<void>((resolve) => (timer = setTimeout(resolve, GIVE_UP_MS)))]);
      clearTimeout(timer);
    };
    const indexOf = (match: (s: StepInfo) => boolean) => seen.findIndex(match);
    return { afterStep, indexOf };
  }

  test('every package is uploaded while the gateway is still being created', async () => {
    const p = project('PackEarly');
    const uploaded = new Set<string>();
    const steps = holdUntil(
      (s) => s.id === 'gateway:my-gateway' && s.what === 'CreateGateway answered',
      (s) => s.what === 'package uploaded' && uploaded.add(s.id).size === AGENTS.length,
    );
    const result = await deploy(p.dir, p.options({ afterStep: steps.afterStep }));

    expect(AGENTS.map((a) => result.outcomes[`runtime:${a}`])).toEqual(['created', 'created', 'created']);
    const gatewayReady = steps.indexOf((s) => s.id === 'gateway:my-gateway' && s.what === 'READY');
    for (const a of AGENTS) expect(steps.indexOf((s) => s.id === `runtime:${a}` && s.what === 'package uploaded')).toBeLessThan(gatewayReady);
  }, 60_000);

  test("an agent's runtime is created before the gateway's target is READY: it waits for the gateway, not its targets", async () => {
    const p = project('NoTargetWait');
    const steps = holdUntil(
      (s) => s.id === 'target:my-gateway/weather-tools' && s.what === 'CreateGatewayTarget answered',
      (s) => s.id === 'runtime:AgentA' && s.what === 'CreateAgentRuntime answered',
    );
    const result = await deploy(p.dir, p.options({ afterStep: steps.afterStep }));

    expect(result.outcomes['target:my-gateway/weather-tools']).toBe('created');
    const gatewayReady = steps.indexOf((s) => s.id === 'gateway:my-gateway' && s.what === 'READY');
    const runtimeCreated = steps.indexOf((s) => s.id === 'runtime:AgentA' && s.what === 'CreateAgentRuntime answered');
    const targetReady = steps.indexOf((s) => s.id === 'target:my-gateway/weather-tools' && s.what === 'READY');
    // Its environment carries the gateway's URL: the runtime still waits for the gateway.
    expect(gatewayReady).toBeGreaterThanOrEqual(0);
    expect(runtimeCreated).toBeGreaterThan(gatewayReady);
    expect(runtimeCreated).toBeLessThan(targetReady);
    const runtime = [...fake.control.runtimes.values()].find((r) => r.agentRuntimeName === 'NoTargetWait_AgentA');
    expect((runtime?.spec.environmentVariables as Record<string, string> | undefined)?.AGENTCORE_GATEWAY_MY_GATEWAY_URL).toMatch(/^https:\/\//);
  }, 60_000);

  test('a deploy asks STS for the account once, however many agents need it', async () => {
    const p = project('OneAccount');
    const from = storage.calls.length;
    const result = await deploy(p.dir, p.options());
    expect(AGENTS.map((a) => result.outcomes[`runtime:${a}`])).toEqual(['created', 'created', 'created']);
    expect(storage.calls.slice(from).filter((c) => c.op === 'GetCallerIdentity')).toHaveLength(1);
  }, 60_000);

  test("an unchanged re-deploy does not list the agents' packages (nothing old to delete), and writes nothing", async () => {
    const p = project('NoRelist');
    const first = await deploy(p.dir, p.options());
    expect(AGENTS.map((a) => first.outcomes[`runtime:${a}`])).toEqual(['created', 'created', 'created']);

    const from = storage.calls.length;
    const second = await deploy(p.dir, p.options());
    expect(AGENTS.map((a) => second.outcomes[`runtime:${a}`])).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const calls = storage.calls.slice(from);
    expect(calls.filter((c) => c.op === 'ListObjectsV2')).toEqual([]);
    expect(calls.filter((c) => c.write)).toEqual([]);
  }, 60_000);
});
