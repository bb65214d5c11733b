import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deploy, type DeployOptions, type StepInfo } from '../src/deploy';
import { packageAgent } from '../src/package';
import { AgentCoreProject } from '../src/projen/agentcore-project';
import type { Call } from '../test/fixtures/fake-control-plane';
import { startMotoServer } from '../test/moto/moto-server';
import { agentChainMs, gatewayChainMs, type ServiceTiming } from './critical-path';
import { tempDir } from './linked-project';
import { motoOrSkip, uvOrSkip } from './optional-tools';
import { startRemote } from './remote-process';
import type { StorageCall } from './storage-proxy';

// Deploy figures for agents (issue 12): 10 quick-start Strands agents, really packaged, and 5
// gateways with 2 targets each, every agent wired to every gateway. AgentCore and IAM are our fake
// control plane, S3 and STS moto's server behind a proxy; every call is answered 50 ms late and a
// created resource is READY on its 3rd poll. Goals: the first deploy within 1.5x its critical path
// (see critical-path.ts: a gateway's chain, then an agent's role and runtime); an unchanged
// re-deploy uploads nothing and writes nothing. The bench prints; it asserts nothing.

const AGENTS = 10;
const GATEWAYS = 5;
const TARGETS = 2;
const LATENCY_MS = 50;
const POLLS = 3;
/** deploy's own default polling: what a user gets. */
const POLLING = { initialDelayMs: 250, maxDelayMs: 10_000 };
const GOAL_RATIO = 1.5;
const FAKE = path.join(__dirname, '../test/fixtures/fake-control-plane/serve.ts');
const PROXY = path.join(__dirname, 'serve-storage-proxy.ts');
const CREDENTIALS = { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' };
const REGION = 'us-east-1';

type AnyCall = Call | StorageCall;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const fail = (missed: boolean) => (missed ? '  FAIL' : '');

function synthProject(dir: string): void {
  const project = new AgentCoreProject({ name: 'BenchAgents', outdir: dir });
  for (let g = 0; g < GATEWAYS; g++) {
    const gateway = project.addGateway({ name: `gw${g}` });
    for (let t = 0; t < TARGETS; t++) gateway.addTarget({ type: 'mcp-server', name: `t${t}`, endpoint: `https://gw${g}-t${t}.example.com/mcp` });
  }
  for (let a = 0; a < AGENTS; a++) project.addAgent({ name: `Agent${a}`, framework: 'Strands', modelProvider: 'Bedrock' });
  project.synth();
}

/** `service: Op count, ...` lines, one per service. */
function byKind(calls: AnyCall[]): string[] {
  const services = new Map<string, Map<string, number>>();
  for (const c of calls) {
    const ops = services.get(c.service) ?? new Map<string, number>();
    ops.set(c.op, (ops.get(c.op) ?? 0) + 1);
    services.set(c.service, ops);
  }
  return [...services].map(
    ([service, ops]) =>
      `    ${service}: ${[...ops]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([op, n]) => `${op} ${n}`)
        .join(', ')}`,
  );
}

function counts(calls: AnyCall[]): string {
  const writes = calls.filter((c) => c.write).length;
  return `${calls.length} calls (${calls.length - writes} reads, ${writes} writes)`;
}

const uploads = (calls: AnyCall[]) => calls.filter((c): c is StorageCall => c.service === 's3' && c.op === 'PutObject');

/** CPU time this process spent since `from`: SDK serde and signing, and packaging (hashing, zip writing). */
function cpuSeconds(from: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(from);
  return ((used.user + used.system) / 1e6).toFixed(2);
}

/** The largest resident set size seen while `work` runs (packages are read into memory to be uploaded). */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(sampler);
  }
}

/** When, from the start, gateways and targets were all READY, and each agent's package was uploaded and its runtime READY. */
function timeline(steps: { at: number; step: StepInfo }[]): string[] {
  const at = (what: string, agents: boolean) => steps.filter((s) => s.step.what === what && s.step.id.startsWith('runtime:') === agents).map((s) => s.at);
  const list = (times: number[]) => (times.length ? `${times.map((t) => (t / 1000).toFixed(1)).join(', ')} s` : 'never');
  return [
    `gateways and targets READY by ${seconds(Math.max(0, ...at('READY', false)))}`,
    `packages uploaded at ${list(at('package uploaded', true))}`,
    `runtimes READY at ${list(at('READY', true))}`,
  ];
}

void (async () => {
  const moto = motoOrSkip('deploy-agents');
  const uv = moto && uvOrSkip('deploy-agents');
  if (!moto || !uv) return;
  const timing: ServiceTiming = { latencyMs: LATENCY_MS, polls: POLLS, polling: POLLING };
  console.log(
    `${AGENTS} Strands agents + ${GATEWAYS} gateways x ${TARGETS} targets, ${LATENCY_MS} ms per call, READY after ${POLLS} polls, ` +
      `default polling (${POLLING.initialDelayMs} ms, doubling); AgentCore + IAM: our fake, S3 + STS: moto; each in its own process; ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${os.cpus().length} CPUs`,
  );
  console.log(
    `critical path = L (reads) + 2L (gateway role) + settle (gateway) + settle (target) + 2L (agent role) + settle (runtime), ` +
      `settle = L + the ${POLLS} poll waits + ${POLLS}L, L = ${LATENCY_MS} ms; packaging and uploads are not on it (they can overlap the gateways)`,
  );

  const dir = tempDir('bench-deploy-agents-');
  const services: { close(): Promise<void> }[] = [];
  try {
    synthProject(dir);
    // The dependency cache of the project, filled once: every agent has the same requirements.
    let t0 = performance.now();
    const warm = await packageAgent({ projectDir: dir, agent: 'Agent0', uv });
    console.log(
      `deploy-agents: dependency cache warmed in ${seconds(performance.now() - t0)} (${warm.dependencies}; uv's download cache as this machine has it), ` +
        `package ${mb(warm.zippedBytes)}`,
    );
    t0 = performance.now();
    const again = await packageAgent({ projectDir: dir, agent: 'Agent1', uv });
    const warmMs = performance.now() - t0;
    console.log(
      `deploy-agents: warm package     ${seconds(warmMs)} per agent (${again.dependencies}); ${AGENTS} one after another: ${seconds(AGENTS * warmMs)}`,
    );

    const motoServer = await startMotoServer(moto);
    services.push({ close: () => motoServer.stop() });
    const [fake, storage] = await Promise.all([
      startRemote<Call>(FAKE, { latencyMs: LATENCY_MS, readyAfterPolls: POLLS }),
      startRemote<StorageCall>(PROXY, { upstream: motoServer.endpoint, latencyMs: LATENCY_MS }),
    ]);
    services.push(fake, storage);
    const steps: { at: number; step: StepInfo }[] = [];
    const on = (endpoint: string) => ({ endpoint, region: REGION, credentials: CREDENTIALS });
    const options: DeployOptions = {
      clients: { agentcore: on(fake.endpoint), iam: on(fake.endpoint), s3: { ...on(storage.endpoint), forcePathStyle: true }, sts: on(storage.endpoint) },
      polling: POLLING,
      env: {},
      uv,
      afterStep: (step) => void steps.push({ at: performance.now() - t0, step }),
      ...(process.env.BENCH_CONCURRENCY ? { concurrency: Number(process.env.BENCH_CONCURRENCY) } : {}),
    };
    const allCalls = async () => [...(await fake.calls()), ...(await storage.calls())];
    // Warm the SDK imports so that they are not billed to the first deploy.
    await Promise.all([
      import('@aws-sdk/client-bedrock-agentcore-control'),
      import('@aws-sdk/client-iam'),
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/client-sts'),
    ]);

    t0 = performance.now();
    let cpu = process.cpuUsage();
    const { peak: firstPeak } = await peakRss(() => deploy(dir, options));
    const first = performance.now() - t0;
    const firstCpu = cpuSeconds(cpu);
    let calls = await allCalls();
    const critical = agentChainMs(timing);
    const ratio = first / critical;
    const put = uploads(calls);
    console.log(`deploy-agents: first deploy     ${seconds(first)}, ${counts(calls)}, ${firstCpu} s CPU, peak RSS ${mb(firstPeak)}`);
    console.log(
      `deploy-agents: critical path    ${seconds(critical)} (gateway chain ${seconds(gatewayChainMs(timing))} + agent role 2 calls + runtime create and ${POLLS} polls) ` +
        `-> ratio ${ratio.toFixed(2)} (goal <= ${GOAL_RATIO})${fail(ratio > GOAL_RATIO)}`,
    );
    for (const line of timeline(steps)) console.log(`deploy-agents: timeline         ${line}`);
    console.log(
      `deploy-agents: uploaded         ${put.length} objects, ${mb(put.reduce((n, c) => n + c.bytes, 0))}; ` +
        `moto took ${seconds(Math.max(0, ...put.map((c) => c.answeredInMs)))} at most to answer one (latency included)`,
    );
    console.log('deploy-agents: calls by kind');
    for (const line of byKind(calls)) console.log(line);

    await Promise.all([fake.reset(), storage.reset()]);
    t0 = performance.now();
    cpu = process.cpuUsage();
    const { result: redeploy, peak: noopPeak } = await peakRss(() => deploy(dir, options));
    const noop = performance.now() - t0;
    calls = await allCalls();
    const writes = calls.filter((c) => c.write).length;
    const reput = uploads(calls);
    console.log(
      `deploy-agents: unchanged re-deploy ${seconds(noop)}, ${counts(calls)}, ${cpuSeconds(cpu)} s CPU, peak RSS ${mb(noopPeak)}${redeploy.plan.hasChanges ? ', plan has changes  FAIL' : ''}`,
    );
    console.log(`deploy-agents: re-deploy uploads ${reput.length} objects (goal 0)${fail(reput.length > 0)}, writes ${writes} (goal 0)${fail(writes > 0)}`);
    console.log('deploy-agents: re-deploy calls by kind');
    for (const line of byKind(calls)) console.log(line);
  } finally {
    await Promise.all(services.map((s) => s.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
})();
