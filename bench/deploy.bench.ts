import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deploy, type DeployOptions, type PollOptions } from '../src/deploy';
import type { ProjectInput } from '../src/model/input';
import { resolveProject } from '../src/model/resolve';
import type { Call } from '../test/fixtures/fake-control-plane';
import { gatewayChainMs } from './critical-path';
import { startRemote } from './remote-process';

// Deploy figures: 20 gateways x 5 targets against the fake control plane with 50 ms
// per call and READY after 3 polls. Goals: a first deploy within 1.5x its critical path (one
// gateway's chain: reads, role, gateway create + polls, target create + polls), not the sum of
// all resources; a no-op re-deploy under 2 s with read calls only.
const GATEWAYS = 20;
const TARGETS = 5;
const LATENCY_MS = 50;
const POLLS = 3;
const FAKE = path.join(__dirname, '../test/fixtures/fake-control-plane/serve.ts');

function input(): ProjectInput {
  const gateways = Array.from({ length: GATEWAYS }, (_, i) => ({ name: `gw${i}` }));
  const targets = gateways.flatMap((g) =>
    Array.from({ length: TARGETS }, (_, j) =>
      j === 0
        ? {
            gateway: g.name,
            type: 'lambda-function-arn' as const,
            name: `t${j}`,
            lambdaArn: `arn:aws:lambda:us-east-1:123456789012:function:${g.name}`,
            toolSchemaFile: 'tools.json',
          }
        : { gateway: g.name, type: 'mcp-server' as const, name: `t${j}`, endpoint: `https://${g.name}-t${j}.example.com/mcp` },
    ),
  );
  return { name: 'Bench', gateways, targets, credentials: [], agents: [] };
}

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-deploy-'));
  fs.writeFileSync(path.join(dir, 'tools.json'), JSON.stringify([{ name: 'add', description: 'adds', inputSchema: { type: 'object' } }]));
  const { config } = resolveProject(input(), { root: dir, fs });
  fs.mkdirSync(path.join(dir, 'agentcore'));
  fs.writeFileSync(path.join(dir, 'agentcore/agentcore.json'), JSON.stringify(config));
  return dir;
}

/** CPU time this process spent since `from` (the SDK's signing and serde dominate it). */
function cpuSeconds(from: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(from);
  return ((used.user + used.system) / 1e6).toFixed(2);
}

function counts(calls: Call[]) {
  const writes = calls.filter((c) => c.write).length;
  return `${calls.length} calls (${calls.length - writes} reads, ${writes} writes)`;
}

async function run(label: string, polling: PollOptions & { initialDelayMs: number; maxDelayMs: number }) {
  // The fake in its own process, like a remote service: its CPU is not billed to the deploy.
  const fake = await startRemote<Call>(FAKE, { latencyMs: LATENCY_MS, readyAfterPolls: POLLS });
  const dir = project();
  const options: DeployOptions = {
    clients: {
      agentcore: { endpoint: fake.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' } },
      iam: { endpoint: fake.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' } },
    },
    polling,
    env: {},
    ...(process.env.BENCH_CONCURRENCY ? { concurrency: Number(process.env.BENCH_CONCURRENCY) } : {}),
  };
  try {
    const critical = gatewayChainMs({ latencyMs: LATENCY_MS, polls: POLLS, polling });
    let t0 = performance.now();
    let cpu = process.cpuUsage();
    await deploy(dir, options);
    const first = performance.now() - t0;
    console.log(`${label}: first deploy   ${(first / 1000).toFixed(2)} s, ${counts(await fake.calls())}, ${cpuSeconds(cpu)} s CPU`);
    console.log(`${label}: critical path  ${(critical / 1000).toFixed(2)} s (estimate) -> ratio ${(first / critical).toFixed(2)} (goal <= 1.5)`);
    await fake.reset();
    t0 = performance.now();
    cpu = process.cpuUsage();
    const again = await deploy(dir, options);
    const noop = performance.now() - t0;
    const calls = await fake.calls();
    const writes = calls.filter((c) => c.write).length;
    console.log(
      `${label}: no-op re-deploy ${(noop / 1000).toFixed(2)} s, ${counts(calls)}, ${cpuSeconds(cpu)} s CPU (goal < 2 s, 0 writes)${again.plan.hasChanges || writes > 0 ? '  UNEXPECTED CHANGES' : ''}`,
    );
  } finally {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void (async () => {
  const inFlight = process.env.BENCH_CONCURRENCY ?? '16 (default)';
  console.log(
    `${GATEWAYS} gateways x ${TARGETS} targets, ${LATENCY_MS} ms per call, READY after ${POLLS} polls, ${inFlight} calls in flight, fake in its own process`,
  );
  // Warm the SDK import so that it is not billed to the first run.
  await import('@aws-sdk/client-bedrock-agentcore-control');
  await import('@aws-sdk/client-iam');
  await run('default polling (250 ms, doubling)', { initialDelayMs: 250, maxDelayMs: 10_000 });
  await run('tight polling (50 ms, doubling)  ', { initialDelayMs: 50, maxDelayMs: 10_000 });
})();
