import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import { listen, readJsonBody } from './listen';

export interface PetApi {
  readonly url: string;
  /** Every request the API received: method, path with query, headers, JSON body. */
  readonly requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: unknown }>;
  close(): Promise<void>;
}

/**
 * A small HTTP API for open-api-schema targets. `GET /pets/{petId}` answers the pet as JSON,
 * `POST /pets` echoes the created pet with id 42, `GET /pets` lists pets (query `limit`).
 * Requests without the expected API key are answered 401.
 */
export async function startPetApi(expectedKey: { header: string; value: string }): Promise<PetApi> {
  const requests: PetApi['requests'] = [];
  const server = await listen(async (req, res) => {
    const body = await readJsonBody(req).catch(() => undefined);
    requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    if (req.headers[expectedKey.header] !== expectedKey.value) return send(401, { message: 'missing or wrong API key' });
    const u = new URL(req.url!, 'http://x');
    const one = /^\/pets\/([^/]+)$/.exec(u.pathname);
    if (req.method === 'GET' && one) return send(200, { id: decodeURIComponent(one[1]), name: 'Rex', kind: 'dog' });
    if (req.method === 'POST' && u.pathname === '/pets') return send(201, { id: 42, ...(body as object) });
    if (req.method === 'GET' && u.pathname === '/pets') return send(200, { pets: [], limit: Number(u.searchParams.get('limit') ?? 10) });
    send(404, { message: 'no such route' });
  });
  return { url: server.url, requests, close: server.close };
}

/** Writes the Pet API's OpenAPI 3 document (with a $ref'd schema) into a project folder. */
export function writePetApiSchema(root: string, file: string, serverUrl: string): void {
  const doc = {
    openapi: '3.0.3',
    info: { title: 'Pets', version: '1.0.0' },
    servers: [{ url: serverUrl }],
    paths: {
      '/pets': {
        get: {
          operationId: 'listPets',
          summary: 'List pets',
          parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } }],
          responses: { '200': { description: 'ok' } },
        },
        post: {
          operationId: 'createPet',
          summary: 'Create a pet',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewPet' } } } },
          responses: { '201': { description: 'created' } },
        },
      },
      '/pets/{petId}': {
        get: {
          operationId: 'getPet',
          summary: 'Get one pet by id',
          parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    components: {
      schemas: {
        NewPet: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' }, tag: { type: 'string', nullable: true } },
        },
      },
    },
  };
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), JSON.stringify(doc, null, 2));
}
