import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { ToolDefinition } from '../model/managed-server';

/** The outcome of checking a call's arguments against its tool's input schema. */
export type ArgumentCheck = { readonly valid: true } | { readonly valid: false; readonly message: string };

let ajv: Ajv2020 | undefined;
/** Compiled once per schema object: a gateway checks every call of a tool against the same one. */
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Checks a tool call's arguments against the tool's `inputSchema` (JSON Schema 2020-12), as the
 * gateway does before the tool runs. The message names every wrong argument and what it must be.
 */
export function validateToolArguments(tool: ToolDefinition, args: unknown): ArgumentCheck {
  let validate = compiled.get(tool.inputSchema);
  if (!validate) {
    // strict: false, since a schema may carry annotations ajv does not know (e.g. `format`).
    ajv ??= new Ajv2020({ allErrors: true, verbose: true, strict: false });
    validate = ajv.compile(tool.inputSchema);
    compiled.set(tool.inputSchema, validate);
  }
  if (validate(args ?? {})) return { valid: true };
  const problems = [...new Set((validate.errors ?? []).map(describe))];
  return { valid: false, message: `invalid arguments for tool "${tool.name}": ${problems.join('; ')}` };
}

/** One schema violation in words: the argument (`stops[0].city`), what is wrong, and the bad value. */
function describe(error: ErrorObject): string {
  const at = argumentPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${join(at, String(params.missingProperty))} is required`;
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const what = join(at, String(params.additionalProperty));
      return `${what} is not an argument of this tool${allowed.length > 0 ? ` (${at ? `${at} takes` : 'it takes'} ${allowed.join(', ')})` : ''}`;
    }
    case 'enum':
      return `${at || 'the arguments'} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${shown(error.data)})`;
    case 'type':
      return `${at || 'the arguments'} must be ${article(String(params.type))} (got ${shown(error.data)})`;
    default:
      return `${at || 'the arguments'} ${error.message ?? 'is invalid'} (got ${shown(error.data)})`;
  }
}

/** `/stops/0/city` → `stops[0].city`. */
function argumentPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function join(at: string, name: string): string {
  return at ? `${at}.${name}` : name;
}

function article(type: string): string {
  if (type === 'object') return 'an object';
  if (type === 'array') return 'an array';
  if (type === 'integer') return 'an integer';
  return `a ${type}`;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
