import * as fs from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageMcpServer, PackageError } from '../../src/package';
import { tempDir } from '../helpers/tmp';
import { arm64Misfits } from './helpers/arm64-wheels';
import { writeServerCode } from './helpers/mcp-server-code';
import { pinnedUv } from './helpers/uv';

// Packages of managed MCP servers, as deploy sends them to Lambda and AgentCore Runtime.

const lambdaTs = { host: 'Lambda', language: 'TypeScript', codeLocation: 'app/mcp/calc' } as const;

/** Loads a CommonJS bundle from its bytes and returns its exports. */
function loadBundle(code: Uint8Array): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const file = path.join(tempDir('bundle-'), 'handler.js');
  fs.writeFileSync(file, code);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file);
}

describe('packageMcpServer: TypeScript on Lambda', () => {
  it('zips one bundle of handler.ts that routes <target>___<tool> to the tool functions, for nodejs22.x', async () => {
    const dir = tempDir('mcp-pack-');
    writeServerCode(dir, 'calc', 'lambda-ts');
    const pkg = await packageMcpServer({ projectDir: dir, server: lambdaTs, label: 'gateway "g" target "calc"' });
    expect(pkg).toMatchObject({ runtime: 'nodejs22.x', entry: 'handler.handler', files: 1 });
    const files = unzipSync(fs.readFileSync(pkg.zipFile));
    expect(Object.keys(files)).toEqual(['handler.js']);

    const { handler } = loadBundle(files['handler.js']!);
    const call = (tool: string, event: unknown) => handler!(event, { clientContext: { custom: { bedrockAgentCoreToolName: `calc___${tool}` } } });
    expect(await call('add', { a: 2, b: 3 })).toBe(5);
    expect(await call('greet', { name: 'Ada' })).toBe('Hello, Ada!');
    // No path of this machine reaches the bundle.
    expect(new TextDecoder().decode(files['handler.js'])).not.toContain(dir);
  });

  it('gives the same bytes for the same code, and other bytes once a tool changes', async () => {
    const dir = tempDir('mcp-pack-');
    const code = writeServerCode(dir, 'calc', 'lambda-ts');
    const first = await packageMcpServer({ projectDir: dir, server: lambdaTs, label: 't' });
    const again = await packageMcpServer({ projectDir: dir, server: lambdaTs, label: 't', outFile: path.join(dir, 'again.zip') });
    expect(again.sha256).toBe(first.sha256);
    expect(fs.readFileSync(again.zipFile).equals(fs.readFileSync(first.zipFile))).toBe(true);

    fs.appendFileSync(path.join(code, 'tools.ts'), '\nexport function shout(input: { text: string }): string {\n  return input.text.toUpperCase();\n}\n');
    const edited = await packageMcpServer({ projectDir: dir, server: lambdaTs, label: 't' });
    expect(edited.sha256).not.toBe(first.sha256);
  });

  it('refuses code the bundler cannot read, naming the file and line', async () => {
    const dir = tempDir('mcp-pack-');
    const code = writeServerCode(dir, 'calc', 'lambda-ts');
    fs.writeFileSync(path.join(code, 'tools.ts'), 'export function add(input: { a: number }) {\n  return input.a +;\n}\n');
    const error = await packageMcpServer({ projectDir: dir, server: lambdaTs, label: 'gateway "g" target "calc"' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as Error).message).toMatch(/^MCP server gateway "g" target "calc": handler\.ts could not be bundled:\n {2}- tools\.ts:2: /);
    expect(fs.existsSync(path.join(dir, 'agentcore/.deploy/package/mcp/calc.zip'))).toBe(false);
  });

  it('asks for a synth when the generated handler is missing', async () => {
    const dir = tempDir('mcp-pack-');
    const code = writeServerCode(dir, 'calc', 'lambda-ts');
    fs.rmSync(path.join(code, 'handler.ts'));
    await expect(packageMcpServer({ projectDir: dir, server: lambdaTs, label: 'gateway "g" target "calc"' })).rejects.toThrow(
      'gateway "g" target "calc": app/mcp/calc/handler.ts is missing; run `npx projen` (it generates the handler)',
    );
  });

  it('bundles server.ts of an AgentCore Runtime server into server.js for NODE_22', async () => {
    const dir = tempDir('mcp-pack-');
    writeServerCode(dir, 'calc', 'runtime-ts');
    const pkg = await packageMcpServer({ projectDir: dir, server: { ...lambdaTs, host: 'AgentCoreRuntime' }, label: 't' });
    expect(pkg).toMatchObject({ runtime: 'NODE_22', entry: 'server.js' });
    expect(Object.keys(unzipSync(fs.readFileSync(pkg.zipFile)))).toEqual(['server.js']);
  });
});

describe('packageMcpServer: limits and Python on AgentCore Runtime', () => {
  it('refuses a package over the host limit, naming the server, the size, the limit and where its dependencies are', async () => {
    const dir = tempDir('mcp-pack-');
    writeServerCode(dir, 'calc', 'lambda-ts');
    const error = await packageMcpServer({
      projectDir: dir,
      server: lambdaTs,
      label: 'gateway "g" target "calc"',
      limits: { zippedBytes: 10, unzippedBytes: 10 ** 9 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect((error as Error).message).toMatch(
      /^the package of MCP server gateway "g" target "calc" is too large for Lambda: .* zipped \(the limit is 0\.0 MB\); remove dependencies it does not need from app\/mcp\/calc\/package\.json/,
    );
    expect(fs.existsSync(path.join(dir, 'agentcore/.deploy/package/mcp/calc.zip'))).toBe(false);
  });

  it('zips server.py with its folder for PYTHON_3_12, entry point server.py', async () => {
    const dir = tempDir('mcp-pack-');
    writeServerCode(dir, 'calc', 'runtime-py', { dependencies: [] });
    const pkg = await packageMcpServer({ projectDir: dir, server: { host: 'AgentCoreRuntime', language: 'Python', codeLocation: 'app/mcp/calc' }, label: 't' });
    expect(pkg).toMatchObject({ runtime: 'PYTHON_3_12', entry: 'server.py', dependencies: 'none' });
    expect(Object.keys(unzipSync(fs.readFileSync(pkg.zipFile))).sort()).toEqual(['pyproject.toml', 'server.py']);
  });
});

describe('packageMcpServer: Python on Lambda', () => {
  // Installs real wheels from PyPI with the Python tier's pinned uv (network to PyPI, as CI has).
  let uv: string;
  beforeAll(() => {
    uv = pinnedUv();
  }, 300_000);

  it('zips the code folder and its pyproject.toml dependencies as ARM64 or pure-Python wheels only, for python3.12', async () => {
    const dir = tempDir('mcp-pack-');
    writeServerCode(dir, 'calc', 'lambda-py', { dependencies: ['pydantic>=2'] });
    const server = { host: 'Lambda', language: 'Python', codeLocation: 'app/mcp/calc' } as const;
    const pkg = await packageMcpServer({ projectDir: dir, server, label: 't', uv });
    expect(pkg).toMatchObject({ runtime: 'python3.12', entry: 'handler.handler', dependencies: 'installed' });
    const files = unzipSync(fs.readFileSync(pkg.zipFile));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['handler.py', 'tools.py', 'pyproject.toml']));
    const misfits = arm64Misfits(files);
    expect(misfits.wheels.map((n) => n.split('-')[0])).toEqual(expect.arrayContaining(['pydantic', 'pydantic_core']));
    expect(misfits.native.length).toBeGreaterThan(0); // pydantic_core: the check below is not vacuous
    expect(misfits.unusableWheels).toEqual([]);
    expect(misfits.foreignNative).toEqual([]);

    const warm = await packageMcpServer({ projectDir: dir, server, label: 't', uv });
    expect(warm.dependencies).toBe('cached');
    expect(warm.sha256).toBe(pkg.sha256);
  });
});
