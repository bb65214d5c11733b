import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalGateway, readProjectConfig, startLocalGateway } from '../../src/local-gateway';
import type { GatewayLogger } from '../../src/local-gateway/logger';
import { TSX } from '../cli/helpers/project';
import { endGroup, spawnGroup } from '../helpers/process-group';
import { connectClient, textOf } from './helpers/clients';
import { MANAGED_TARGETS, processesIn, synthManagedProject } from './helpers/managed-project';

/** Keeps what the gateway logs, to show it when a test fails. */
function keptLog(): GatewayLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`) };
}

/** Rewrites a user-owned file of a target's folder (`from` must be in it). */
function edit(dir: string, target: string, file: string, from: string, to: string) {
  const p = path.join(dir, 'app/mcp', target, file);
  const text = fs.readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} of ${target} has no ${JSON.stringify(from)}`);
  fs.writeFileSync(p, text.replace(from, to));
}

const SOURCE_OF: Record<string, string> = { 'lambda-ts': 'tools.ts', 'lambda-py': 'tools.py', 'runtime-py': 'server.py', 'runtime-ts': 'server.ts' };

describe('managed MCP servers through the local gateway, for each host × language', () => {
  let dir: string;
  let gateway: LocalGateway;
  let client: Client;
  const log = keptLog();

  beforeAll(async () => {
    dir = synthManagedProject();
    gateway = await startLocalGateway(readProjectConfig(path.join(dir, 'agentcore/agentcore.json')), { root: dir, logger: log });
    client = await connectClient(gateway.urls.tools);
  }, 600_000);

  afterAll(async () => {
    await client?.close();
    await gateway?.close();
  });

  it('lists both sample tools of every pair as <target>___<tool>', async () => {
    const names = (await client.listTools()).tools.map((t) => t.name);
    for (const t of MANAGED_TARGETS) expect(names, log.lines.join('\n')).toEqual(expect.arrayContaining([`${t.name}___add`, `${t.name}___greet`]));
  });

  it.each(MANAGED_TARGETS.map((t) => t.name))('calls add and greet of %s through an MCP client', async (target) => {
    const sum = await client.callTool({ name: `${target}___add`, arguments: { a: 2, b: 3 } });
    expect(sum.isError ?? false, textOf(sum)).toBe(false);
    expect(Number(textOf(sum))).toBe(5);
    const greeting = await client.callTool({ name: `${target}___greet`, arguments: { name: 'Ada' } });
    expect(textOf(greeting)).toBe('Hello, Ada!');
  });

  it.each(MANAGED_TARGETS.map((t) => t.name))('picks up an edit of %s on the next call, without a synth', async (target) => {
    edit(dir, target, SOURCE_OF[target], 'Hello, ', 'Good day, ');
    const greeting = await client.callTool({ name: `${target}___greet`, arguments: { name: 'Ada' } });
    expect(textOf(greeting), log.lines.slice(-10).join('\n')).toBe('Good day, Ada!');
  });

  it('checks a Lambda tool call against the schema read from the code before the function runs', async () => {
    const wrongType = await client.callTool({ name: 'lambda-ts___add', arguments: { a: 'two', b: 3 } });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toMatch(/lambda-ts___add.*\ba must be a number \(got "two"\)/);
    const missing = await client.callTool({ name: 'lambda-py___greet', arguments: { nobody: 'x' } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/lambda-py___greet.*\bname is required/);
  });

  it.each([
    [
      'lambda-py',
      'tools.py',
      '\n\ndef fail(reason: str) -> str:\n    """Always fails, with the reason given."""\n    raise RuntimeError(reason)\n',
      'RuntimeError: boom',
    ],
    [
      'lambda-ts',
      'tools.ts',
      '\n/** Always fails, with the reason given. */\nexport function fail(input: { reason: string }): string {\n  throw new Error(input.reason);\n}\n',
      'Error: boom',
    ],
  ])('lists a tool added to %s without a synth, with its schema, and makes what it throws that call’s tool error', async (target, file, code, error) => {
    fs.appendFileSync(path.join(dir, 'app/mcp', target, file), code);
    const failing = await client.callTool({ name: `${target}___fail`, arguments: { reason: 'boom' } });
    expect(failing.isError).toBe(true);
    expect(textOf(failing)).toContain(error);
    const listed = (await client.listTools()).tools.find((t) => t.name === `${target}___fail`);
    expect(listed).toMatchObject({
      description: 'Always fails, with the reason given.',
      inputSchema: { properties: { reason: { type: 'string' } }, required: ['reason'] },
    });
    // The target stays in service.
    expect(Number(textOf(await client.callTool({ name: `${target}___add`, arguments: { a: 1, b: 1 } })))).toBe(2);
  });

  it.each([
    ['lambda-py', 'tools.py', '\n\ndef crash(code: int) -> int:\n    """Ends its own process."""\n    import os\n\n    os._exit(code)\n'],
    [
      'lambda-ts',
      'tools.ts',
      '\n/** Ends its own process. */\nexport function crash(input: { code: number }): number {\n  return process.exit(input.code);\n}\n',
    ],
  ])('fails only the call whose function ends the process of %s, as Lambda would, and the next call runs afresh', async (target, file, code) => {
    fs.appendFileSync(path.join(dir, 'app/mcp', target, file), code);
    const crashed = await client.callTool({ name: `${target}___crash`, arguments: { code: 3 } });
    expect(crashed.isError).toBe(true);
    expect(textOf(crashed)).toMatch(new RegExp(`${target}___crash.*process ended \\(it exited with code 3\\)`));
    expect(Number(textOf(await client.callTool({ name: `${target}___add`, arguments: { a: 2, b: 2 } })))).toBe(4);
  });

  it('ends every process it started when it stops', async () => {
    // One per pair at least (a Python server may have helpers of its own); the check below could not fail without them.
    expect(processesIn(dir).length).toBeGreaterThanOrEqual(MANAGED_TARGETS.length);
    await client.close();
    await gateway.close();
    expect(processesIn(dir)).toEqual([]);
  });
});

/** `agentcore-projen gateway --dir <dir>` from source, in a process group of its own; resolves with its first URL. */
function gatewayCommand(dir: string): { child: ChildProcess; url: Promise<string> } {
  const entry = path.join(__dirname, '../cli/helpers/cli-entry.ts');
  const child = spawnGroup(process.execPath, ['--import', TSX, entry, 'gateway', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('AGENTCORE_GATEWAY_TOOLS_URL='));
      if (line) resolve(line.slice(line.indexOf('=') + 1));
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`the gateway exited with ${code} before printing its URL:\n${err}`)));
  });
  return { child, url };
}

describe('agentcore-projen gateway with managed servers', () => {
  it('serves them, and on SIGTERM stops every process it started before it exits', async () => {
    const dir = synthManagedProject(MANAGED_TARGETS.filter((t) => t.name === 'lambda-py' || t.name === 'runtime-ts'));
    const { child, url } = gatewayCommand(dir);
    try {
      const client = await connectClient(await url);
      expect(textOf(await client.callTool({ name: 'lambda-py___greet', arguments: { name: 'Ada' } }))).toBe('Hello, Ada!');
      expect(textOf(await client.callTool({ name: 'runtime-ts___add', arguments: { a: 1, b: 2 } }))).toBe('3');
      await client.close();
      expect(processesIn(dir).length).toBeGreaterThanOrEqual(2);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM'); // the gateway alone, not its group: it must end its servers itself
      expect(await exited).toBe(0);
      expect(processesIn(dir)).toEqual([]);
    } finally {
      await endGroup(child);
    }
  }, 300_000);
});
