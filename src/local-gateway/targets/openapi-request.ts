import { validateHeaderValue } from 'node:http';
import { isJson, type OpenApiOperation } from './openapi-operations';

/** A tool argument that cannot be sent as the operation describes; the message names the argument. */
export class InvalidArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

export interface OpenApiRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/**
 * The HTTP request for one operation: path parameters filled in, query and headers set, body
 * encoded. Arguments come from a model (or whoever calls the gateway), so each stays where the
 * document puts it: a path argument inside its one segment, a header argument inside its header.
 */
export function buildRequest(baseUrl: string, op: OpenApiOperation, args: Record<string, unknown>): OpenApiRequest {
  let path = op.path;
  const headers: Record<string, string> = { accept: 'application/json' };
  const query: Array<[string, string]> = [];
  for (const p of op.parameters) {
    const value = args[p.argument];
    if (value === undefined) continue;
    if (p.in === 'path') path = path.split(`{${p.name}}`).join(pathSegment(p.argument, scalar(value)));
    else if (p.in === 'query') for (const v of Array.isArray(value) ? value : [value]) query.push([p.name, scalar(v)]);
    else headers[p.name.toLowerCase()] = headerValue(p.argument, Array.isArray(value) ? value.map(scalar).join(',') : scalar(value));
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

/**
 * One path segment. Percent-encoding keeps `/`, `?`, `#` and `@` in the segment, but `.` and `..`
 * need no encoding and would move the request up the path (`/users/../profile` is `/profile`),
 * and WHATWG URLs treat `%2E%2E` as `..` too, so those two values are refused.
 */
function pathSegment(argument: string, value: string): string {
  if (value === '.' || value === '..') {
    throw new InvalidArgumentError(`path argument "${argument}" may not be "${value}": it would change the path of the request instead of naming one item`);
  }
  return encodeURIComponent(value);
}

/** A header value as sent; CR, LF and other control characters would end the header, so they are refused. */
function headerValue(argument: string, value: string): string {
  try {
    validateHeaderValue(argument, value);
  } catch {
    throw new InvalidArgumentError(`header argument "${argument}" has a character HTTP headers cannot carry (CR, LF or another control character)`);
  }
  return value;
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
