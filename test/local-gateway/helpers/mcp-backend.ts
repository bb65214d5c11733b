import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import type { InboundRequest } from '../../../src/local-gateway/inbound/inbound-authorizer';
import { listen, readRawBody } from './listen';

export interface McpBackend {
  /** The MCP endpoint, `http://127.0.0.1:<port>/mcp`. */
  readonly endpoint: string;
  readonly port: number;
  /** Authorization headers of the requests received. */
  readonly authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

export interface McpBackendOptions {
  /** When set, requests need a bearer token this function accepts. */
  readonly acceptToken?: (token: string) => Promise<boolean> | boolean;
  /** Milliseconds the `slow_echo` tool waits. */
  readonly slowMs?: number;
  /** Answer POSTs with an event stream (the SDK's default) instead of plain JSON. */
  readonly eventStream?: boolean;
  /** When set, each request (with its exact body) must pass this check, else it is answered 403 with the reason. */
  readonly verifyRequest?: (req: InboundRequest) => Promise<{ ok: true } | { ok: false; message: string }>;
}

/**
 * A real MCP server (TypeScript SDK, stateless streamable HTTP) with two tools:
 * `get_weather {city}` answers "Weather in <city>: sunny, 21 °C", `slow_echo {text}` answers late.
 */
export async function startMcpBackend(options: McpBackendOptions = {}): Promise<McpBackend> {
  const authorizations: Array<string | undefined> = [];
  const build = () => {
    const server = new McpServer({ name: 'weather-backend', version: '1.0.0' });
    server.registerTool(
      'get_weather',
      { description: 'Current weather for a city', inputSchema: { city: z.string().describe('City name') } },
      async ({ city }) => ({ content: [{ type: 'text', text: `Weather in ${city}: sunny, 21 °C` }] }),
    );
    server.registerTool('slow_echo', { description: 'Echoes text after a delay', inputSchema: { text: z.string() } }, async ({ text }) => {
      await new Promise((r) => setTimeout(r, options.slowMs ?? 0));
      return { content: [{ type: 'text', text }] };
    });
    return server;
  };
  const http = await listen(async (req, res) => {
    authorizations.push(req.headers.authorization);
    if (req.url !== '/mcp' || req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    if (options.acceptToken) {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !(await options.acceptToken(token))) {
        res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
        return;
      }
    }
    const raw = await readRawBody(req);
    if (options.verifyRequest) {
      const decision = await options.verifyRequest({ method: req.method!, url: req.url!, headers: req.headers, body: raw });
      if (!decision.ok) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end(decision.message);
        return;
      }
    }
    const body: unknown = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
    const server = build();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: !options.eventStream });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  });
  return { endpoint: `${http.url}/mcp`, port: http.port, authorizations, close: http.close };
}
