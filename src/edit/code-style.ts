/** How the user's `.projenrc.ts` is written, so inserted code looks like the rest of the file. */
export interface CodeStyle {
  readonly quote: "'" | '"';
  /** One level of indentation, e.g. two spaces. */
  readonly indent: string;
  readonly newline: '\n' | '\r\n';
  /** Statements end with `;`. */
  readonly semicolons: boolean;
  /** Longest line before an object literal is broken over several lines. */
  readonly printWidth: number;
}

/**
 * Reads the style of a file from its text: the more frequent quote (single on a tie, the TypeScript
 * habit), the first indentation found, the line ending, and whether statements end with `;`.
 */
export function detectStyle(text: string): CodeStyle {
  const singles = text.match(/'(?:[^'\\\n]|\\.)*'/g)?.length ?? 0;
  const doubles = text.match(/"(?:[^"\\\n]|\\.)*"/g)?.length ?? 0;
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  const lines = text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l && !/^\s*(\/\/|\/\*|\*)/.test(l));
  const withSemicolon = lines.filter((l) => l.endsWith(';')).length;
  return {
    quote: doubles > singles ? '"' : "'",
    indent: indent && indent.length <= 8 ? indent : '  ',
    newline: text.includes('\r\n') ? '\r\n' : '\n',
    semicolons: lines.length === 0 || withSemicolon > 0,
    printWidth: 100,
  };
}
