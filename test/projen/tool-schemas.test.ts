import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/model/issues';
import { AgentCoreProject } from '../../src/projen/agentcore-project';
import { withToolSchemas } from '../../src/projen/tool-schemas';
import { pythonToolSchemas } from '../../src/tool-schema/python-tools';
import { REPO, TSX } from '../cli/helpers/project';
import { snapshotTree, tempDir } from '../helpers/tmp';
import { TRIP_TOOLS, TRIP_TOOLS_TS } from '../tool-schema/trip-tool';

/** A project with one Lambda-hosted TypeScript server, `trip-tools`, and the other three kinds. */
function project(outdir: string): AgentCoreProject {
  const p = new AgentCoreProject({ name: 'MyProject', outdir });
  const gateway = p.addGateway({ name: 'my-gateway' });
  gateway.addTarget({ type: 'mcp-server', name: 'trip-tools', host: 'Lambda', language: 'TypeScript' });
  gateway.addTarget({ type: 'mcp-server', name: 'py-tools', host: 'Lambda', language: 'Python' });
  gateway.addTarget({ type: 'mcp-server', name: 'rt-tools', host: 'AgentCoreRuntime', language: 'TypeScript' });
  return p;
}

function writeTools(dir: string, text: string): void {
  fs.mkdirSync(path.join(dir, 'app/mcp/trip-tools'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'app/mcp/trip-tools/tools.ts'), text);
}

const readJson = (dir: string, file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
const managedOf = (dir: string, target: string) =>
  readJson(dir, 'agentcore/agentcore.json').agentCoreGateways[0].targets.find((t: { name: string }) => t.name === target).managed;

describe('synth reads the tools of Lambda-hosted TypeScript servers', () => {
  it('writes each tool, with its input schema, into agentcore.json (valid against the config schema)', () => {
    const dir = tempDir();
    writeTools(dir, TRIP_TOOLS_TS);
    project(dir).synth();
    expect(managedOf(dir, 'trip-tools').tools).toEqual(TRIP_TOOLS);
    // Python tools are read outside synth; a Runtime server lists its own over MCP.
    expect(managedOf(dir, 'py-tools').tools).toBeUndefined();
    expect(managedOf(dir, 'rt-tools').tools).toBeUndefined();
    const validate = new Ajv2020({ strict: false }).compile(readJson(dir, 'agentcore/agentcore.schema.json'));
    expect(validate(readJson(dir, 'agentcore/agentcore.json')), JSON.stringify(validate.errors)).toBe(true);
  });

  it('picks up an edited tool on the next synth', () => {
    const dir = tempDir();
    writeTools(dir, TRIP_TOOLS_TS);
    project(dir).synth();
    writeTools(dir, `/** Adds two numbers. */\nexport function add(input: { a: number; b: number }) {\n  return input.a + input.b;\n}\n`);
    project(dir).synth();
    expect(managedOf(dir, 'trip-tools').tools.map((t: { name: string }) => t.name)).toEqual(['add']);
  });

  it('fails on a type the gateway cannot describe, naming the target, file, line, tool, field and fix, and writes nothing', () => {
    const dir = tempDir();
    writeTools(dir, TRIP_TOOLS_TS);
    project(dir).synth();
    writeTools(dir, `/** Books a table. */\nexport function book(input: { when: Date; guests: number }) {}\n`);
    const before = snapshotTree(dir);
    let error: unknown;
    try {
      project(dir).synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).issues).toEqual([
      {
        where: 'gateway "my-gateway" › target "trip-tools" › app/mcp/trip-tools/tools.ts:2 › tool "book" › input.when',
        message: expect.stringContaining('declare it as `string` (an ISO 8601 date) and parse it in the function'),
      },
    ]);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('reads the sample tools.ts that the same synth writes when the user has none yet', () => {
    const dir = tempDir();
    const resolved = project(dir).resolve();
    const scaffold = { path: 'app/mcp/trip-tools/tools.ts', content: TRIP_TOOLS_TS, owner: 'user' as const };
    const config = { path: 'agentcore/agentcore.json', content: '{}', owner: 'generated' as const };
    const { resolved: withTools, files } = withToolSchemas(resolved, [config, scaffold], dir);
    const targets = withTools.config.agentCoreGateways[0]!.targets;
    expect(targets.find((t) => t.name === 'trip-tools')).toMatchObject({ managed: { tools: TRIP_TOOLS } });
    expect(JSON.parse(files.find((f) => f.path === config.path)!.content).agentCoreGateways[0].targets[0].managed.tools).toEqual(TRIP_TOOLS);
    expect(files.find((f) => f.path === scaffold.path)).toEqual(scaffold);
  });

  it('a user file wins over the sample: the sample is only written when the file is missing', () => {
    const dir = tempDir();
    writeTools(dir, `/** Adds two numbers. */\nexport function add(input: { a: number; b: number }) {}\n`);
    const scaffold = { path: 'app/mcp/trip-tools/tools.ts', content: TRIP_TOOLS_TS, owner: 'user' as const };
    const { resolved } = withToolSchemas(project(dir).resolve(), [scaffold], dir);
    const target = resolved.config.agentCoreGateways[0]!.targets.find((t) => t.name === 'trip-tools');
    expect(target).toMatchObject({ managed: { tools: [{ name: 'add' }] } });
  });

  it('a first synth writes the sample tools.ts and its tools are already in agentcore.json', () => {
    const dir = tempDir();
    project(dir).synth();
    expect(fs.existsSync(path.join(dir, 'app/mcp/trip-tools/tools.ts'))).toBe(true);
    expect(managedOf(dir, 'trip-tools').tools).toEqual([
      {
        name: 'add',
        description: 'Adds two numbers and returns their sum.',
        inputSchema: {
          type: 'object',
          properties: { a: { type: 'number', description: 'The first number.' }, b: { type: 'number', description: 'The second number.' } },
          required: ['a', 'b'],
          additionalProperties: false,
        },
      },
      {
        name: 'greet',
        description: 'Greets someone by name.',
        inputSchema: {
          type: 'object',
          properties: { name: { type: 'string', description: 'The name of the person to greet.' } },
          required: ['name'],
          additionalProperties: false,
        },
      },
    ]);
  });

  it('the Python sample reads as the same tools as the TypeScript sample', async () => {
    const dir = tempDir();
    project(dir).synth();
    const python = await pythonToolSchemas(path.join(dir, 'app/mcp/py-tools'), { root: dir, python: 'python3.11' });
    expect(python).toEqual(managedOf(dir, 'trip-tools').tools);
  });

  it('loads TypeScript only for a project that has TypeScript tools to read (synth stays fast otherwise)', () => {
    const loaded = (target: string) => {
      const probe = `const { AgentCoreProject } = require('./src/projen/agentcore-project.ts');
        const p = new AgentCoreProject({ name: 'P', outdir: ${JSON.stringify(tempDir())} });
        p.addGateway({ name: 'g' }).addTarget(${target});
        p.synth();
        process.stdout.write(JSON.stringify(Object.keys(require.cache).some((k) => /[\\/]ts-morph[\\/]/.test(k))));`;
      return JSON.parse(execFileSync(process.execPath, ['--import', TSX, '-e', probe], { cwd: REPO, encoding: 'utf8' }));
    };
    expect(loaded("{ type: 'mcp-server', name: 'py', host: 'Lambda', language: 'Python' }")).toBe(false);
    expect(loaded("{ type: 'mcp-server', name: 'ts', host: 'Lambda', language: 'TypeScript' }")).toBe(true);
  });

  it('without a tools.ts on disk or in the synth, says what to do', () => {
    const dir = tempDir();
    expect(() => withToolSchemas(project(dir).resolve(), [], dir)).toThrow(
      /target "trip-tools" › app\/mcp\/trip-tools\/tools\.ts: the file does not exist; create it/,
    );
  });
});
