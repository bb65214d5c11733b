import SwaggerParser from '@apidevtools/swagger-parser';

/** Where an operation parameter goes on the HTTP request. */
export type ParameterLocation = 'path' | 'query' | 'header';

/** One OpenAPI operation, ready to become a tool and to be called. */
export interface OpenApiOperation {
  /** The tool name: the operationId, else `<method>_<path>` made name-safe. */
  readonly toolName: string;
  readonly description: string;
  readonly method: string;
  /** The path template, e.g. `/pets/{petId}`. */
  readonly path: string;
  /** Tool argument name → where it goes and under which name. */
  readonly parameters: ReadonlyArray<{ readonly argument: string; readonly name: string; readonly in: ParameterLocation }>;
  /** The request body, passed as the tool argument `argument`. */
  readonly body?: { readonly argument: string; readonly contentType: string };
  /** JSON Schema of the tool's arguments: one property per parameter, plus the body. */
  readonly inputSchema: { type: 'object'; properties: Record<string, object>; required?: string[] };
}

export interface OpenApiApi {
  /** The API's base URL: the first server, with its variables at their defaults. */
  readonly baseUrl: string | undefined;
  readonly operations: readonly OpenApiOperation[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Json;
}

/**
 * Parses and dereferences an OpenAPI 3 document with swagger-parser and lists its operations as
 * tools. Cookie parameters are left out (the gateway does not send cookies).
 */
export async function loadOpenApi(file: string): Promise<OpenApiApi> {
  // Circular schemas come back as object cycles; toJsonSchema cuts them where they loop.
  const doc = (await SwaggerParser.dereference(file)) as unknown as Json;
  const operations: OpenApiOperation[] = [];
  const taken = new Set<string>();
  for (const [path, rawItem] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    const item = rawItem ?? {};
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const name = uniqueName(toolNameOf(op, method, path), taken);
      operations.push(operationOf(name, method, path, op, (item.parameters ?? []) as Parameter[]));
    }
  }
  return { baseUrl: baseUrlOf(doc), operations };
}

function operationOf(toolName: string, method: string, path: string, op: Json, shared: Parameter[]): OpenApiOperation {
  // Operation parameters override path-level ones with the same name and location.
  const byKey = new Map<string, Parameter>();
  for (const p of [...shared, ...((op.parameters ?? []) as Parameter[])]) byKey.set(`${p.in}:${p.name}`, p);
  const properties: Record<string, object> = {};
  const required: string[] = [];
  const parameters: Array<{ argument: string; name: string; in: ParameterLocation }> = [];
  for (const p of byKey.values()) {
    if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header') continue;
    const argument = properties[p.name] ? `${p.in}_${p.name}` : p.name;
    properties[argument] = withDescription(toJsonSchema(p.schema ?? { type: 'string' }), p.description);
    if (p.required || p.in === 'path') required.push(argument);
    parameters.push({ argument, name: p.name, in: p.in });
  }
  let body: OpenApiOperation['body'];
  const requestBody = op.requestBody as { required?: boolean; description?: string; content?: Record<string, { schema?: Json }> } | undefined;
  if (requestBody?.content) {
    const types = Object.keys(requestBody.content);
    const contentType = types.find(isJson) ?? types[0];
    if (contentType) {
      const argument = properties.body ? 'requestBody' : 'body';
      const schema = requestBody.content[contentType].schema ?? {};
      properties[argument] = withDescription(isJson(contentType) ? toJsonSchema(schema) : { type: 'string' }, requestBody.description);
      if (requestBody.required) required.push(argument);
      body = { argument, contentType };
    }
  }
  const description = [op.summary, op.description].filter((t): t is string => typeof t === 'string' && t.length > 0).join('\n\n');
  return {
    toolName,
    description: description || `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    path,
    parameters,
    ...(body ? { body } : {}),
    inputSchema: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) },
  };
}

export function isJson(contentType: string): boolean {
  return /^application\/([\w.+-]+\+)?json\b/.test(contentType);
}

function toolNameOf(op: Json, method: string, path: string): string {
  if (typeof op.operationId === 'string' && op.operationId.length > 0) return op.operationId.replace(/[^A-Za-z0-9_-]+/g, '_');
  // `/things/{id}` → `put_things_id`
  return `${method}_${path}`.replace(/[^A-Za-z0-9-]+/g, '_').replace(/^_+|_+$/g, '');
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}_${i}`;
  taken.add(candidate);
  return candidate;
}

function baseUrlOf(doc: Json): string | undefined {
  const server = ((doc.servers ?? []) as Array<{ url?: string; variables?: Record<string, { default?: string }> }>)[0];
  if (!server?.url) return undefined;
  return server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => server.variables?.[name]?.default ?? whole);
}

function withDescription(schema: Json, description: string | undefined): Json {
  return description && schema.description === undefined ? { ...schema, description } : schema;
}

/** Keywords of OpenAPI 3.0 schemas that JSON Schema does not have. */
const OPENAPI_ONLY = new Set(['nullable', 'discriminator', 'xml', 'externalDocs', 'example']);

/**
 * An OpenAPI schema object as plain JSON Schema: `nullable` becomes a `null` type, OpenAPI-only
 * keywords go, and where a schema contains itself (a tree of nodes) the inner one accepts anything.
 */
export function toJsonSchema(schema: unknown, seen = new Set<unknown>()): Json {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return {};
  if (seen.has(schema)) return {};
  seen.add(schema);
  const s = schema as Json;
  if (typeof s.$ref === 'string') return {};
  const out: Json = {};
  for (const [key, value] of Object.entries(s)) {
    if (OPENAPI_ONLY.has(key)) continue;
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, toJsonSchema(v, seen)]));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = typeof value === 'object' ? toJsonSchema(value, seen) : value;
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf' || key === 'prefixItems') {
      out[key] = (value as unknown[]).map((v) => toJsonSchema(v, seen));
    } else {
      out[key] = value;
    }
  }
  if (s.nullable === true && typeof s.type === 'string') out.type = [s.type, 'null'];
  seen.delete(schema);
  return out;
}
