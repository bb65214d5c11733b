import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { BodyTooLargeError, readBody } from './http/read-body';
import { JSON_RPC, sendJsonRpcError } from './http/json-rpc-response';
import { type LoopbackNames, misnamed } from './http/loopback-names';
import { header, type InboundAuthorizer } from './inbound/inbound-authorizer';
import type { GatewayLogger } from './logger';
import type { ToolCatalog } from './tool-catalog';

const SERVER_VERSION = '1.0.0';
/** One schema validator for every per-request server (the SDK would otherwise build an Ajv each time). */
const sharedValidator = new AjvJsonSchemaValidator();

/**
 * The MCP endpoint of one gateway (`/<gateway>/mcp`): Host and Origin, bounded body, inbound auth, then a
 * stateless streamable-HTTP MCP exchange. Stateless means a fresh SDK server per request and no
 * session to keep, so memory does not grow with clients; the tool catalog is what is shared.
 */
export class GatewayEndpoint {
  constructor(
    readonly name: string,
    private readonly catalog: ToolCatalog,
    private readonly authorizer: InboundAuthorizer,
    private readonly maxBodyBytes: number,
    private readonly logger: GatewayLogger,
    /**
     * Host headers and Origins accepted (`127.0.0.1:<port>`, `localhost:<port>`): a web page on
     * another site, or one that rebinds a DNS name to 127.0.0.1, is refused with 403.
     */
    private readonly names: () => LoopbackNames,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const wrongName = misnamed(this.names(), req.headers.host, header(req.headers, 'origin'));
    if (wrongName) {
      req.resume();
      this.logger.warn(`gateway "${this.name}": refused a request: ${wrongName}`);
      sendJsonRpcError(res, 403, JSON_RPC.invalidRequest, wrongName);
      return;
    }
    if (req.method !== 'POST') {
      // No server-initiated messages and no sessions: only POST has a meaning here.
      req.resume();
      sendJsonRpcError(res, 405, JSON_RPC.invalidRequest, 'Method not allowed: this gateway is stateless; send JSON-RPC messages with POST', { allow: 'POST' });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, this.maxBodyBytes);
    } catch (e) {
      if (e instanceof BodyTooLargeError)
        sendJsonRpcError(res, 413, JSON_RPC.invalidRequest, `Request too large: the body exceeds ${e.limit} bytes`, { connection: 'close' });
      else res.destroy();
      return;
    }
    const decision = await this.authorizer.check({ method: req.method, url: req.url ?? '/', headers: req.headers, body });
    if (!decision.ok) {
      this.logger.warn(`gateway "${this.name}": refused a request: ${decision.message}`);
      sendJsonRpcError(res, decision.status, JSON_RPC.unauthorized, decision.message, decision.headers);
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch (e) {
      sendJsonRpcError(res, 400, JSON_RPC.parseError, `Parse error: the body is not valid JSON (${(e as Error).message})`);
      return;
    }
    const invalid = invalidToolCall(message);
    if (invalid) {
      const body = JSON.stringify({ jsonrpc: '2.0', id: invalid.id, error: { code: JSON_RPC.invalidParams, message: invalid.message } });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    const server = this.mcpServer();
    const { hosts, origins } = this.names();
    // Checked above already; the SDK checks again, in case a request ever reaches it another way.
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      enableDnsRebindingProtection: true,
      allowedHosts: [...hosts],
      allowedOrigins: [...origins],
    });
    // A caller that hangs up before its answer cancels its calls (closing the server closes the
    // transport). After a normal answer there is nothing to close: nothing refers to either any more.
    res.on('close', () => {
      if (!res.writableEnded) void server.close();
    });
    await server.connect(transport);
    // The SDK's web-standard transport, fed directly: the body is already parsed, and the answer
    // (always complete JSON here: no event streams) is written in one piece.
    const answer = await transport.handleRequest(new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: 'POST', headers: webHeaders(req) }), {
      parsedBody: message,
    });
    // As bytes: decoding the answer to text and encoding it again would hold two more copies of it.
    const bytes = Buffer.from(await answer.arrayBuffer());
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => (headers[name] = value));
    res.writeHead(answer.status, headers).end(bytes);
  }

  private mcpServer(): Server {
    const server = new Server(
      { name: this.name, version: SERVER_VERSION },
      { capabilities: { tools: { listChanged: false } }, jsonSchemaValidator: sharedValidator },
    );
    server.setRequestHandler(ListToolsRequestSchema, (request) => this.catalog.page(request.params?.cursor));
    server.setRequestHandler(CallToolRequestSchema, (request, extra) => this.catalog.call(request.params.name, request.params.arguments ?? {}, extra.signal));
    return server;
  }
}

/**
 * A tools/call whose params are not `{ name: string, arguments?: object }`. The SDK would answer
 * it with an internal error quoting its schema library; callers deserve "invalid params".
 */
function invalidToolCall(message: unknown): { id: string | number; message: string } | undefined {
  if (!message || typeof message !== 'object' || Array.isArray(message)) return undefined;
  const m = message as { method?: unknown; id?: unknown; params?: { name?: unknown; arguments?: unknown } };
  if (m.method !== 'tools/call' || (typeof m.id !== 'string' && typeof m.id !== 'number')) return undefined;
  const args = m.params?.arguments;
  if (typeof m.params?.name === 'string' && (args === undefined || (typeof args === 'object' && args !== null && !Array.isArray(args)))) return undefined;
  return { id: m.id, message: 'Invalid params: tools/call needs params.name (a tool name from tools/list) and, optionally, params.arguments (an object)' };
}

/** A Node request's headers as web Headers (repeated headers kept). */
function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  return headers;
}
