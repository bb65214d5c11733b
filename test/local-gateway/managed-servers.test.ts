import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalGateway, readProjectConfig, startLocalGateway } from '../../src/local-gateway';
import type { GatewayLogger } from '../../src/local-gateway/logger';
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

  it('reports an error a Lambda tool raises as that call’s tool error, and keeps serving', async () => {
    const wrong = await client.callTool({ name: 'lambda-py___greet', arguments: { nobody: 'x' } });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/lambda-py___greet.*TypeError/);
    const right = await client.callTool({ name: 'lambda-py___add', arguments: { a: 1, b: 1 } });
    expect(Number(textOf(right))).toBe(2);
  });

  it('ends every process it started when it stops', async () => {
    // One per pair at least (a Python server may have helpers of its own); the check below could not fail without them.
    expect(processesIn(dir).length).toBeGreaterThanOrEqual(MANAGED_TARGETS.length);
    await client.close();
    await gateway.close();
    expect(processesIn(dir)).toEqual([]);
  });
});
