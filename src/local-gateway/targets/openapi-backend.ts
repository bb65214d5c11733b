import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { JsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { DeadlineError, deadline } from '../http/deadline';
import { type HttpAnswer, httpCall } from '../http/http-call';
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
    const { url, method, headers, body } = buildRequest(api.baseUrl, op, args);
    const limit = deadline(ctx.signal, ctx.timeoutMs);
    let answer: HttpAnswer;
    try {
      const auth = new Headers();
      await this.auth.apply(url, auth);
      auth.forEach((value, name) => (headers[name] = value));
      answer = await httpCall(url, { method, headers, body, signal: limit.signal });
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      if (e instanceof MissingSecretError) throw new TargetUnavailableError(e.message);
      if (limit.signal.reason instanceof DeadlineError) throw new TargetUnavailableError(`the API did not answer within ${ctx.timeoutMs} ms`);
      throw new TargetUnavailableError(`cannot reach the API: ${describeFetchError(e)}`);
    } finally {
      limit.done();
    }
    if (answer.status === 401 || answer.status === 403) this.auth.rejected();
    if (answer.status < 200 || answer.status >= 300) {
      return toolError(`${op.method} ${op.path} answered HTTP ${answer.status}${answer.text ? `: ${answer.text}` : ''}`);
    }
    return { content: [{ type: 'text', text: answer.text }] };
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
function buildRequest(baseUrl: string, op: OpenApiOperation, args: Record<string, unknown>) {
  let path = op.path;
  const headers: Record<string, string> = { accept: 'application/json' };
  const query: Array<[string, string]> = [];
  for (const p of op.parameters) {
    const value = args[p.argument];
    if (value === undefined) continue;
    if (p.in === 'path') path = path.split(`{${p.name}}`).join(encodeURIComponent(scalar(value)));
    else if (p.in === 'query') for (const v of Array.isArray(value) ? value : [value]) query.push([p.name, scalar(v)]);
    else headers[p.name.toLowerCase()] = Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
  }
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [k, v] of query) url.searchParams.append(k, v);
  const value = op.body ? args[op.body.argument] : undefined;
  let body: string | undefined;
  if (op.body && value !== undefined) {
    headers['content-type'] = op.body.contentType;
    body = isJson(op.body.contentType) ? JSON.stringify(value) : scalar(value);
  }
  return { url, method: op.method, headers, body };
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
