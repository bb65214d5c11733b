import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploy, type StepInfo } from '../../src/deploy';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { FAKE_CREDENTIALS, makeProject, quickStart } from '../deploy/helpers';
import { motoForThisRun } from './emulated-aws';
import { type MotoServer, startMotoServer } from './moto-server';
import { smallAgentFiles } from './small-agents';

// Several agents deploy side by side: a runtime spends most of its deploy waiting for READY, so
// deploying one agent after the other made a project of 10 agents take 10 times as long as one
// (bench/deploy-agents.bench.ts). S3 and STS are moto's, runtimes and roles our fake's.

const REGION = 'us-east-1';
const AGENTS = ['AgentA', 'AgentB', 'AgentC'];
const executable = motoForThisRun();

/** Only breaks the wait when agents do not deploy side by side (the test then fails on the order). */
const GIVE_UP_MS = 10_000;

describe.skipIf(!executable)('agents deploy side by side', () => {
  let moto: MotoServer;
  let fake: FakeAws;
  beforeAll(async () => {
    [moto, fake] = await Promise.all([startMotoServer(executable!), startFakeAws({ readyAfterPolls: 2 })]);
  });
  afterAll(async () => {
    await Promise.all([moto?.stop(), fake?.close()]);
  });

  test('every agent runtime is created before deploy waits for the first one to be READY', async () => {
    const input = quickStart('Parallel', { deployAgent: true });
    const files = smallAgentFiles(AGENTS);
    const p = makeProject({ ...input, agents: AGENTS.map((name) => ({ name, framework: 'Strands', modelProvider: 'Bedrock' })) }, files);

    // Each agent stops right after its CreateAgentRuntime until every agent has sent its own.
    const created: string[] = [];
    let allCreated!: () => void;
    const barrier = new Promise<void>((resolve) => (allCreated = resolve));
    const seenOnResume: number[] = [];
    const afterStep = async (step: StepInfo) => {
      if (step.what !== 'CreateAgentRuntime answered') return;
      created.push(step.id);
      if (created.length === AGENTS.length) allCreated();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([barrier, new Promise<void>((resolve) => (timer = setTimeout(resolve, GIVE_UP_MS)))]);
      clearTimeout(timer);
      seenOnResume.push(created.length);
    };
    const onMoto = { endpoint: moto.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const base = p.options(fake, { afterStep });
    const result = await deploy(p.dir, { ...base, clients: { ...base.clients, s3: { ...onMoto, forcePathStyle: true }, sts: onMoto } });

    expect(AGENTS.map((a) => result.outcomes[`runtime:${a}`])).toEqual(['created', 'created', 'created']);
    expect(seenOnResume).toEqual([3, 3, 3]);
  }, 60_000);
});
