import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { TargetConfig } from '../../model/config';

type AwsOnlyTarget = Extract<TargetConfig, { type: 'api-gateway' | 'smithy-model' | 'lambda-function-arn' }>;
type Json = Record<string, unknown>;

/**
 * The tools an AWS-only target would expose, as far as the project's files tell: a Lambda
 * target's tool schema file, a Smithy model's operations, an API Gateway target's tool overrides
 * (its other routes come from the deployed REST API, which the local gateway cannot read).
 * Schemas kept in S3 list nothing.
 */
export function awsOnlyTools(target: AwsOnlyTarget, root: string): Tool[] {
  switch (target.type) {
    case 'lambda-function-arn': {
      const doc = readJson(target.toolSchema.path, root);
      return Array.isArray(doc)
        ? doc
            .filter((t): t is Json => !!t && typeof t.name === 'string')
            .map((t) => ({
              name: t.name as string,
              description: typeof t.description === 'string' ? t.description : undefined,
              inputSchema: isObject(t.inputSchema) ? (t.inputSchema as Tool['inputSchema']) : { type: 'object' },
            }))
        : [];
    }
    case 'smithy-model':
      return smithyTools(readJson(target.schema.path, root));
    case 'api-gateway':
      return target.toolOverrides.map((o) => ({
        name: o.name,
        description: o.description ?? `${o.method} ${o.path}`,
        inputSchema: { type: 'object' },
      }));
  }
}

function readJson(file: string | undefined, root: string): unknown {
  if (!file) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.resolve(root, file), 'utf8'));
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Operations of a Smithy JSON AST model; their input structures become JSON Schemas. */
function smithyTools(model: unknown): Tool[] {
  if (!isObject(model) || !isObject(model.shapes)) return [];
  const shapes = model.shapes as Record<string, Json>;
  const tools: Tool[] = [];
  for (const [id, shape] of Object.entries(shapes)) {
    if (shape?.type !== 'operation') continue;
    const input = (shape.input as { target?: string } | undefined)?.target;
    const schema = input ? smithySchema(input, shapes, 0) : { type: 'object' };
    tools.push({
      name: id.split('#').pop()!,
      description: documentation(shape),
      inputSchema: (schema.type === 'object' ? schema : { type: 'object' }) as Tool['inputSchema'],
    });
  }
  return tools;
}

const SMITHY_PRELUDE: Record<string, Json> = {
  String: { type: 'string' },
  Boolean: { type: 'boolean' },
  PrimitiveBoolean: { type: 'boolean' },
  Byte: { type: 'integer' },
  Short: { type: 'integer' },
  Integer: { type: 'integer' },
  Long: { type: 'integer' },
  PrimitiveInteger: { type: 'integer' },
  PrimitiveLong: { type: 'integer' },
  BigInteger: { type: 'integer' },
  Float: { type: 'number' },
  Double: { type: 'number' },
  BigDecimal: { type: 'number' },
  Timestamp: { type: 'string' },
  Blob: { type: 'string' },
  Document: {},
};

function smithySchema(id: string, shapes: Record<string, Json>, depth: number): Json {
  if (id.startsWith('smithy.api#')) return SMITHY_PRELUDE[id.slice('smithy.api#'.length)] ?? {};
  const shape = shapes[id];
  if (!shape || depth > 8) return {};
  const withDoc = (s: Json) => (documentation(shape) ? { ...s, description: documentation(shape) } : s);
  const member = (m: unknown) => smithySchema((m as { target?: string })?.target ?? '', shapes, depth + 1);
  switch (shape.type) {
    case 'structure': {
      const members = (shape.members ?? {}) as Record<string, Json>;
      const required = Object.entries(members)
        .filter(([, m]) => isObject(m.traits) && 'smithy.api#required' in m.traits)
        .map(([k]) => k);
      return withDoc({
        type: 'object',
        properties: Object.fromEntries(Object.entries(members).map(([k, m]) => [k, member(m)])),
        ...(required.length ? { required } : {}),
      });
    }
    case 'list':
    case 'set':
      return withDoc({ type: 'array', items: member(shape.member) });
    case 'map':
      return withDoc({ type: 'object', additionalProperties: member(shape.value) });
    case 'enum':
      return withDoc({ type: 'string', enum: Object.keys((shape.members ?? {}) as Json) });
    case 'intEnum':
      return withDoc({ type: 'integer' });
    default:
      return withDoc(SMITHY_PRELUDE[String(shape.type).replace(/^./, (c) => c.toUpperCase())] ?? {});
  }
}

function documentation(shape: Json): string | undefined {
  const doc = isObject(shape.traits) ? shape.traits['smithy.api#documentation'] : undefined;
  return typeof doc === 'string' ? doc : undefined;
}
