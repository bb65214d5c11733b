import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FRAMEWORKS, frameworkManifest } from '../src/model/frameworks';
import { AgentCoreProject } from '../src/projen/agentcore-project';
import { compiledLibrary, linkDependencies, tempDir } from './linked-project';

// Synth figures: a large model in process, and `npx projen` of the quick start.
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function largeModel(outdir: string): AgentCoreProject {
  const project = new AgentCoreProject({ name: 'BenchProject', outdir });
  const auth = ['NONE', 'AWS_IAM', 'CUSTOM_JWT'] as const;
  for (let g = 0; g < 20; g++) {
    const type = auth[g % 3]!;
    const gateway = project.addGateway({
      name: `gateway-${g}`,
      authorizerType: type,
      ...(type === 'CUSTOM_JWT' ? { discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration', allowedAudience: ['bench'] } : {}),
    });
    for (let t = 0; t < 5; t++) {
      gateway.addTarget({ type: 'mcp-server', name: `target-${t}`, endpoint: `https://mcp${t}.example.com/mcp` });
    }
  }
  const pairs = FRAMEWORKS.flatMap((f) => frameworkManifest(f).modelProviders.map((p) => [f, p] as const));
  for (let a = 0; a < 50; a++) {
    const [framework, modelProvider] = pairs[a % pairs.length]!;
    project.addAgent({ name: `Agent${a}`, framework, modelProvider });
  }
  return project;
}

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

function mtimes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) {
      const p = path.join(e.parentPath, e.name);
      out.set(p, fs.statSync(p).mtimeMs);
    }
  }
  return out;
}

// In process: first synth (cold caches), then warm re-synths of an unchanged model.
const outdir = tempDir('bench-synth-');
const rssBefore = process.memoryUsage().rss;
let t0 = performance.now();
largeModel(outdir).synth();
const cold = performance.now() - t0;
const before = mtimes(outdir);
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  largeModel(outdir).synth();
  warm.push(performance.now() - t0);
}
const after = mtimes(outdir);
// projen's own files (.gitignore, .projen/*) follow projen's rule, which rewrites them as root.
const projensOwn = (p: string) => /^(\.gitignore|\.gitattributes|\.projen\/.*)$/.test(path.relative(outdir, p));
const rewritten = [...before].filter(([p, m]) => !projensOwn(p) && after.get(p) !== m).length;
const projenRewritten = [...before].filter(([p, m]) => projensOwn(p) && after.get(p) !== m).length;
warm.sort((a, b) => a - b);
console.log(`model: 20 gateways x 5 targets, 50 agents -> ${countFiles(outdir)} files`);
console.log(`in-process synth: first ${cold.toFixed(0)} ms, re-synth median ${warm[2]!.toFixed(0)} ms (goal < 300 ms)`);
console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} (process start ${mb(rssBefore)}; goal < 250 MB)`);
console.log(
  `unchanged re-synth rewrote ${rewritten} of ${[...before.keys()].filter((p) => !projensOwn(p)).length} model files (goal 0), ` +
    `and ${projenRewritten} of projen's own ${[...before.keys()].filter(projensOwn).length}`,
);

// Tool schemas: 10 Lambda-hosted TypeScript servers, each reading its tools.ts at synth.
const TOOL_MODULES = 10;

/** A tools.ts of four tools: an enum, an optional field, an array of objects, an imported type. */
function toolModule(n: number): string {
  return `import type { Address } from './types';
/** One line of an order. */
export interface Line {
  /** Product code. */
  sku: string;
  /** How many. */
  quantity: number;
}
/** Places order ${n}. */
export async function placeOrder(input: { lines: Line[]; shipping: 'standard' | 'express'; address: Address; note?: string }) {
  return input.lines.length;
}
/** Adds two numbers. */
export function add(input: { a: number; b: number }) {
  return input.a + input.b;
}
/** Greets someone. */
export const greet = ({ name }: { /** Who. */ name: string }) => \`Hello, \${name}\`;
/** Lists recent orders. */
export function recentOrders(input: { limit?: number; status?: Array<'open' | 'shipped' | 'closed'> }) {
  return input.limit ?? 10;
}
`;
}

function toolsModel(outdir: string): AgentCoreProject {
  const project = new AgentCoreProject({ name: 'BenchTools', outdir });
  const gateway = project.addGateway({ name: 'tools' });
  for (let t = 0; t < TOOL_MODULES; t++) gateway.addTarget({ type: 'mcp-server', name: `tools-${t}`, host: 'Lambda', language: 'TypeScript' });
  return project;
}

const toolsDir = tempDir('bench-tools-');
for (let t = 0; t < TOOL_MODULES; t++) {
  const dir = path.join(toolsDir, 'app/mcp', `tools-${t}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'tools.ts'), toolModule(t));
  fs.writeFileSync(path.join(dir, 'types.ts'), 'export interface Address {\n  /** Street and number. */\n  street: string;\n  city: string;\n}\n');
}
t0 = performance.now();
toolsModel(toolsDir).synth();
const toolsCold = performance.now() - t0;
const toolsWarm: number[] = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  toolsModel(toolsDir).synth();
  toolsWarm.push(performance.now() - t0);
}
toolsWarm.sort((a, b) => a - b);
const toolCount = JSON.parse(fs.readFileSync(path.join(toolsDir, 'agentcore/agentcore.json'), 'utf8')).agentCoreGateways[0].targets.reduce(
  (n: number, t: { managed: { tools: unknown[] } }) => n + t.managed.tools.length,
  0,
);
console.log(
  `in-process synth with ${TOOL_MODULES} TypeScript tool modules (${toolCount} tools): first ${toolsCold.toFixed(0)} ms (loads TypeScript), ` +
    `re-synth median ${toolsWarm[2]!.toFixed(0)} ms (goal < 300 ms)`,
);

// Through the CLI, as a user runs it: a quick-start project linked to this checkout's build.
const project = tempDir('bench-npx-');
linkDependencies(project, compiledLibrary());
fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "bench", "private": true }\n');
fs.writeFileSync(
  path.join(project, '.projenrc.ts'),
  `import { AgentCoreProject } from 'agentcore-projen';
const project = new AgentCoreProject({ name: 'MyProject' });
project.addGateway({ name: 'my-gateway' }).addTarget({ type: 'mcp-server', name: 'weather-tools', endpoint: 'https://mcp.example.com/mcp' });
project.addAgent({ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' });
project.synth();
`,
);
execFileSync('npx', ['tsx', '.projenrc.ts'], { cwd: project, stdio: 'pipe' });
const runs: number[] = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  execFileSync('npx', ['projen'], { cwd: project, stdio: 'pipe' });
  runs.push(performance.now() - t0);
}
runs.sort((a, b) => a - b);
console.log(`npx projen (quick start): median ${runs[2]!.toFixed(0)} ms, min ${runs[0]!.toFixed(0)} ms over 5 runs (goal < 1500 ms)`);
