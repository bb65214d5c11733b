import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, startLocalGateway } from '../../src/local-gateway';
import type { ProjectConfig } from '../../src/model/config';
import { tempDir } from '../helpers/tmp';
import { connectClient, textOf } from './helpers/clients';
import { type HostileTarget, NEAR_LIMIT_BYTES, startHostileTarget, writeHostileApiSchema } from './helpers/hostile-target';
import { descriptorsOf, memoryOf, resetPeak, startGatewayProcess } from './helpers/proc-stats';
import { resolveConfig } from './helpers/project';

const MIB = 1024 * 1024;

/** The gateway runs in a child process, so /proc shows its own memory and descriptors. */
describe('the local gateway against a target that floods or hangs', () => {
  let target: HostileTarget;
  let root: string;
  let config: ProjectConfig;
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>>;
  let client: Client;
  let url: string;

  beforeAll(async () => {
    target = await startHostileTarget();
    root = tempDir();
    writeHostileApiSchema(root, 'hostile.json', target.apiUrl);
    config = resolveConfig(root, {
      gateways: [{ name: 'gw', semanticSearch: false }],
      targets: [
        { gateway: 'gw', name: 'mcp', type: 'mcp-server', endpoint: target.mcpEndpoint },
        // The model requires outbound auth for OpenAPI targets; this API does not check it.
        { gateway: 'gw', name: 'api', type: 'open-api-schema', schema: 'hostile.json', outboundAuth: 'api-key', credentialName: 'HostileKey' },
      ],
      credentials: [{ name: 'HostileKey', type: 'api-key' }],
    });
    fs.mkdirSync(path.join(root, 'agentcore'));
    fs.writeFileSync(path.join(root, 'agentcore/agentcore.json'), JSON.stringify(config));
    fs.writeFileSync(path.join(root, 'agentcore/.env.local'), 'AGENTCORE_CREDENTIAL_HOSTILEKEY=unused\n');
    // A long call timeout: what ends a hung call here must be its caller going away.
    gateway = await startGatewayProcess(path.join(root, 'agentcore/agentcore.json'), { callTimeoutMs: 60_000 });
    url = gateway.urls.gw;
    client = await connectClient(url);
    // Warm up both paths, so the measurements below see no first-use cost.
    for (const name of ['mcp___small', 'api___small']) expect((await client.callTool({ name, arguments: {} })).isError).toBeFalsy();
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    await target?.close();
  });

  it.each([
    ['a 64 MiB JSON answer from an MCP server', 'mcp___flood_json'],
    ['an event-stream line of 64 MiB that never ends', 'mcp___flood_event'],
    ['a 64 MiB JSON answer from an HTTP API', 'api___flood'],
  ])('refuses %s with a tool error, keeping peak memory growth under 64 MiB', async (_what, name) => {
    const pid = gateway.child.pid!;
    const before = memoryOf(pid).rss;
    resetPeak(pid);
    const result = await client.callTool({ name, arguments: {} });
    const growth = memoryOf(pid).peak - before;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(new RegExp(`^Tool "${name}" failed: the target's answer is larger than 1 MiB .*--max-answer-bytes`));
    expect(growth).toBeLessThan(64 * MIB);
    // Only that call failed: the target serves the next one.
    const next = await client.callTool({ name: name.replace(/___.*/, '___small'), arguments: {} });
    expect(next.isError).toBeFalsy();
  });

  it.each([
    ['text, as JSON', 'mcp___near_limit_text'],
    ['text, as an event', 'mcp___near_limit_event'],
    ['JSON that is the costliest to parse ({} after {})', 'mcp___near_limit_objects'],
  ])('serves an answer just under the limit, %s, within the same memory bound', async (_what, name) => {
    const pid = gateway.child.pid!;
    const before = memoryOf(pid).rss;
    resetPeak(pid);
    const result = await client.callTool({ name, arguments: {} });
    const growth = memoryOf(pid).peak - before;
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result).length).toBeGreaterThan(NEAR_LIMIT_BYTES / 2);
    expect(growth).toBeLessThan(64 * MIB);
  });

  it('closes the outbound request of each caller that hangs up, and keeps no descriptor for it', async () => {
    const pid = gateway.child.pid!;
    const before = descriptorsOf(pid);
    const seen = target.hangingSeen();
    const hangs = ['mcp___hang', 'mcp___hang_event', 'api___hang', 'api___hang'];
    const callers = Array.from({ length: 40 }, (_, i) => rawCall(url, hangs[i % hangs.length]));
    await expect.poll(() => target.hangingSeen() - seen, { timeout: 20_000 }).toBe(40);
    for (const caller of callers) caller.destroy();
    await expect.poll(() => target.openHanging(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => descriptorsOf(pid) - before, { timeout: 20_000 }).toBeLessThanOrEqual(2);
  });

  it('takes a higher limit from maxAnswerBytes, and refuses a limit that is not a byte count', async () => {
    const twoMiB = { name: 'mcp___near_limit_text', arguments: { bytes: 2 * MIB } };
    expect(textOf(await client.callTool(twoMiB))).toMatch(/answer is larger than 1 MiB/);
    const raised = await startLocalGateway(config, { root, logger: silentLogger, maxAnswerBytes: 3 * MIB });
    const c = await connectClient(raised.urls.gw);
    try {
      expect((await c.callTool(twoMiB)).isError).toBeFalsy();
      expect(textOf(await c.callTool({ name: 'api___flood', arguments: {} }))).toMatch(/answer is larger than 3 MiB/);
    } finally {
      await c.close();
      await raised.close();
    }
    // A tool list over the limit leaves the target unusable: it is reported unavailable, saying why.
    const tiny = await startLocalGateway(config, { root, logger: silentLogger, maxAnswerBytes: 400 });
    const t = await connectClient(tiny.urls.gw);
    try {
      expect(textOf(await t.callTool({ name: 'mcp___small', arguments: {} }))).toMatch(/unavailable: .*answer is larger than 400 bytes/);
    } finally {
      await t.close();
      await tiny.close();
    }
    await expect(startLocalGateway(config, { root, logger: silentLogger, maxAnswerBytes: 0 })).rejects.toThrow(
      /maxAnswerBytes 0 is not a positive whole number of bytes/,
    );
    // The environment variable (which `gateway` and `dev` both pass through) is checked the same way.
    await expect(startLocalGateway(config, { root, logger: silentLogger, env: { AGENTCORE_LOCAL_GATEWAY_MAX_ANSWER_BYTES: '1e3x' } })).rejects.toThrow(
      /AGENTCORE_LOCAL_GATEWAY_MAX_ANSWER_BYTES "1e3x" is not a positive whole number of bytes/,
    );
  });

  it('closes the outbound request at the call timeout when the caller waits', async () => {
    const inProcess = await startLocalGateway(config, { root, logger: silentLogger, callTimeoutMs: 300 });
    const c = await connectClient(inProcess.urls.gw);
    try {
      const [mcp, mcpEvent, api] = await Promise.all(['mcp___hang', 'mcp___hang_event', 'api___hang'].map((name) => c.callTool({ name, arguments: {} })));
      expect(textOf(mcp)).toMatch(/did not answer in time/);
      expect(mcpEvent.isError).toBe(true);
      expect(textOf(api)).toMatch(/did not answer within 300 ms/);
      await expect.poll(() => target.openHanging(), { timeout: 20_000 }).toBe(0);
    } finally {
      await c.close();
      await inProcess.close();
    }
  });
});

/** A tools/call on its own connection, left waiting for its answer (destroy() hangs up). */
function rawCall(url: string, name: string): http.ClientRequest {
  const req = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
  });
  req.on('error', () => undefined);
  req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: {} } }));
  return req;
}
