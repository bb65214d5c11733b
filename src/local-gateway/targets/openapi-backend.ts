import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { JsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { deadline } from '../http/deadline';
import { describeFetchError } from '../oidc-discovery';
import type { OutboundAuth } from '../outbound/outbound-auth';
import { MissingSecretError } from '../secret-source';
import { isJson, loadOpenApi, type OpenApiApi, type OpenApiOperation } from './openapi-operations';
import { type CallContext, type TargetBackend, TargetUnavailableError, toolError } from './target-backend';

/**
 * An `open-api-schema` target: each operation of the document is a tool. Arguments are checked
 * against the tool's input schema before anything is sent; the call goes to the document's first
 * server with the target's credential. HTTP error statuses come back as tool errors (the API
 * answered); a refused connection or timeout makes the target unavailable.
 */
export class OpenApiBackend implements TargetBackend {
  private api: Promise<OpenApiApi> | undefined;
  private readonly validators = new Map<string, JsonSchemaValidator<unknown>>();
  private readonly ajv = new AjvJsonSchemaValidator();

  constructor(
    private readonly schemaFile: string,
    private readonly auth: OutboundAuth,
  ) {}

  async listTools(): Promise<Tool[]> {
    const api = await this.load();
    return api.operations.map((op) => ({ name: op.toolName, description: op.description, inputSchema: op.inputSchema }));
  }

  async callTool(name: string, args: Record<string, unknown>, ctx: CallContext): Promise<CallToolResult> {
    const api = await this.load();
    const op = api.operations.find((o) => o.toolName === name);
    if (!op) return toolError(`unknown tool "${name}"`);
    const checked = this.validator(op)(args);
    if (!checked.valid) return toolError(`invalid arguments for ${name}: ${checked.errorMessage}`);
    if (!api.baseUrl || !/^https?:\/\//.test(api.baseUrl)) {
      return toolError('the OpenAPI document has no absolute servers[0].url, so the local gateway does not know where the API is; add one (e.g. "http://127.0.0.1:8080")');
    }
    const { url, init } = buildRequest(api.baseUrl, op, args);
    const headers = init.headers as Headers;
    const limit = deadline(ctx.signal, ctx.timeoutMs);
    let res: Response;
    let text: string;
    try {
      await this.auth.apply(url, headers);
      res = await fetch(url, { ...init, signal: limit.signal });
      text = await res.text();
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      if (e instanceof MissingSecretError) throw new TargetUnavailableError(e.message);
      const why = describeFetchError(e);
      throw new TargetUnavailableError(why === 'timed out' ? `the API did not answer within ${ctx.timeoutMs} ms` : `cannot reach the API: ${why}`);
    } finally {
      limit.done();
    }
    if (res.status === 401 || res.status === 403) this.auth.rejected();
    if (!res.ok) return toolError(`${op.method} ${op.path} answered HTTP ${res.status}${text ? `: ${text}` : ''}`);
    return { content: [{ type: 'text', text }] };
  }

  async close(): Promise<void> {}

  private load(): Promise<OpenApiApi> {
    if (!this.api) {
      this.api = loadOpenApi(this.schemaFile);
      // A broken document is reported by the listing; read it again next time (it may be fixed).
      this.api.catch(() => (this.api = undefined));
    }
    return this.api;
  }

  private validator(op: OpenApiOperation): JsonSchemaValidator<unknown> {
    const cached = this.validators.get(op.toolName);
    if (cached) return cached;
    const v = this.ajv.getValidator<unknown>(op.inputSchema);
    this.validators.set(op.toolName, v);
    return v;
  }
}

/** The HTTP request for one operation: path parameters filled in, query and headers set, body encoded. */
function buildRequest(baseUrl: string, op: OpenApiOperation, args: Record<string, unknown>): { url: URL; init: RequestInit } {
  let path = op.path;
  const headers = new Headers({ accept: 'application/json' });
  const query: Array<[string, string]> = [];
  for (const p of op.parameters) {
    const value = args[p.argument];
    if (value === undefined) continue;
    if (p.in === 'path') path = path.split(`{${p.name}}`).join(encodeURIComponent(scalar(value)));
    else if (p.in === 'query') for (const v of Array.isArray(value) ? value : [value]) query.push([p.name, scalar(v)]);
    else headers.set(p.name, Array.isArray(value) ? value.map(scalar).join(',') : scalar(value));
  }
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [k, v] of query) url.searchParams.append(k, v);
  const init: RequestInit = { method: op.method, headers };
  const body = op.body ? args[op.body.argument] : undefined;
  if (op.body && body !== undefined) {
    headers.set('content-type', op.body.contentType);
    init.body = isJson(op.body.contentType) ? JSON.stringify(body) : scalar(body);
  }
  return { url, init };
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
