import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { resolveProject } from '../src/model/resolve';
import { connectClient } from '../test/local-gateway/helpers/clients';
import { startMcpBackend } from '../test/local-gateway/helpers/mcp-backend';
import { startHostileTarget, writeHostileApiSchema } from '../test/local-gateway/helpers/hostile-target';
import { startPetApi, writePetApiSchema } from '../test/local-gateway/helpers/pet-api';
import { descriptorsOf, memoryOf as procMemory, resetPeak } from '../test/local-gateway/helpers/proc-stats';

/*
 * Local gateway figures. Each backend and the gateway run in their own process, so the
 * gateway's RSS is its own and killing a backend is real; the clients run here. The gateway runs as
 * the CLI ships it: compiled by tsc to plain JavaScript (tsx alone would add ~40 MB of RSS).
 * Bounded: 2,000 tools/call requests from 20 concurrent clients per run.
 */

const REPO = path.resolve(__dirname, '..');

const API_KEY = 'bench-api-key';
const CLIENTS = 20;
const CALLS = 2_000;
const SEQUENTIAL = 500;
const WARMUP = 100;

type Role = 'mcp-backend' | 'pet-api' | 'hostile-target';

// ---- child roles -------------------------------------------------------------------------------

async function runRole(role: Role): Promise<void> {
  if (role === 'hostile-target') {
    const target = await startHostileTarget();
    process.on('message', (m) => m === 'hanging' && process.send!({ open: target.openHanging(), seen: target.hangingSeen() }));
    process.send!({ url: target.apiUrl.replace(/\/api$/, '') });
    return;
  }
  const url = role === 'mcp-backend' ? (await startMcpBackend()).endpoint : (await startPetApi({ header: 'x-api-key', value: API_KEY })).url;
  process.on('message', (m) => m === 'cpu' && process.send!({ cpu: process.cpuUsage() }));
  process.send!({ url });
}

function started(child: ChildProcess, what: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, url: (m as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

function startBackend(role: Role) {
  return started(fork(__filename, [role], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }), role);
}

/** Compiles the local gateway with tsc into `dir` and returns the script that serves a config with it. */
function compileGateway(dir: string): string {
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: path.join(REPO, 'tsconfig.json'),
      compilerOptions: {
        rootDir: REPO,
        outDir: path.join(dir, 'out'),
        declaration: false,
        inlineSourceMap: false,
        inlineSources: false,
        typeRoots: [path.join(REPO, 'node_modules/@types')],
      },
      include: [path.join(REPO, 'src/local-gateway/**/*.ts')],
    }),
  );
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.json')], { stdio: 'inherit' });
  const entry = path.join(dir, 'serve.js');
  fs.writeFileSync(
    entry,
    `const lg = require(${JSON.stringify(path.join(dir, 'out/src/local-gateway/index.js'))});
const file = process.argv[2];
lg.startLocalGateway(lg.readProjectConfig(file), { root: require('path').dirname(require('path').dirname(file)), logger: lg.silentLogger, retryAfterMs: 1000 })
  .then((gw) => process.send({ url: gw.urls[process.argv[3]] }));
process.on('message', (m) => {
  if (m === 'cpu') return process.send({ cpu: process.cpuUsage() });
  if (m !== 'rss') return;
  const live = process.memoryUsage().rss;
  // Full collections with a pause between them: V8 hands freed pages back to the OS on a background
  // thread, so what stays is what the gateway holds.
  global.gc();
  setTimeout(() => {
    global.gc();
    setTimeout(() => {
      global.gc();
      const after = process.memoryUsage();
      process.send({ live, retained: after.rss, heapUsed: after.heapUsed });
    }, 300);
  }, 300);
});
`,
  );
  return entry;
}

/** Starts the compiled gateway on `configFile`; resolves with the URL of `gateway`. */
function startCompiledGateway(entry: string, configFile: string, gateway: string) {
  const child = fork(entry, [configFile, gateway], {
    execArgv: ['--expose-gc'],
    env: { ...process.env, NODE_PATH: path.join(REPO, 'node_modules') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return started(child, 'gateway');
}

interface Memory {
  /** RSS as the OS sees it, before any forced collection. */
  live: number;
  /** RSS after full collections and a pause (free pages returned). */
  retained: number;
  heapUsed: number;
}

function memoryOf(child: ChildProcess): Promise<Memory> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Memory));
    child.send('rss');
  });
}

interface Cpu {
  user: number;
  system: number;
}

/** CPU time the gateway process has used so far, in ms. */
function cpuOf(child: ChildProcess): Promise<Cpu> {
  return new Promise((resolve) => {
    child.once('message', (m) => {
      const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu;
      resolve({ user: user / 1000, system: system / 1000 });
    });
    child.send('cpu');
  });
}

/** CPU per call between two readings, e.g. "1.20 ms (user 0.80, system 0.40)". */
function perCall(before: Cpu, after: Cpu, calls: number): { total: number; text: string } {
  const user = (after.user - before.user) / calls;
  const system = (after.system - before.system) / calls;
  return { total: user + system, text: `${ms(user + system)} (user ${user.toFixed(2)}, system ${system.toFixed(2)})` };
}

// ---- measuring ---------------------------------------------------------------------------------

type Call = () => Promise<boolean>;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * One call at a time, alternating between the backend directly and through the gateway, so both
 * see the same machine (other work on a shared machine comes and goes).
 */
async function sequentialPairs(direct: Call, via: Call, n: number): Promise<{ direct: number[]; via: number[] }> {
  for (let i = 0; i < WARMUP; i++) {
    await direct();
    await via();
  }
  const times = { direct: [] as number[], via: [] as number[] };
  for (let i = 0; i < n; i++) {
    for (const [call, into] of [
      [direct, times.direct],
      [via, times.via],
    ] as const) {
      const t0 = performance.now();
      if (!(await call())) throw new Error('a sequential call failed');
      into.push(performance.now() - t0);
    }
  }
  times.direct.sort((a, b) => a - b);
  times.via.sort((a, b) => a - b);
  return times;
}

/** `calls` requests spread over the callers, each running its share one after another. */
async function concurrent(callers: Array<(i: number) => Call>, calls: number, onProgress?: (done: number) => void) {
  const times: number[] = [];
  const failures: Record<string, number> = {};
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    callers.map(async (make, c) => {
      for (let i = c; i < calls; i += callers.length) {
        const call = make(i);
        const s = performance.now();
        let ok = false;
        try {
          ok = await call();
        } catch {
          ok = false;
        }
        times.push(performance.now() - s);
        if (!ok) failures[i % 2 === 0 ? 'weather' : 'pets'] = (failures[i % 2 === 0 ? 'weather' : 'pets'] ?? 0) + 1;
        onProgress?.(++done);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { throughput: calls / seconds, sorted: times.sort((a, b) => a - b), failures };
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`;

const weatherCall =
  (c: Client, i: number): Call =>
  async () => {
    const r = await c.callTool({ name: 'weather___get_weather', arguments: { city: `c${i}` } });
    return !r.isError;
  };
const petCall =
  (c: Client, i: number): Call =>
  async () => {
    const r = await c.callTool({ name: 'pets___getPet', arguments: { petId: `p${i}` } });
    return !r.isError;
  };
const directWeather =
  (c: Client, i: number): Call =>
  async () => {
    const r = await c.callTool({ name: 'get_weather', arguments: { city: `c${i}` } });
    return !r.isError;
  };
const directPet =
  (api: string, i: number): Call =>
  async () => {
    const r = await fetch(`${api}/pets/p${i}`, { headers: { 'x-api-key': API_KEY, accept: 'application/json' } });
    await r.text();
    return r.ok;
  };

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-local-gw-'));
  const mcp = await startBackend('mcp-backend');
  const pets = await startBackend('pet-api');
  writePetApiSchema(root, 'pets.json', pets.url);
  const { config } = resolveProject(
    {
      name: 'Bench',
      gateways: [{ name: 'bench-gw', semanticSearch: false }],
      credentials: [{ name: 'PetKey', type: 'api-key' }],
      targets: [
        { gateway: 'bench-gw', name: 'weather', type: 'mcp-server', endpoint: mcp.url },
        { gateway: 'bench-gw', name: 'pets', type: 'open-api-schema', schema: 'pets.json', outboundAuth: 'api-key', credentialName: 'PetKey' },
      ],
      agents: [],
    },
    { root },
  );
  fs.mkdirSync(path.join(root, 'agentcore'));
  fs.writeFileSync(path.join(root, 'agentcore/agentcore.json'), JSON.stringify(config));
  fs.writeFileSync(path.join(root, 'agentcore/.env.local'), `AGENTCORE_CREDENTIAL_PETKEY=${API_KEY}\n`);
  const entry = compileGateway(root);
  const gw = await startCompiledGateway(entry, path.join(root, 'agentcore/agentcore.json'), 'bench-gw');
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (${os.cpus().length} CPUs; latency figures are noisy when other work runs)`,
  );
  const memStart = await memoryOf(gw.child);

  // Sequential: one client, one call at a time; added latency = via gateway - direct, per percentile.
  const direct = await connectClient(mcp.url);
  const via = await connectClient(gw.url);
  let cpu0 = await cpuOf(gw.child);
  const backend0 = await cpuOf(mcp.child);
  const seqMcp = await sequentialPairs(directWeather(direct, 0), weatherCall(via, 0), SEQUENTIAL);
  const cpuMcp = perCall(cpu0, await cpuOf(gw.child), SEQUENTIAL + WARMUP).text;
  // The backend served both the direct and the forwarded calls.
  const cpuBackend = perCall(backend0, await cpuOf(mcp.child), 2 * (SEQUENTIAL + WARMUP)).text;
  cpu0 = await cpuOf(gw.child);
  const seqApi = await sequentialPairs(directPet(pets.url, 0), petCall(via, 0), SEQUENTIAL);
  const cpuApi = perCall(cpu0, await cpuOf(gw.child), SEQUENTIAL + WARMUP).text;
  console.log(`sequential (${SEQUENTIAL} calls each way after ${WARMUP} warm-up, one client, direct and via gateway alternating):`);
  console.log(`  for scale: the MCP backend itself (TS SDK server) uses ${cpuBackend} of CPU per call`);
  for (const [label, { direct: d, via: v }, c] of [
    ['mcp-server target', seqMcp, cpuMcp],
    ['open-api target  ', seqApi, cpuApi],
  ] as const) {
    console.log(
      `  ${label}: direct p50 ${ms(pct(d, 50))} p99 ${ms(pct(d, 99))} | via gateway p50 ${ms(pct(v, 50))} p99 ${ms(pct(v, 99))} | added p50 ${ms(pct(v, 50) - pct(d, 50))} p99 ${ms(pct(v, 99) - pct(d, 99))} | gateway CPU per call ${c}`,
    );
  }
  const addedP99 = Math.max(pct(seqMcp.via, 99) - pct(seqMcp.direct, 99), pct(seqApi.via, 99) - pct(seqApi.direct, 99));

  // Concurrent: 20 clients, 2,000 calls alternating between the two targets; twice, for RSS growth.
  const directClients = await Promise.all(Array.from({ length: CLIENTS }, () => connectClient(mcp.url)));
  const gwClients = await Promise.all(Array.from({ length: CLIENTS }, () => connectClient(gw.url)));
  const baseline = await concurrent(
    directClients.map((c) => (i: number) => (i % 2 === 0 ? directWeather(c, i) : directPet(pets.url, i))),
    CALLS,
  );
  const runs = [];
  const mem: Memory[] = [];
  const cpuRuns: string[] = [];
  for (let run = 0; run < 2; run++) {
    const before = await cpuOf(gw.child);
    runs.push(
      await concurrent(
        gwClients.map((c) => (i: number) => (i % 2 === 0 ? weatherCall(c, i) : petCall(c, i))),
        CALLS,
      ),
    );
    cpuRuns.push(perCall(before, await cpuOf(gw.child), CALLS).text);
    mem.push(await memoryOf(gw.child));
  }
  console.log(`concurrent (${CALLS} tools/call from ${CLIENTS} clients, half per target):`);
  console.log(`  direct to backends: ${baseline.throughput.toFixed(0)} calls/s, p50 ${ms(pct(baseline.sorted, 50))} p99 ${ms(pct(baseline.sorted, 99))}`);
  runs.forEach((r, n) => {
    const failed = Object.values(r.failures).reduce((a, b) => a + b, 0);
    console.log(
      `  via gateway, run ${n + 1}: ${r.throughput.toFixed(0)} calls/s, p50 ${ms(pct(r.sorted, 50))} p99 ${ms(pct(r.sorted, 99))} ` +
        `(added p50 ${ms(pct(r.sorted, 50) - pct(baseline.sorted, 50))} p99 ${ms(pct(r.sorted, 99) - pct(baseline.sorted, 99))}), gateway CPU per call ${cpuRuns[n]}, failed ${failed}`,
    );
  });
  const show = (m: Memory) => `RSS ${mb(m.live)} (${mb(m.retained)} after full gcs, heap used ${mb(m.heapUsed)})`;
  console.log(`  gateway memory: at start ${show(memStart)}`);
  mem.forEach((m, n) => console.log(`                  after run ${n + 1} ${show(m)}`));

  // One backend killed mid-run: the other target's calls must all keep succeeding.
  let killedAt = -1;
  const chaos = await concurrent(
    gwClients.map((c) => (i: number) => (i % 2 === 0 ? weatherCall(c, i) : petCall(c, i))),
    CALLS,
    (done) => {
      if (done === CALLS / 2 && killedAt < 0) {
        killedAt = done;
        mcp.child.kill('SIGKILL');
      }
    },
  );
  console.log(
    `backend killed mid-run (mcp-server target killed after ${killedAt} calls): ${chaos.throughput.toFixed(0)} calls/s; ` +
      `failed calls: weather ${chaos.failures.weather ?? 0} (expected: those after the kill, as fast tool errors), pets ${chaos.failures.pets ?? 0} (must be 0)`,
  );

  const runFailures = runs.reduce((n, r) => n + Object.values(r.failures).reduce((a, b) => a + b, 0), 0);
  const growth = mem[1].retained - mem[0].retained;
  const peak = Math.max(...mem.map((m) => m.live));
  console.log('goals:');
  console.log(`  added p99, sequential < 5 ms: ${ms(addedP99)} ${addedP99 < 5 ? 'OK' : 'MISSED'}`);
  console.log(`  RSS < 200 MB (live, highest): ${mb(peak)} ${peak < 200 * 1024 * 1024 ? 'OK' : 'MISSED'}`);
  console.log(
    `  RSS not growing from run 1 to run 2 (after full gcs): ${growth >= 0 ? '+' : ''}${(growth / 1024 / 1024).toFixed(1)} MB ${growth < 0.05 * mem[0].retained ? 'OK' : 'MISSED'}`,
  );
  console.log(`  (heap used after run 1 ${mb(mem[0].heapUsed)}, after run 2 ${mb(mem[1].heapUsed)}: what the gateway's objects hold)`);
  console.log(`  no failed request in the two runs: ${runFailures} ${runFailures === 0 ? 'OK' : 'MISSED'}`);
  console.log(`  other target unaffected by the kill: ${chaos.failures.pets ?? 0} failed ${(chaos.failures.pets ?? 0) === 0 ? 'OK' : 'MISSED'}`);

  console.log(
    `load average at end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await Promise.all([...directClients, ...gwClients, direct, via].map((c) => c.close().catch(() => undefined)));
  for (const c of [gw.child, pets.child, mcp.child]) c.kill();

  await hostileTargets(entry);
}

// ---- hostile targets and clients ---------------------------------------------------------------

const ABANDONED = 1_000;
const SLOW_CLIENTS = 300;
const POLITE_CALLS = 300;

/** Requests to the hostile target's `hang` that are open, and received so far. */
function hangingOf(target: ChildProcess): Promise<{ open: number; seen: number }> {
  return new Promise((resolve) => {
    target.once('message', (m) => resolve(m as { open: number; seen: number }));
    target.send('hanging');
  });
}

/** Polls `check` every 100 ms until it holds or `ms` pass; returns how long it took, or undefined. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number | undefined> {
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    if (await check()) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/** A tools/call on its own connection, left waiting (destroy() hangs up). */
function abandonedCall(url: string, name: string): http.ClientRequest {
  const req = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
  });
  req.on('error', () => undefined);
  req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: {} } }));
  return req;
}

/**
 * A client that holds a connection by sending its request very slowly: half trickle their headers
 * (one header a second), half declare a body and trickle it (one byte a second).
 */
function slowClient(url: URL, i: number): { socket: net.Socket; stop: () => void } {
  const socket = net.connect(Number(url.port), url.hostname);
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  const head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\ncontent-type: application/json\r\naccept: application/json, text/event-stream\r\n`;
  socket.write(i % 2 === 0 ? head : `${head}content-length: 100000\r\n\r\n`);
  const timer = setInterval(() => socket.write(i % 2 === 0 ? `x-slow-${i}: y\r\n` : ' '), 1_000);
  return { socket, stop: () => (clearInterval(timer), socket.destroy()) };
}

async function hostileTargets(entry: string): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hostile-gw-'));
  const target = await startBackend('hostile-target');
  writeHostileApiSchema(root, 'hostile.json', `${target.url}/api`);
  const { config } = resolveProject(
    {
      name: 'BenchHostile',
      gateways: [{ name: 'hostile-gw', semanticSearch: false }],
      credentials: [{ name: 'HostileKey', type: 'api-key' }],
      targets: [
        { gateway: 'hostile-gw', name: 'mcp', type: 'mcp-server', endpoint: `${target.url}/mcp` },
        { gateway: 'hostile-gw', name: 'api', type: 'open-api-schema', schema: 'hostile.json', outboundAuth: 'api-key', credentialName: 'HostileKey' },
      ],
      agents: [],
    },
    { root },
  );
  fs.mkdirSync(path.join(root, 'agentcore'));
  fs.writeFileSync(path.join(root, 'agentcore/agentcore.json'), JSON.stringify(config));
  fs.writeFileSync(path.join(root, 'agentcore/.env.local'), 'AGENTCORE_CREDENTIAL_HOSTILEKEY=unused\n');
  const gw = await startCompiledGateway(entry, path.join(root, 'agentcore/agentcore.json'), 'hostile-gw');
  const pid = gw.child.pid!;
  const client = await connectClient(gw.url);
  const small = async (i: number) => !(await client.callTool({ name: i % 2 === 0 ? 'mcp___small' : 'api___small', arguments: {} })).isError;
  for (let i = 0; i < 20; i++) await small(i);

  console.log(`hostile targets and clients (gateway as shipped: compiled, default limits; answer limit 1 MiB):`);
  let worstGrowth = 0;
  for (const [what, name] of [
    ['MCP server answers 64 MiB of JSON', 'mcp___flood_json'],
    ['MCP server sends a 64 MiB event line that never ends', 'mcp___flood_event'],
    ['HTTP API answers 64 MiB of JSON', 'api___flood'],
    ['MCP server answers just under the limit, the costliest JSON ({} after {})', 'mcp___near_limit_objects'],
  ]) {
    const before = procMemory(pid).rss;
    resetPeak(pid);
    const t0 = performance.now();
    const result = await client.callTool({ name, arguments: {} });
    const took = performance.now() - t0;
    const { peak } = procMemory(pid);
    worstGrowth = Math.max(worstGrowth, peak - before);
    console.log(
      `  ${what}: peak RSS ${mb(peak)} (growth ${mb(peak - before)} over ${mb(before)}), ${result.isError ? 'tool error' : 'served'} after ${ms(took)}`,
    );
  }

  const fdBefore = descriptorsOf(pid);
  const seen0 = (await hangingOf(target.child)).seen;
  const callers = Array.from({ length: ABANDONED }, (_, i) => abandonedCall(gw.url, i % 2 === 0 ? 'mcp___hang' : 'api___hang'));
  const arrived = await within(60_000, async () => (await hangingOf(target.child)).seen - seen0 >= ABANDONED);
  const fdHeld = descriptorsOf(pid);
  for (const c of callers) c.destroy();
  const closed = await within(30_000, async () => (await hangingOf(target.child)).open === 0);
  const fdAfterClose = descriptorsOf(pid);
  await new Promise((r) => setTimeout(r, 2_000));
  const fdSettled = descriptorsOf(pid);
  const left = (await hangingOf(target.child)).open;
  console.log(
    `  ${ABANDONED} calls to a target that never answers, abandoned by their callers (half mcp-server, half open-api): ` +
      `${arrived === undefined ? 'not all reached the target' : `all at the target after ${ms(arrived)}`}; gateway descriptors ${fdBefore} before, ${fdHeld} while held, ` +
      `${fdAfterClose} once the target saw every request closed (${closed === undefined ? 'NOT within 30 s' : `after ${ms(closed)}`}), ${fdSettled} 2 s later; requests still open on the target: ${left}`,
  );

  const polite = async (n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      if (!(await small(i))) throw new Error('a well-behaved call failed');
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  };
  const alone = await polite(POLITE_CALLS);
  const slow = Array.from({ length: SLOW_CLIENTS }, (_, i) => slowClient(new URL(gw.url), i));
  await new Promise((r) => setTimeout(r, 1_500));
  const fdSlow = descriptorsOf(pid);
  const crowded = await polite(POLITE_CALLS);
  const stillOpen = slow.filter((c) => !c.socket.destroyed && c.socket.readyState === 'open').length;
  for (const c of slow) c.stop();
  console.log(
    `  one well-behaved client, ${POLITE_CALLS} sequential calls: alone p50 ${ms(pct(alone, 50))} p99 ${ms(pct(alone, 99))} | ` +
      `while ${SLOW_CLIENTS} slow clients hold connections (${stillOpen} still held at the end, gateway descriptors ${fdSlow}) p50 ${ms(pct(crowded, 50))} p99 ${ms(pct(crowded, 99))}`,
  );

  console.log('goals:');
  console.log(`  peak RSS growth under 64 MB whatever the target sends: worst ${mb(worstGrowth)} ${worstGrowth < 64 * 1024 * 1024 ? 'OK' : 'MISSED'}`);
  console.log(
    `  abandoned calls leave nothing open: ${left} requests on the target, descriptors ${fdSettled - fdBefore >= 0 ? '+' : ''}${fdSettled - fdBefore} ${left === 0 && fdSettled - fdBefore <= 5 ? 'OK' : 'MISSED'}`,
  );
  const p99Added = pct(crowded, 99) - pct(alone, 99);
  console.log(`  slow clients do not slow a well-behaved one (p99 added < 5 ms): ${ms(p99Added)} ${p99Added < 5 ? 'OK' : 'MISSED'}`);

  await client.close().catch(() => undefined);
  for (const c of [gw.child, target.child]) c.kill();
}

const role = process.argv[2] as Role | 'hostile' | undefined;
if (role === 'hostile') {
  // Only the hostile-target figures: `npx tsx bench/local-gateway.bench.ts hostile`.
  void hostileTargets(compileGateway(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-local-gw-'))));
} else if (role) void runRole(role);
else
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
