import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compiledLibrary, linkDependencies, tempDir } from './linked-project';

// CLI figures: wall time of the Quick Start's edit commands, each a fresh
// `agentcore-projen` process as a user runs it (compiled JS, synth included), on a fresh project.
// Goal: each under 1.5 s (the reference tool takes about 2 s per command with telemetry off).
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const pkg = compiledLibrary();
const BIN = path.join(pkg, 'bin', 'agentcore-projen');

// CPU time (user + sys, all threads) too: on a busy machine wall time says little, CPU time much more.
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cpu: Record<string, number[]> = {};

function agentcore(cwd: string, args: string[], label?: string): number {
  const t0 = performance.now();
  const r = GNU_TIME
    ? spawnSync(GNU_TIME, ['-f', '@cpu %U %S', process.execPath, BIN, ...args], { cwd, encoding: 'utf8' })
    : spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`agentcore-projen ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const m = /@cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (label && m) (cpu[label] ??= []).push((Number(m[1]) + Number(m[2])) * 1000);
  return ms;
}

/** A new quick-start project with the compiled library linked in, after its first synth. */
function project(): string {
  const parent = tempDir('bench-cli-');
  agentcore(parent, ['create', '--name', 'MyProject', '--defaults', '--skip-install']);
  const dir = path.join(parent, 'MyProject');
  linkDependencies(dir, pkg);
  execFileSync(process.execPath, ['--import', 'tsx', '.projenrc.ts'], { cwd: dir, stdio: 'inherit' });
  return dir;
}

const COMMANDS: Record<string, string[]> = {
  'add gateway': ['add', 'gateway', '--name', 'my-gateway'],
  'add gateway-target': [
    'add',
    'gateway-target',
    '--type',
    'mcp-server',
    '--name',
    'weather-tools',
    '--endpoint',
    'https://mcp.example.com/mcp',
    '--gateway',
    'my-gateway',
  ],
  'add agent': ['add', 'agent', '--name', 'MyAgent', '--framework', 'Strands', '--model-provider', 'Bedrock'],
};
const times: Record<string, number[]> = { '--help': [], ...Object.fromEntries(Object.keys(COMMANDS).map((k) => [k, []])) };
for (let i = 0; i < RUNS; i++) {
  const dir = project();
  times['--help'].push(agentcore(dir, ['add', 'gateway', '--help'], '--help'));
  for (const [name, args] of Object.entries(COMMANDS)) times[name].push(agentcore(dir, args, name));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `CLI wall time per command, ${RUNS} fresh Quick Start projects (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}):`,
);
for (const [name, xs] of Object.entries(times)) {
  const med = median(xs);
  const goal = name === '--help' ? '' : med < 1500 ? '  (goal < 1500 ms: met)' : '  (goal < 1500 ms: NOT met)';
  const cpuText = cpu[name] ? `   cpu ${median(cpu[name]).toFixed(0).padStart(5)} ms` : '';
  console.log(
    `  ${name.padEnd(20)} median ${med.toFixed(0).padStart(5)} ms   min ${Math.min(...xs)
      .toFixed(0)
      .padStart(5)} ms   max ${Math.max(...xs)
      .toFixed(0)
      .padStart(5)} ms${cpuText}${goal}`,
  );
}
