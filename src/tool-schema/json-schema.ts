/*
 * The JSON Schema a tool's arguments are described with: the subset both the gateway's inline tool
 * schema (type, properties, required, items, description) and agents understand, plus `enum` and
 * `additionalProperties: false`, which the local gateway enforces. Both readers (TypeScript and
 * Python) produce exactly this shape, with keys in the order `schema()` writes them.
 */

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

export interface JsonSchema {
  readonly type: JsonType;
  readonly description?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: false;
}

/** An object of these fields, in order; `required` only when some are. Extra fields are refused. */
export function objectSchema(properties: Record<string, JsonSchema>, required: readonly string[]): JsonSchema {
  return { type: 'object', properties, ...(required.length > 0 ? { required: [...required] } : {}), additionalProperties: false };
}

/** `schema` with a description, placed after `type` so files read the same whichever reader wrote them. */
export function describedSchema(schema: JsonSchema, description: string | undefined): JsonSchema {
  if (!description) return schema;
  const { type, description: _, ...rest } = schema;
  return { type, description, ...rest };
}
