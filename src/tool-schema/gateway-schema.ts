import type { ToolDefinition } from '../model/managed-server';
import type { JsonSchema, JsonType } from './json-schema';

/**
 * A schema as a Lambda gateway target carries it (`toolSchema.inlinePayload[].inputSchema`): the
 * service's SchemaDefinition has type, properties, required, items and description only, and the
 * SDK drops any other field on the way.
 */
export interface GatewaySchemaDefinition {
  readonly type: JsonType;
  readonly properties?: Readonly<Record<string, GatewaySchemaDefinition>>;
  readonly required?: readonly string[];
  readonly items?: GatewaySchemaDefinition;
  readonly description?: string;
}

/** A tool as a Lambda gateway target declares it. */
export interface GatewayToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: GatewaySchemaDefinition;
}

/**
 * `schema` in the gateway's terms. What it cannot carry is not lost to agents: an `enum` is told in
 * the description (`One of: "train", "car".`). `additionalProperties: false` has no equivalent; the
 * local gateway enforces it, AWS's does not.
 */
export function toGatewaySchema(schema: JsonSchema): GatewaySchemaDefinition {
  const choices = schema.enum ? `One of: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}.` : undefined;
  const description = [schema.description, choices].filter(Boolean).join(' ');
  return {
    type: schema.type,
    ...(schema.properties ? { properties: Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, toGatewaySchema(v)])) } : {}),
    ...(schema.required ? { required: [...schema.required] } : {}),
    ...(schema.items ? { items: toGatewaySchema(schema.items) } : {}),
    ...(description ? { description } : {}),
  };
}

/** The tools of a managed server as its Lambda gateway target's inline tool schema. */
export function toGatewayTools(tools: readonly ToolDefinition[]): GatewayToolDefinition[] {
  return tools.map((t) => ({ name: t.name, description: t.description, inputSchema: toGatewaySchema(t.inputSchema as unknown as JsonSchema) }));
}
