import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, startLocalGateway, type LocalGateway } from '../../src/local-gateway';
import type { ProjectConfig } from '../../src/model/config';
import { tempDir } from '../helpers/tmp';
import { connectClient, rawPost, rpcError, textOf } from './helpers/clients';
import { type McpBackend, startMcpBackend } from './helpers/mcp-backend';
import { type PetApi, startPetApi, writePetApiSchema } from './helpers/pet-api';
import { resolveConfig } from './helpers/project';

const API_KEY = 'pet-key-5b1f0c';

describe('local gateway serving an mcp-server, an open-api-schema and a lambda target', () => {
  let root: string;
  let backend: McpBackend;
  let petApi: PetApi;
  let config: ProjectConfig;
  let gateway: LocalGateway;
  let client: Client;
  let url: string;

  beforeAll(async () => {
    root = tempDir();
    backend = await startMcpBackend();
    petApi = await startPetApi({ header: 'x-api-key', value: API_KEY });
    writePetApiSchema(root, 'schemas/pets.json', petApi.url);
    fs.writeFileSync(
      path.join(root, 'schemas/billing-tools.json'),
      JSON.stringify([{ name: 'charge', description: 'Charge a card', inputSchema: { type: 'object', properties: { amount: { type: 'number' } } } }]),
    );
    // The secret lives where users keep it: the git-ignored agentcore/.env.local.
    fs.mkdirSync(path.join(root, 'agentcore'));
    fs.writeFileSync(path.join(root, 'agentcore/.env.local'), `AGENTCORE_CREDENTIAL_PETKEY=${API_KEY}\n`);
    config = resolveConfig(root, {
      gateways: [{ name: 'tools-gw' }],
      credentials: [{ name: 'PetKey', type: 'api-key' }],
      targets: [
        { gateway: 'tools-gw', name: 'weather', type: 'mcp-server', endpoint: backend.endpoint },
        { gateway: 'tools-gw', name: 'pets', type: 'open-api-schema', schema: 'schemas/pets.json', outboundAuth: 'api-key', credentialName: 'PetKey' },
        {
          gateway: 'tools-gw',
          name: 'billing',
          type: 'lambda-function-arn',
          lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:billing',
          toolSchemaFile: 'schemas/billing-tools.json',
        },
      ],
    });
    gateway = await startLocalGateway(config, { root, env: {}, logger: silentLogger });
    url = gateway.urls['tools-gw'];
    client = await connectClient(url);
  });

  afterAll(async () => {
    await client?.close();
    await gateway?.close();
    await backend?.close();
    await petApi?.close();
  });

  it('serves each gateway at http://127.0.0.1:<port>/<gateway>/mcp and gives the agent wiring variables', () => {
    expect(url).toBe(`http://127.0.0.1:${gateway.port}/tools-gw/mcp`);
    expect(gateway.env).toEqual({ AGENTCORE_GATEWAY_TOOLS_GW_URL: url, AGENTCORE_GATEWAY_TOOLS_GW_AUTH_TYPE: 'NONE' });
  });

  it("lists every target's tools under <target>___<tool>, with the search tool", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'billing___charge',
        'pets___createPet',
        'pets___getPet',
        'pets___listPets',
        'weather___get_weather',
        'weather___slow_echo',
        'x_amz_bedrock_agentcore_search',
      ].sort(),
    );
    const getPet = tools.find((t) => t.name === 'pets___getPet')!;
    expect(getPet.inputSchema).toMatchObject({ properties: { petId: { type: 'string' } }, required: ['petId'] });
    const createPet = tools.find((t) => t.name === 'pets___createPet')!;
    // The $ref'd body schema is dereferenced and OpenAPI's `nullable` becomes a JSON Schema null type.
    expect(createPet.inputSchema).toMatchObject({
      properties: { body: { required: ['name'], properties: { tag: { type: ['string', 'null'] } } } },
      required: ['body'],
    });
    expect(tools.find((t) => t.name === 'weather___get_weather')!.description).toBe('Current weather for a city');
  });

  it('forwards a call to the mcp-server target and returns its answer', async () => {
    const result = await client.callTool({ name: 'weather___get_weather', arguments: { city: 'Lyon' } });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe('Weather in Lyon: sunny, 21 °C');
  });

  it('calls the OpenAPI operation over HTTP with the api-key credential and returns the body', async () => {
    const result = await client.callTool({ name: 'pets___getPet', arguments: { petId: 'p 7' } });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(textOf(result))).toEqual({ id: 'p 7', name: 'Rex', kind: 'dog' });
    const seen = petApi.requests.at(-1)!;
    expect(seen.url).toBe('/pets/p%207');
    expect(seen.headers['x-api-key']).toBe(API_KEY);
  });

  it('sends query parameters and a JSON body', async () => {
    expect(JSON.parse(textOf(await client.callTool({ name: 'pets___listPets', arguments: { limit: 3 } })))).toEqual({ pets: [], limit: 3 });
    expect(petApi.requests.at(-1)!.url).toBe('/pets?limit=3');
    const created = await client.callTool({ name: 'pets___createPet', arguments: { body: { name: 'Tom', tag: null } } });
    expect(JSON.parse(textOf(created))).toEqual({ id: 42, name: 'Tom', tag: null });
    expect(petApi.requests.at(-1)!.body).toEqual({ name: 'Tom', tag: null });
  });

  it('checks OpenAPI arguments against the input schema before calling the API', async () => {
    const before = petApi.requests.length;
    const missing = await client.callTool({ name: 'pets___createPet', arguments: { body: { tag: 'x' } } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/invalid arguments for createPet.*name/);
    const wrongType = await client.callTool({ name: 'pets___listPets', arguments: { limit: 'lots' } });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toMatch(/limit/);
    expect(petApi.requests.length).toBe(before);
  });

  it('lists a Lambda target\'s tools but answers its calls with a "not available locally" tool error', async () => {
    const result = await client.callTool({ name: 'billing___charge', arguments: { amount: 3 } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/not available locally.*lambda-function-arn.*--stand-in tools-gw\/billing=/s);
  });

  it('ranks tools for a query with x_amz_bedrock_agentcore_search', async () => {
    const result = await client.callTool({ name: 'x_amz_bedrock_agentcore_search', arguments: { query: 'what is the weather in a city' } });
    const names = (result.structuredContent as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
    expect(names[0]).toBe('weather___get_weather');
    expect(names).not.toContain('pets___createPet');
    const pets = await client.callTool({ name: 'x_amz_bedrock_agentcore_search', arguments: { query: 'create a new pet' } });
    expect((pets.structuredContent as { tools: Array<{ name: string }> }).tools[0].name).toBe('pets___createPet');
  });

  it('refuses unknown tools with a JSON-RPC invalid-params error', async () => {
    await expect(client.callTool({ name: 'weather___no_such_tool', arguments: {} })).rejects.toThrow(McpError);
    await expect(client.callTool({ name: 'nobody___get_weather', arguments: {} })).rejects.toThrow(/Unknown tool: nobody___get_weather/);
  });

  it('answers malformed requests with JSON-RPC errors', async () => {
    const badJson = await rawPost(url, '{"jsonrpc": "2.0", "method": ');
    expect(badJson.status).toBe(400);
    expect((await rpcError(badJson)).code).toBe(-32700);

    const notJsonRpc = await rawPost(url, '{"hello": "world"}');
    expect(notJsonRpc.status).toBe(400);
    expect((await rpcError(notJsonRpc)).code).toBeLessThan(-32000);

    const noName = await rawPost(url, JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { arguments: [] } }));
    expect(await noName.json()).toMatchObject({ id: 7, error: { code: -32602, message: expect.stringMatching(/params.name/) } });

    const huge = await rawPost(url, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(huge.status).toBe(413);
    expect((await rpcError(huge)).message).toMatch(/exceeds 1048576 bytes/);

    const get = await fetch(url, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect((await rpcError(get)).code).toBe(-32600);

    const elsewhere = await rawPost(url.replace('tools-gw', 'other-gw'), '{}');
    expect(elsewhere.status).toBe(404);
    expect((await rpcError(elsewhere)).message).toContain('/tools-gw/mcp');
  });

  it('refuses requests whose Host is not the loopback address it listens on (DNS rebinding)', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          url,
          { method: 'POST', headers: { host, 'content-type': 'application/json', accept: 'application/json, text/event-stream' } },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
      });
    expect(await status('attacker.example.com')).toBe(403);
    expect(await status(`localhost:${gateway.port}`)).toBe(200);
  });

  it('refuses browser requests from any origin but its own (Origin header), and serves clients that send none', async () => {
    const call = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'weather___get_weather', arguments: { city: 'Riga' } } });
    const before = backend.authorizations.length;
    for (const origin of [
      'https://evil.example',
      'null',
      'http://attacker.localhost:8080',
      `http://127.0.0.1:${gateway.port + 1}`,
      `https://127.0.0.1:${gateway.port}`,
    ]) {
      const res = await rawPost(url, call, { origin });
      expect(res.status, origin).toBe(403);
      expect((await rpcError(res)).message).toMatch(/Origin/);
    }
    // Nothing reached the target.
    expect(backend.authorizations.length).toBe(before);
    for (const origin of [`http://127.0.0.1:${gateway.port}`, `http://localhost:${gateway.port}`, undefined]) {
      const res = await rawPost(url, call, origin ? { origin } : {});
      expect(res.status, origin).toBe(200);
      expect(JSON.stringify(await res.json())).toContain('Weather in Riga');
    }
  });

  it('pages tools/list and refuses a forged cursor', async () => {
    const paged = await startLocalGateway(config, { root, env: {}, logger: silentLogger, pageSize: 2 });
    const c = await connectClient(paged.urls['tools-gw']);
    try {
      const names: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await c.listTools(cursor ? { cursor } : {});
        expect(page.tools.length).toBeLessThanOrEqual(2);
        names.push(...page.tools.map((t) => t.name));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(4);
      expect(new Set(names).size).toBe(7);
      await expect(c.listTools({ cursor: 'not-a-cursor' })).rejects.toThrow(/Invalid cursor/);
    } finally {
      await c.close();
      await paged.close();
    }
  });
});
