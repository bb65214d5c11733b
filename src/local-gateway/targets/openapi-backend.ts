import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { JsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { AnswerTooLargeError } from '../http/answer-limit';
import { DeadlineError, deadline } from '../http/deadline';
import { type HttpAnswer, httpCall, RequestNotSentError } from '../http/http-call';
import { describeFetchError } from '../oidc-discovery';
import type { OutboundAuth } from '../outbound/outbound-auth';
import { MissingSecretError } from '../../project-files/secret-lookup';
import { loadOpenApi, type OpenApiApi, type OpenApiOperation } from './openapi-operations';
import { buildRequest, InvalidArgumentError, type OpenApiRequest } from './openapi-request';
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
    private readonly maxAnswerBytes: number,
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
      return toolError(
        'the OpenAPI document has no absolute servers[0].url, so the local gateway does not know where the API is; add one (e.g. "http://127.0.0.1:8080")',
      );
    }
    let request: OpenApiRequest;
    try {
      request = buildRequest(api.baseUrl, op, args);
    } catch (e) {
      // Bad input to this call is this caller's problem, not an outage of the target.
      if (e instanceof InvalidArgumentError) return toolError(`invalid arguments for ${name}: ${e.message}`);
      throw e;
    }
    const { url, method, headers, body } = request;
    const limit = deadline(ctx.signal, ctx.timeoutMs);
    let answer: HttpAnswer;
    try {
      // Auth sees the whole request: a signature covers every header and the body.
      const sent = headersOf(headers);
      await this.auth.apply({ method, url, headers: sent, ...(body !== undefined ? { body } : {}) });
      const withAuth: Record<string, string> = {};
      sent.forEach((value, name) => (withAuth[name] = value));
      answer = await httpCall(url, { method, headers: withAuth, body, signal: limit.signal, maxAnswerBytes: this.maxAnswerBytes });
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      // Too much from the API fails this call only (the connection is dropped); the API is up.
      // So does a request Node would not build (it never left): a tool error, the API stays in service.
      if (e instanceof AnswerTooLargeError || e instanceof RequestNotSentError) throw e;
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

/** The request's headers as a Headers object; one HTTP cannot carry means the request is never sent. */
function headersOf(headers: Record<string, string>): Headers {
  try {
    return new Headers(headers);
  } catch (e) {
    throw new RequestNotSentError(e);
  }
}
