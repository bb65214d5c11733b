import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { listen, readJsonBody } from './listen';

/** How much a flooding tool or operation sends: 64 MiB, 64 times the gateway's default limit. */
export const FLOOD_BYTES = 64 * 1024 * 1024;
/** Just under the gateway's default limit of 1 MiB: accepted, and the most a target can make it hold. */
export const NEAR_LIMIT_BYTES = 1024 * 1024 - 64 * 1024;

export interface HostileTarget {
  /** MCP endpoint (hand-written JSON-RPC over HTTP): tools flood_json, flood_event, hang, small. */
  readonly mcpEndpoint: string;
  /** Base URL of the HTTP API behind `writeHostileApiSchema`: GET /flood, /hang, /small. */
  readonly apiUrl: string;
  /** Requests to `hang` that are still open (the gateway has not closed them). */
  readonly openHanging: () => number;
  /** Requests to `hang` received so far. */
  readonly hangingSeen: () => number;
  close(): Promise<void>;
}

/**
 * A target that misbehaves on purpose, serving both an MCP server and an HTTP API: `flood_json`
 * answers a 64 MiB JSON-RPC response, `flood_event` a single event-stream line of 64 MiB that
 * never ends, `near_limit_text` / `near_limit_event` / `near_limit_objects` answer just under the
 * gateway's limit (as JSON, as an event, and as the costliest JSON to parse: `{}` after `{}`),
 * `hang` never answers, `hang_event` starts an event stream and sends nothing more, `small`
 * answers at once. Floods are poured with backpressure,
 * so they stop when the gateway drops the connection.
 */
export async function startHostileTarget(): Promise<HostileTarget> {
  let open = 0;
  let seen = 0;
  const hang = (res: http.ServerResponse) => {
    open++;
    seen++;
    res.on('close', () => open--);
  };
  const server = await listen(async (req, res) => {
    if (req.url?.startsWith('/api/')) {
      req.resume();
      if (req.url === '/api/hang') return hang(res);
      if (req.url === '/api/small') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      res.writeHead(200, { 'content-type': 'application/json' });
      return pour(res, '{"data":"', '"}');
    }
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const message = (await readJsonBody(req)) as {
      id?: number | string;
      method: string;
      params?: { name?: string; protocolVersion?: string; arguments?: { bytes?: number } };
    };
    const near = message.params?.arguments?.bytes ?? NEAR_LIMIT_BYTES;
    if (message.id === undefined) return void res.writeHead(202).end();
    const answer = (result: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
    if (message.method === 'initialize') {
      return answer({ protocolVersion: message.params?.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'hostile', version: '1' } });
    }
    if (message.method === 'tools/list') {
      return answer({
        tools: ['flood_json', 'flood_event', 'near_limit_text', 'near_limit_event', 'near_limit_objects', 'hang', 'hang_event', 'small'].map((name) => ({
          name,
          description: name,
          inputSchema: { type: 'object' },
        })),
      });
    }
    const head = `{"jsonrpc":"2.0","id":${JSON.stringify(message.id)},"result":{"content":[{"type":"text","text":"`;
    switch (message.params?.name) {
      case 'flood_json':
        res.writeHead(200, { 'content-type': 'application/json' });
        return pour(res, head, '"}]}}');
      case 'flood_event':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return pour(res, `data: ${head}`, undefined);
      case 'near_limit_text':
        res.writeHead(200, { 'content-type': 'application/json' });
        return pour(res, head, '"}]}}', near);
      case 'near_limit_event':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return pour(res, `data: ${head}`, '"}]}}\n\n', near);
      case 'near_limit_objects':
        res.writeHead(200, { 'content-type': 'application/json' });
        return pour(
          res,
          `{"jsonrpc":"2.0","id":${JSON.stringify(message.id)},"result":{"content":[{"type":"text","text":"many"}],"_meta":{"many":[{}`,
          ']}}}',
          near,
          ',{}',
        );
      case 'hang':
        return hang(res);
      case 'hang_event':
        // Starts an event stream, then says nothing more.
        res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': waiting\n\n');
        return hang(res);
      default:
        return answer({ content: [{ type: 'text', text: 'small' }] });
    }
  });
  // Idle kept-alive connections go quickly, so what stays open is what the gateway holds.
  server.server.keepAliveTimeout = 200;
  return { mcpEndpoint: `${server.url}/mcp`, apiUrl: `${server.url}/api`, openHanging: () => open, hangingSeen: () => seen, close: server.close };
}

/** Writes FLOOD_BYTES of `x` between `head` and `tail`, waiting for the reader; stops if it goes. */
async function pour(res: http.ServerResponse, head: string, tail: string | undefined, bytes = FLOOD_BYTES, unit = 'x'): Promise<void> {
  const chunk = Buffer.from(unit.repeat(Math.floor((64 * 1024) / unit.length)));
  res.write(head);
  for (let sent = 0; sent + chunk.length <= bytes && !res.destroyed; sent += chunk.length) {
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  if (!res.destroyed) {
    if (tail === undefined) return; // an event that never ends: the connection stays open
    res.end(tail);
  }
}

function drainedOrClosed(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** The OpenAPI document of the hostile API: operations flood, hang and small. */
export function writeHostileApiSchema(root: string, file: string, apiUrl: string): void {
  const op = (operationId: string) => ({ get: { operationId, responses: { '200': { description: 'ok' } } } });
  const doc = {
    openapi: '3.0.3',
    info: { title: 'Hostile', version: '1' },
    servers: [{ url: apiUrl }],
    paths: { '/flood': op('flood'), '/hang': op('hang'), '/small': op('small') },
  };
  fs.writeFileSync(path.join(root, file), JSON.stringify(doc));
}
