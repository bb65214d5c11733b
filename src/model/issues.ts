import type { z } from 'zod';
import { UserError } from '../user-error';

/** One problem found in a project model: where it is, and what is wrong and how to fix it. */
export interface ModelIssue {
  /** Resource and field, e.g. `gateway "my-gw" › target "t1" › endpoint`. */
  readonly where: string;
  /** What is wrong (quoting the bad value) and what to change. */
  readonly message: string;
}

/** Thrown when a model has problems; lists all of them at once. */
export class ModelError extends UserError {
  /** `issues`: every problem found, in model order. */
  constructor(readonly issues: readonly ModelIssue[]) {
    const n = issues.length;
    super(`The AgentCore project model has ${n} problem${n === 1 ? '' : 's'}:\n` + issues.map((i) => `  - ${i.where}: ${i.message}`).join('\n'));
    this.name = 'ModelError';
  }
}

/** Shows a user value in a message: JSON, long values cut. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Joins a resource label and a zod path into a readable location. */
export function where(resource: string, path: readonly PropertyKey[]): string {
  const field = path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return field ? `${resource} › ${field}` : resource;
}

/** Turns zod issues into model issues whose messages quote the bad value and say how to fix it. */
export function fromZod(resource: string, error: z.ZodError): ModelIssue[] {
  return error.issues.map((iss) => ({ where: where(resource, iss.path), message: explain(iss) }));
}

function explain(iss: z.core.$ZodIssue): string {
  const input = (iss as { input?: unknown }).input;
  switch (iss.code) {
    case 'invalid_type':
      return input === undefined ? `is required (expected ${iss.expected}); add it` : `expected ${iss.expected}, got ${show(input)}; change the value`;
    case 'unrecognized_keys':
      return `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}; remove ${iss.keys.length > 1 ? 'them' : 'it'} or fix the spelling`;
    case 'invalid_value':
      return `${show(input)} is not allowed; use one of ${iss.values.map((v) => show(v)).join(', ')}`;
    case 'invalid_key':
      return `key ${show(iss.path[iss.path.length - 1])}: ${iss.issues[0]?.message ?? 'is not allowed'}`;
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
      return `${show(input)}: ${iss.message}`;
    default:
      return iss.message;
  }
}
