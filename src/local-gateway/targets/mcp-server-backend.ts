import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ErrorCode, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { AnswerTooLargeError } from '../http/answer-limit';
import { type Deadline, DeadlineError, deadline } from '../http/deadline';
import { httpFetch } from '../http/http-fetch';
import { describeFetchError } from '../oidc-discovery';
import type { OutboundAuth } from '../outbound/outbound-auth';
import { MissingSecretError } from '../../project-files/secret-lookup';
import { currentScope, withinScope } from './outbound-scope';
import { type CallContext, type TargetBackend, TargetUnavailableError } from './target-backend';

const CLIENT_INFO = { name: 'agentcore-projen-local-gateway', version: '1' };

/**
 * An `mcp-server` target (or a local stand-in for an AWS-only target): one MCP client session,
 * reused by every call and re-opened after a failure. Errors the server returns as JSON-RPC
 * errors pass through to the caller; failures to reach it make the target unavailable.
 *
 * Every operation runs in a scope (see outbound-scope.ts): its HTTP exchanges are closed when the
 * caller goes, when its time is up, or when the target's answer is larger than `maxAnswerBytes`,
 * so a target that hangs or floods holds no connection and no memory beyond that.
 */
export class McpServerBackend implements TargetBackend {
  private session: Promise<Client> | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly auth: OutboundAuth,
    private readonly connectTimeoutMs: number,
    private readonly maxAnswerBytes: number,
  ) {}

  async listTools(timeoutMs: number): Promise<Tool[]> {
    const scope = deadline(undefined, timeoutMs);
    try {
      return await this.withSession(scope, undefined, async (client) => {
        const tools: Tool[] = [];
        let cursor: string | undefined;
        do {
          const page = await client.listTools(cursor ? { cursor } : {}, { signal: scope.signal, timeout: backstop(timeoutMs) });
          tools.push(...page.tools);
          cursor = page.nextCursor;
        } while (cursor);
        return tools;
      });
    } finally {
      scope.done();
    }
  }

  async callTool(name: string, args: Record<string, unknown>, ctx: CallContext) {
    const scope = deadline(ctx.signal, ctx.timeoutMs);
    try {
      return await this.withSession(scope, ctx.signal, (client) =>
        client.request({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema, {
          signal: scope.signal,
          timeout: backstop(ctx.timeoutMs),
        }),
      );
    } finally {
      scope.done();
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.then((c) => c.close()).catch(() => undefined);
  }

  /**
   * Runs `work` on the open session, within `scope` (the exchanges it starts end with it); a
   * session the server forgot (HTTP 404) is re-opened once. `callerSignal` is the caller's own.
   */
  private async withSession<T>(scope: Deadline, callerSignal: AbortSignal | undefined, work: (client: Client) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const session = this.open();
      try {
        const client = await session;
        return await withinScope(scope, () => work(client));
      } catch (thrown) {
        // The SDK reports an operation it cancelled as a timeout; the scope knows why it ended.
        const e = scope.signal.reason instanceof AnswerTooLargeError ? scope.signal.reason : thrown;
        // The server's own JSON-RPC errors, calls the caller gave up on, and answers refused for
        // their size (that call fails, the session stays) say nothing about the target's health.
        if (isServerAnswer(e) || e instanceof AnswerTooLargeError || callerSignal?.aborted) throw e;
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
        const scope = currentScope();
        await this.auth.apply({ method: init?.method ?? 'GET', url: target, headers, ...(typeof init?.body === 'string' ? { body: init.body } : {}) });
        return httpFetch(target, { ...init, headers }, { maxAnswerBytes: this.maxAnswerBytes, signal: scope?.signal, onTooLarge: (e) => scope?.abort(e) });
      };
      const client = new Client(CLIENT_INFO, { capabilities: {} });
      const transport = new StreamableHTTPClientTransport(new URL(this.endpoint), { fetch: fetchWithAuth });
      // Opening is an operation of its own: a caller that goes away must not cancel the session others wait for.
      const opening = deadline(undefined, this.connectTimeoutMs);
      const session = withinScope(opening, () => client.connect(transport, { signal: opening.signal, timeout: backstop(this.connectTimeoutMs) }))
        .then(() => client)
        .finally(() => opening.done());
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

/**
 * The SDK's own timeout, behind the scope's deadline: the deadline fires first and also closes
 * the HTTP exchange, which the SDK's timeout would leave open.
 */
function backstop(ms: number): number {
  return ms + 1_000;
}

function reason(e: unknown): string {
  if (e instanceof DeadlineError || (e instanceof McpError && e.code === ErrorCode.RequestTimeout)) return 'the MCP server did not answer in time';
  if (e instanceof StreamableHTTPError)
    return e.code === 401 || e.code === 403
      ? `the MCP server refused the gateway's credentials (HTTP ${e.code})`
      : `the MCP server answered HTTP ${e.code ?? 'error'}`;
  if (e instanceof Error && e.name === 'AbortError') return 'the call was cancelled';
  return `cannot reach the MCP server: ${describeFetchError(e)}`;
}
