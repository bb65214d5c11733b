import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, startLocalGateway, type LocalGateway } from '../../src/local-gateway';
import { tempDir } from '../helpers/tmp';
import { connectClient, textOf } from './helpers/clients';
import { listen } from './helpers/listen';
import { resolveConfig } from './helpers/project';

/** Everything the API received, so tests can see where each argument went. */
const seen: Array<{ method: string; url: string; headers: Record<string, unknown> }> = [];

describe('open-api-schema targets: operations become tools', () => {
  let api: Awaited<ReturnType<typeof listen>>;
  let gateway: LocalGateway;

  beforeAll(async () => {
    api = await listen((req, res) => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers });
      if (req.url?.startsWith('/v2/slow')) return void setTimeout(() => res.writeHead(200).end('late'), 2_000);
      res
        .writeHead(req.url?.startsWith('/v2/fail') ? 503 : 200, { 'content-type': 'text/plain' })
        .end(req.url?.startsWith('/v2/fail') ? 'maintenance' : 'done');
    });
    const root = tempDir();
    const doc = {
      openapi: '3.0.0',
      info: { title: 'Edge cases', version: '1' },
      servers: [{ url: `${api.url}/{version}`, variables: { version: { default: 'v2' } } }],
      paths: {
        '/things/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          put: {
            summary: 'Replace a thing',
            parameters: [
              { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
              { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
              { name: 'session', in: 'cookie', schema: { type: 'string' } },
            ],
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
            responses: { '200': { description: 'ok' } },
          },
        },
        '/users/{id}/profile': {
          get: {
            operationId: 'getProfile',
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'X-Note', in: 'header', schema: { type: 'string' } },
            ],
            responses: { '200': { description: 'ok' } },
          },
        },
        // A header name HTTP cannot carry: a mistake in the document, which only this operation has.
        '/odd': {
          get: { operationId: 'odd', parameters: [{ name: 'X Odd', in: 'header', schema: { type: 'string' } }], responses: { '200': { description: 'ok' } } },
        },
        '/fail': { get: { operationId: 'alwaysFails', responses: { '503': { description: 'down' } } } },
        '/slow': { get: { operationId: 'slow', responses: { '200': { description: 'late' } } } },
      },
      components: {
        schemas: {
          // Circular: a node holds child nodes.
          Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
        },
      },
    };
    fs.writeFileSync(path.join(root, 'edge.json'), JSON.stringify(doc));
    const config = resolveConfig(root, {
      gateways: [{ name: 'gw', semanticSearch: false }],
      credentials: [{ name: 'EdgeKey', type: 'api-key' }],
      targets: [
        {
          gateway: 'gw',
          name: 'edge',
          type: 'open-api-schema',
          schema: 'edge.json',
          outboundAuth: 'api-key',
          credentialName: 'EdgeKey',
          apiKeyLocation: 'QUERY_PARAMETER',
          apiKeyParameterName: 'key',
          apiKeyPrefix: 'Token',
        },
      ],
    });
    gateway = await startLocalGateway(config, { root, env: { AGENTCORE_CREDENTIAL_EDGEKEY: 'edge-secret' }, logger: silentLogger, callTimeoutMs: 300 });
  });

  afterAll(async () => {
    await gateway?.close();
    await api?.close();
  });

  it('names operations without an operationId after method and path, and leaves cookies out', async () => {
    const c = await connectClient(gateway.urls.gw);
    try {
      const { tools } = await c.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['edge___alwaysFails', 'edge___getProfile', 'edge___odd', 'edge___put_things_id', 'edge___slow']);
      const put = tools.find((t) => t.name === 'edge___put_things_id')!;
      expect(put.description).toBe('Replace a thing');
      expect(Object.keys(put.inputSchema.properties!).sort()).toEqual(['X-Trace', 'body', 'id', 'tags']);
      expect(put.inputSchema.required).toEqual(['id']);
      // The circular schema is cut where it loops back, and the tool list is still plain JSON.
      expect(put.inputSchema.properties!.body).toMatchObject({ type: 'object', properties: { children: { type: 'array', items: {} } } });
    } finally {
      await c.close();
    }
  });

  it('puts each argument where the document says, with the key as a prefixed query parameter', async () => {
    const c = await connectClient(gateway.urls.gw);
    try {
      const result = await c.callTool({
        name: 'edge___put_things_id',
        arguments: { id: 7, tags: ['a', 'b'], 'X-Trace': 't-1', body: { name: 'root', children: [{ name: 'leaf' }] } },
      });
      expect(textOf(result)).toBe('done');
      const last = seen.at(-1)!;
      expect(last.method).toBe('PUT');
      const url = new URL(last.url, 'http://x');
      expect(url.pathname).toBe('/v2/things/7');
      expect(url.searchParams.getAll('tags')).toEqual(['a', 'b']);
      expect(url.searchParams.get('key')).toBe('Token edge-secret');
      expect(last.headers['x-trace']).toBe('t-1');

      const failed = await c.callTool({ name: 'edge___alwaysFails', arguments: {} });
      expect(failed.isError).toBe(true);
      expect(textOf(failed)).toBe('GET /fail answered HTTP 503: maintenance');
    } finally {
      await c.close();
    }
  });

  it('keeps a path argument inside its segment: dot segments are refused, every other trap is encoded', async () => {
    const c = await connectClient(gateway.urls.gw);
    try {
      for (const id of ['..', '.']) {
        const before = seen.length;
        const refused = await c.callTool({ name: 'edge___getProfile', arguments: { id } });
        expect(refused.isError, id).toBe(true);
        expect(textOf(refused)).toMatch(/invalid arguments for getProfile: path argument "id" may not be "\.\.?"/);
        // Nothing was sent: not /v2/profile, not /v2/users/profile, and the API key stayed home.
        expect(seen.length).toBe(before);
      }
      const traps: Array<[string, string]> = [
        ['%2e%2e', '/v2/users/%252e%252e/profile'],
        ['%2E.', '/v2/users/%252E./profile'],
        ['../admin', '/v2/users/..%2Fadmin/profile'],
        ['a%2Fb', '/v2/users/a%252Fb/profile'],
        ['a\\..', '/v2/users/a%5C../profile'],
        ['@evil.example', '/v2/users/%40evil.example/profile'],
        ['x?admin=1', '/v2/users/x%3Fadmin%3D1/profile'],
        ['x#frag', '/v2/users/x%23frag/profile'],
        ['...', '/v2/users/.../profile'],
      ];
      for (const [id, path] of traps) {
        const result = await c.callTool({ name: 'edge___getProfile', arguments: { id } });
        expect(result.isError, id).toBeFalsy();
        expect(new URL(seen.at(-1)!.url, 'http://x').pathname, id).toBe(path);
        expect(seen.at(-1)!.headers.host).toBe(`127.0.0.1:${api.port}`);
      }
    } finally {
      await c.close();
    }
  });

  it('answers a header argument with CR/LF as a tool error for that call only; the target stays available', async () => {
    const attacker = await connectClient(gateway.urls.gw);
    const bystander = await connectClient(gateway.urls.gw);
    try {
      const before = seen.length;
      for (let i = 0; i < 3; i++) {
        const bad = await attacker.callTool({ name: 'edge___getProfile', arguments: { id: 'me', 'X-Note': 'hi\r\nX-Injected: 1' } });
        expect(bad.isError).toBe(true);
        expect(textOf(bad)).toMatch(/invalid arguments for getProfile: header argument "X-Note" has a character HTTP headers cannot carry/);
      }
      expect(seen.length).toBe(before);
      const fine = await bystander.callTool({ name: 'edge___getProfile', arguments: { id: 'you', 'X-Note': 'plain' } });
      expect(fine.isError).toBeFalsy();
      expect(textOf(fine)).toBe('done');
      expect(seen.at(-1)!.headers['x-note']).toBe('plain');
      expect(seen.some((r) => 'x-injected' in r.headers)).toBe(false);
      // A request Node refuses to build never left the gateway: a tool error, not an outage either.
      const odd = await attacker.callTool({ name: 'edge___odd', arguments: { 'X Odd': 'v' } });
      expect(odd.isError).toBe(true);
      expect((await bystander.callTool({ name: 'edge___getProfile', arguments: { id: 'you' } })).isError).toBeFalsy();
      const { tools } = await bystander.listTools();
      expect(tools.find((t) => t.name === 'edge___getProfile')!.description).not.toMatch(/unavailable/);
    } finally {
      await attacker.close();
      await bystander.close();
    }
  });

  it('gives up on an API that does not answer within the call timeout', async () => {
    const c = await connectClient(gateway.urls.gw);
    try {
      const started = Date.now();
      const late = await c.callTool({ name: 'edge___slow', arguments: {} });
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(late.isError).toBe(true);
      expect(textOf(late)).toMatch(/the API did not answer within 300 ms/);
    } finally {
      await c.close();
    }
  });
});
