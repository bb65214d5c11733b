import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ErrorCode, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { httpFetch } from '../http/http-fetch';
import { describeFetchError } from '../oidc-discovery';
import type { OutboundAuth } from '../outbound/outbound-auth';
import { MissingSecretError } from '../secret-source';
import { type CallContext, type TargetBackend, TargetUnavailableError } from './target-backend';

const CLIENT_INFO = { name: 'agentcore-projen-local-gateway', version: '1' };

/**
 * An `mcp-server` target (or a local stand-in for an AWS-only target): one MCP client session,
 * reused by every call and re-opened after a failure. Errors the server returns as JSON-RPC
 * errors pass through to the caller; failures to reach it make the target unavailable.
 */
export class McpServerBackend implements TargetBackend {
  private session: Promise<Client> | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly auth: OutboundAuth,
    private readonly connectTimeoutMs: number,
  ) {}

  async listTools(timeoutMs: number): Promise<Tool[]> {
    return this.withSession(async (client) => {
      const tools: Tool[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor ? { cursor } : {}, { timeout: timeoutMs });
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor);
      return tools;
    });
  }

  async callTool(name: string, args: Record<string, unknown>, ctx: CallContext) {
    return this.withSession(
      (client) =>
        client.request({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema, { signal: ctx.signal, timeout: ctx.timeoutMs }),
      ctx.signal,
    );
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.then((c) => c.close()).catch(() => undefined);
  }

  /** Runs `work` on the open session; a session the server forgot (HTTP 404) is re-opened once. */
  private async withSession<T>(work: (client: Client) => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const session = this.open();
      try {
        return await work(await session);
      } catch (e) {
        // The server's own JSON-RPC errors, and calls the caller gave up on, say nothing about its health.
        if (isServerAnswer(e) || signal?.aborted) throw e;
        if (this.session === session) {
          this.session = undefined;
          session.then((c) => c.close()).catch(() => undefined);
        }
        if (e instanceof StreamableHTTPError && e.code === 401) this.auth.rejected();
        if (attempt === 0 && e instanceof StreamableHTTPError && e.code === 404) continue;
        if (e instanceof MissingSecretError) throw new TargetUnavailableError(e.message);
        throw new TargetUnavailableError(reason(e));
      }
    }
  }

  private open(): Promise<Client> {
    if (!this.session) {
      const fetchWithAuth = async (url: string | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        const target = new URL(url);
        await this.auth.apply(target, headers);
        return httpFetch(target, { ...init, headers });
      };
      const client = new Client(CLIENT_INFO, { capabilities: {} });
      const transport = new StreamableHTTPClientTransport(new URL(this.endpoint), { fetch: fetchWithAuth });
      const session = client.connect(transport, { timeout: this.connectTimeoutMs }).then(() => client);
      session.catch(() => client.close().catch(() => undefined));
      this.session = session;
    }
    return this.session;
  }
}

/** A JSON-RPC error the server itself returned (bad arguments, unknown tool): not an outage. */
function isServerAnswer(e: unknown): boolean {
  return e instanceof McpError && e.code !== ErrorCode.RequestTimeout && e.code !== ErrorCode.ConnectionClosed;
}

function reason(e: unknown): string {
  if (e instanceof McpError && e.code === ErrorCode.RequestTimeout) return 'the MCP server did not answer in time';
  if (e instanceof StreamableHTTPError) return e.code === 401 || e.code === 403 ? `the MCP server refused the gateway's credentials (HTTP ${e.code})` : `the MCP server answered HTTP ${e.code ?? 'error'}`;
  if (e instanceof Error && e.name === 'AbortError') return 'the call was cancelled';
  return `cannot reach the MCP server: ${describeFetchError(e)}`;
}
