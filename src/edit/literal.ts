import type { CodeStyle } from './code-style';

/** A call that reads a secret at deploy or dev time, written as `fromEnv('NAME')`. */
export interface EnvRef {
  readonly fromEnv: string;
}

/** A value the CLI writes into an options object. */
export type LiteralValue = string | number | boolean | EnvRef | readonly LiteralValue[] | { readonly [key: string]: LiteralValue };

/** Options of one call, in the order they are written; undefined entries are left out. */
export type LiteralObject = Readonly<Record<string, LiteralValue | undefined>>;

export interface LiteralContext {
  readonly style: CodeStyle;
  /** How `fromEnv` is called in this file, e.g. `fromEnv` or `acp.fromEnv`. */
  readonly fromEnvCallee: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal in the file's quote style. */
export function stringLiteral(value: string, quote: CodeStyle['quote']): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').split(quote).join(`\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

function isEnvRef(value: unknown): value is EnvRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).join() === 'fromEnv';
}

/** The value on one line: `'a'`, `['a', 'b']`, `fromEnv('X')`, `{ a: 1 }`. */
function inline(value: LiteralValue, ctx: LiteralContext): string {
  if (typeof value === 'string') return stringLiteral(value, ctx.style.quote);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isEnvRef(value)) return `${ctx.fromEnvCallee}(${stringLiteral(value.fromEnv, ctx.style.quote)})`;
  if (Array.isArray(value)) return `[${value.map((v) => inline(v, ctx)).join(', ')}]`;
  const entries = entriesOf(value as LiteralObject);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${key(k, ctx)}: ${inline(v, ctx)}`).join(', ')} }`;
}

function entriesOf(obj: LiteralObject): [string, LiteralValue][] {
  return Object.entries(obj).filter((e): e is [string, LiteralValue] => e[1] !== undefined);
}

function key(k: string, ctx: LiteralContext): string {
  return IDENTIFIER.test(k) ? k : stringLiteral(k, ctx.style.quote);
}

/**
 * An options object as a person would write it: on one line when the whole line fits the print
 * width, else one property per line with a trailing comma. `lineStart` is the text before the object
 * on its line (e.g. `project.addAgent(`), `lineEnd` what follows it (e.g. `);`).
 */
export function objectLiteral(obj: LiteralObject, ctx: LiteralContext, lineStart: string, lineEnd: string, baseIndent = ''): string {
  const one = inline(obj as LiteralValue, ctx);
  if (baseIndent.length + lineStart.length + one.length + lineEnd.length <= ctx.style.printWidth && !one.includes('\n')) {
    return one;
  }
  const inner = baseIndent + ctx.style.indent;
  const lines = entriesOf(obj).map(([k, v]) => {
    const head = `${key(k, ctx)}: `;
    const single = inline(v, ctx);
    const value =
      typeof v === 'object' && !isEnvRef(v) && !Array.isArray(v) && inner.length + head.length + single.length + 1 > ctx.style.printWidth
        ? objectLiteral(v as LiteralObject, ctx, head, ',', inner)
        : single;
    return `${inner}${head}${value},`;
  });
  const nl = ctx.style.newline;
  return `{${nl}${lines.join(nl)}${nl}${baseIndent}}`;
}
