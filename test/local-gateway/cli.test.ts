import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TSX } from '../cli/helpers/project';
import { tempDir } from '../helpers/tmp';
import { connectClient, textOf } from './helpers/clients';
import { startHostileTarget } from './helpers/hostile-target';
import { type McpBackend, startMcpBackend } from './helpers/mcp-backend';
import { resolveConfig } from './helpers/project';

const REPO = path.resolve(__dirname, '../..');
const SERVE = path.join(__dirname, 'serve-for-tests.ts');

/** Runs serve-for-tests.ts and waits for `count` URL lines on stdout. */
function serve(args: string[], count: number, env: Record<string, string> = {}): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n').filter(Boolean);
      if (lines.length >= count) resolve({ child, lines });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing URLs:\n${err}`)));
  });
}

describe('agentcore-projen gateway (through serve-for-tests.ts)', () => {
  let root: string;
  let backend: McpBackend;

  beforeAll(async () => {
    root = tempDir();
    backend = await startMcpBackend();
    const config = resolveConfig(root, {
      gateways: [{ name: 'first-gw' }, { name: 'second', authorizerType: 'AWS_IAM' }],
      targets: [{ gateway: 'first-gw', name: 'weather', type: 'mcp-server', endpoint: backend.endpoint }],
    });
    fs.mkdirSync(path.join(root, 'agentcore'));
    fs.writeFileSync(path.join(root, 'agentcore/agentcore.json'), JSON.stringify(config, null, 2));
  });

  afterAll(async () => {
    await backend?.close();
  });

  it('prints one AGENTCORE_GATEWAY_<NAME>_URL line per gateway, serves them, and stops on SIGTERM', async () => {
    const { child, lines } = await serve([path.join(root, 'agentcore/agentcore.json')], 2);
    try {
      expect(lines).toEqual([
        expect.stringMatching(/^AGENTCORE_GATEWAY_FIRST_GW_URL=http:\/\/127\.0\.0\.1:\d+\/first-gw\/mcp$/),
        expect.stringMatching(/^AGENTCORE_GATEWAY_SECOND_URL=http:\/\/127\.0\.0\.1:\d+\/second\/mcp$/),
      ]);
      const client = await connectClient(lines[0].split('=')[1]);
      expect(textOf(await client.callTool({ name: 'weather___get_weather', arguments: { city: 'Pune' } }))).toBe('Weather in Pune: sunny, 21 °C');
      await client.close();
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('run in a folder inside the project, serves the project (found as every command finds it)', async () => {
    const inside = path.join(root, 'app', 'Somewhere');
    fs.mkdirSync(inside, { recursive: true });
    const child = spawn(process.execPath, ['--import', TSX, path.join(REPO, 'test/cli/helpers/cli-entry.ts'), 'gateway'], {
      cwd: inside,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const lines = await new Promise<string[]>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const got = out.split('\n').filter(Boolean);
          if (got.length >= 2) resolve(got);
        });
        child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => reject(new Error(`exited with ${code} before printing URLs:\n${err}`)));
      });
      expect(lines[0]).toMatch(/^AGENTCORE_GATEWAY_FIRST_GW_URL=http:\/\/127\.0\.0\.1:\d+\/first-gw\/mcp$/);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('takes the answer limit from AGENTCORE_LOCAL_GATEWAY_MAX_ANSWER_BYTES (or --max-answer-bytes), and refuses a bad one', async () => {
    const hostile = await startHostileTarget();
    const dir = tempDir();
    const config = resolveConfig(dir, {
      gateways: [{ name: 'gw' }],
      targets: [{ gateway: 'gw', name: 'h', type: 'mcp-server', endpoint: hostile.mcpEndpoint }],
    });
    fs.mkdirSync(path.join(dir, 'agentcore'));
    const file = path.join(dir, 'agentcore/agentcore.json');
    fs.writeFileSync(file, JSON.stringify(config));
    const { child, lines } = await serve([file], 1, { AGENTCORE_LOCAL_GATEWAY_MAX_ANSWER_BYTES: '100000' });
    try {
      const client = await connectClient(lines[0].split('=')[1]);
      const fits = await client.callTool({ name: 'h___near_limit_text', arguments: { bytes: 64 * 1024 } });
      expect(fits.isError).toBeFalsy();
      const tooLarge = await client.callTool({ name: 'h___near_limit_text', arguments: { bytes: 192 * 1024 } });
      expect(textOf(tooLarge)).toMatch(/answer is larger than 100000 bytes/);
      await client.close();
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await hostile.close();
    }
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', SERVE, file, '--max-answer-bytes', 'lots'], { cwd: REPO, stdio: 'pipe' });
    } catch (e) {
      stderr = String((e as { stderr: Buffer }).stderr);
    }
    expect(stderr).toMatch(/--max-answer-bytes .*"lots" is not a positive whole number of bytes/);
  });

  it('fails with a clear message when there is no synthesized config', () => {
    const empty = tempDir();
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', SERVE, path.join(empty, 'agentcore/agentcore.json')], { cwd: REPO, stdio: 'pipe' });
    } catch (e) {
      stderr = String((e as { stderr: Buffer }).stderr);
      expect((e as { status: number }).status).toBe(1);
    }
    expect(stderr).toMatch(/agentcore\.json was not found; run `npx projen`/);
  });

  it('keeps the MCP SDK, jose and the AWS signer out of the library entry point and CLI start-up', () => {
    const probe = `
      require('./src/index.ts');
      require('./src/cli/main.ts').buildProgram();
      const heavy = Object.keys(require.cache).filter((k) => /@modelcontextprotocol|[\\/]jose[\\/]|signature-v4|swagger-parser|local-gateway/.test(k));
      process.stdout.write(JSON.stringify(heavy));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: REPO, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([]);
  });
});
