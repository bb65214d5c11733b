import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger, startLocalGateway } from '../../src/local-gateway';
import { tempDir } from '../helpers/tmp';
import { connectClient, textOf } from './helpers/clients';
import { startMcpBackend } from './helpers/mcp-backend';
import { startPetApi, writePetApiSchema } from './helpers/pet-api';
import { resolveConfig } from './helpers/project';

const KEY = 'robust-key';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: { slowMs?: number; callTimeoutMs?: number; retryAfterMs?: number; standIn?: boolean } = {}) {
  const root = tempDir();
  const backend = await startMcpBackend({ slowMs: options.slowMs });
  const petApi = await startPetApi({ header: 'x-api-key', value: KEY });
  writePetApiSchema(root, 'pets.json', petApi.url);
  fs.writeFileSync(path.join(root, 'tools.json'), JSON.stringify([{ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object' } }]));
  const config = resolveConfig(root, {
    gateways: [{ name: 'gw' }],
    credentials: [{ name: 'PetKey', type: 'api-key' }],
    targets: [
      { gateway: 'gw', name: 'weather', type: 'mcp-server', endpoint: backend.endpoint },
      { gateway: 'gw', name: 'pets', type: 'open-api-schema', schema: 'pets.json', outboundAuth: 'api-key', credentialName: 'PetKey' },
      { gateway: 'gw', name: 'fn', type: 'lambda-function-arn', lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn', toolSchemaFile: 'tools.json' },
    ],
  });
  const gateway = await startLocalGateway(config, {
    root,
    env: { AGENTCORE_CREDENTIAL_PETKEY: KEY },
    logger: silentLogger,
    callTimeoutMs: options.callTimeoutMs,
    retryAfterMs: options.retryAfterMs,
    ...(options.standIn ? { standIns: { 'gw/fn': backend.endpoint } } : {}),
  });
  const client = await connectClient(gateway.urls.gw);
  cleanups.push(
    () => petApi.close(),
    () => backend.close(),
    () => gateway.close(),
    () => client.close(),
  );
  return { backend, petApi, gateway, client };
}

describe('mcp-server targets that answer with event streams', () => {
  it('relays calls to a server that answers POSTs with text/event-stream', async () => {
    const root = tempDir();
    const sse = await startMcpBackend({ eventStream: true, slowMs: 50 });
    cleanups.push(() => sse.close());
    const config = resolveConfig(root, {
      gateways: [{ name: 'gw' }],
      targets: [{ gateway: 'gw', name: 'streamy', type: 'mcp-server', endpoint: sse.endpoint }],
    });
    const gateway = await startLocalGateway(config, { root, logger: silentLogger });
    cleanups.push(() => gateway.close());
    const client = await connectClient(gateway.urls.gw);
    cleanups.push(() => client.close());
    const answers = await Promise.all(['a', 'b', 'c'].map((text) => client.callTool({ name: 'streamy___slow_echo', arguments: { text } })));
    expect(answers.map(textOf)).toEqual(['a', 'b', 'c']);
  });
});

describe('a failing target does not take the gateway down', () => {
  it('keeps serving the other targets when an MCP server goes away, and marks its tools unavailable', async () => {
    const { backend, client } = await setup({ retryAfterMs: 60_000 });
    await backend.close();

    const down = await client.callTool({ name: 'weather___get_weather', arguments: { city: 'Kyiv' } });
    expect(down.isError).toBe(true);
    expect(textOf(down)).toMatch(/target "weather" of gateway "gw" failed \(cannot reach the MCP server: ECONNREFUSED\).*other targets still work/);

    const pet = await client.callTool({ name: 'pets___getPet', arguments: { petId: '1' } });
    expect(pet.isError).toBeFalsy();
    expect(JSON.parse(textOf(pet)).name).toBe('Rex');

    const { tools } = await client.listTools();
    const weather = tools.find((t) => t.name === 'weather___get_weather')!;
    expect(weather.description).toMatch(/unavailable locally right now/);
    expect(weather._meta).toMatchObject({ 'agentcore-projen/unavailable': expect.stringMatching(/ECONNREFUSED/) });
    expect(tools.find((t) => t.name === 'pets___getPet')!.description).not.toMatch(/unavailable/);
  });

  it('gives up on a slow call after the call timeout while other calls go on', async () => {
    const { client } = await setup({ slowMs: 3_000, callTimeoutMs: 300 });
    const started = Date.now();
    const [slow, pet] = await Promise.all([
      client.callTool({ name: 'weather___slow_echo', arguments: { text: 'hi' } }),
      client.callTool({ name: 'pets___getPet', arguments: { petId: '2' } }),
    ]);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(slow.isError).toBe(true);
    expect(textOf(slow)).toMatch(/did not answer in time/);
    expect(pet.isError).toBeFalsy();
  });

  it('tries a failed target again after retryAfterMs and serves it once it is back', async () => {
    const { petApi, client } = await setup({ retryAfterMs: 200 });
    await petApi.close();
    expect(textOf(await client.callTool({ name: 'pets___getPet', arguments: { petId: '3' } }))).toMatch(/cannot reach the API: ECONNREFUSED/);
    // Same port again, so the OpenAPI document's server URL works again.
    const port = Number(new URL(petApi.url).port);
    const again = await startPetApiOn(port);
    cleanups.push(() => again.close());
    await new Promise((r) => setTimeout(r, 250));
    const back = await client.callTool({ name: 'pets___getPet', arguments: { petId: '3' } });
    expect(back.isError).toBeFalsy();
    expect(JSON.parse(textOf(back)).id).toBe('3');
  });

  it('starts with a target that is down, listing the tools of the others', async () => {
    const root = tempDir();
    const dead = await startMcpBackend();
    await dead.close();
    const alive = await startMcpBackend();
    cleanups.push(() => alive.close());
    const config = resolveConfig(root, {
      gateways: [{ name: 'gw' }],
      targets: [
        { gateway: 'gw', name: 'dead', type: 'mcp-server', endpoint: dead.endpoint },
        { gateway: 'gw', name: 'alive', type: 'mcp-server', endpoint: alive.endpoint },
      ],
    });
    const warnings: string[] = [];
    const gateway = await startLocalGateway(config, { root, logger: { info: () => undefined, warn: (m) => warnings.push(m) } });
    cleanups.push(() => gateway.close());
    expect(warnings).toEqual([expect.stringMatching(/target "dead" is unavailable: cannot reach the MCP server: ECONNREFUSED/)]);
    const client = await connectClient(gateway.urls.gw);
    cleanups.push(() => client.close());
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['alive___get_weather', 'alive___slow_echo', 'x_amz_bedrock_agentcore_search']);
  });

  it('serves an AWS-only target from a local stand-in MCP server', async () => {
    const { client } = await setup({ standIn: true });
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('fn___get_weather');
    expect(textOf(await client.callTool({ name: 'fn___get_weather', arguments: { city: 'Quito' } }))).toBe('Weather in Quito: sunny, 21 °C');
  });

  it('refuses a stand-in for a target that does not exist', async () => {
    const root = tempDir();
    const config = resolveConfig(root, { gateways: [{ name: 'gw' }] });
    await expect(startLocalGateway(config, { root, logger: silentLogger, standIns: { 'gw/nope': 'http://127.0.0.1:1/mcp' } })).rejects.toThrow(
      /stand-in "gw\/nope": no such target/,
    );
  });
});

/** The Pet API again on a given port (after the first one was stopped). */
async function startPetApiOn(port: number) {
  const http = await import('node:http');
  const server = http.createServer((req, res) => {
    if (req.headers['x-api-key'] !== KEY) return void res.writeHead(401).end();
    const id = /^\/pets\/([^/]+)$/.exec(req.url ?? '')?.[1] ?? '';
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, name: 'Rex' }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
