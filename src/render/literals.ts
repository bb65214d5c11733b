/**
 * Literals for generated source. Every value from the model that lands in Python, TOML or
 * TypeScript goes through one of these, so quotes, backslashes, newlines or `{{` in a description
 * can neither break the file nor inject code.
 */

/** A double-quoted string literal valid in Python, TOML (basic string), JSON and TypeScript. */
export function quoted(value: string): string {
  // JSON escapes quotes, backslashes and control characters with escapes all four languages share;
  // U+2028/U+2029 are escaped too because some tools treat them as line breaks.
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A Python literal for a string, number, boolean, null, list or dict of those. */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a Python literal`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${quoted(k)}: ${pythonLiteral(v)}`);
    return `{${entries.join(', ')}}`;
  }
  throw new Error(`cannot write a ${typeof value} as a Python literal`);
}

/**
 * Text safe inside a Python triple-quoted docstring or a `#` comment: one line, backslashes doubled,
 * no `"""` and no trailing `"` that could close the docstring early, no control characters (a NUL
 * byte makes Python refuse the whole file).
 */
export function commentText(value: string): string {
  // A final quote is written escaped, after the rest is made safe, so it cannot join the closing `"""`.
  const trailingQuote = value.endsWith('"');
  const text = (trailingQuote ? value.slice(0, -1) : value)
    .replace(/\\/g, '\\\\')
    .replace(/"""/g, '\\"\\"\\"')
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
    .replace(/[\u0000-\u001f\u007f]/g, ' ');
  return trailingQuote ? `${text}\\"` : text;
}
