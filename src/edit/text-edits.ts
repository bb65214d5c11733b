import type { Node } from 'ts-morph';

/** Replace `text.slice(start, end)` with `text`. Edits are computed on one version of the file. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies non-overlapping edits, from the end of the file backwards so offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Offset of the newline that ends the line holding `pos` (after a trailing `// comment`), or the file end. */
function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  const end = nl === -1 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/**
 * Where a statement begins once the comments written directly above it (no blank line between) are
 * counted as its own: they move or go with it.
 */
export function statementStart(node: Node): number {
  const text = node.getSourceFile().getFullText();
  let start = lineStart(text, node.getStart());
  for (const c of [...node.getLeadingCommentRanges()].reverse()) {
    const between = text.slice(c.getEnd(), start);
    if ((between.match(/\n/g)?.length ?? 0) > 1 || !isBlank(between)) break;
    if (!isBlank(text.slice(lineStart(text, c.getPos()), c.getPos()))) break;
    start = lineStart(text, c.getPos());
  }
  return start;
}

/** Where a statement ends: the end of its last line, trailing comment included (before the newline). */
export function statementEnd(node: Node): number {
  const text = node.getSourceFile().getFullText();
  const end = node.getEnd();
  const rest = text.slice(end, lineEnd(text, end));
  return /^\s*(\/\/.*|\/\*.*?\*\/\s*)?$/.test(rest) ? lineEnd(text, end) : end;
}

/** Inserts `code` (lines without a final newline) on new lines after a statement. */
export function insertAfter(node: Node, code: string, options: { blankBefore: boolean; newline: string }): TextEdit {
  const pos = statementEnd(node);
  const nl = options.newline;
  return { start: pos, end: pos, text: `${nl}${options.blankBefore ? nl : ''}${code}` };
}

/** Inserts `code` on its own lines before a statement (and the comments above it), as a new group. */
export function insertBefore(node: Node, code: string, options: { blankAfter: boolean; newline: string }): TextEdit {
  const text = node.getSourceFile().getFullText();
  const pos = statementStart(node);
  const nl = options.newline;
  const previousLine = text.slice(lineStart(text, Math.max(0, pos - 1)), Math.max(0, pos - 1));
  const blankBefore = pos > 0 && !isBlank(previousLine);
  return { start: pos, end: pos, text: `${blankBefore ? nl : ''}${code}${nl}${options.blankAfter ? nl : ''}` };
}

/** Inserts `code` at the end of the file, after a blank line. */
export function insertAtEnd(text: string, code: string, newline: string): TextEdit {
  const trimmed = text.replace(/\s*$/, '');
  return { start: trimmed.length, end: text.length, text: `${trimmed.length ? newline + newline : ''}${code}${newline}` };
}

/** The lines a statement occupies, with the comments directly above it and its final newline. */
export function statementLines(node: Node): { start: number; end: number } {
  const text = node.getSourceFile().getFullText();
  const nl = text.indexOf('\n', statementEnd(node));
  return { start: statementStart(node), end: nl === -1 ? text.length : nl + 1 };
}

/**
 * Removes whole statements (`lines`) and cuts pieces out of others (`cuts`), then drops the blank
 * line that would otherwise be doubled where a group of statements went away.
 */
export function removeRanges(text: string, lines: readonly { start: number; end: number }[], cuts: readonly { start: number; end: number }[] = []): string {
  const all = [...lines.map((r) => ({ ...r, whole: true })), ...cuts.map((r) => ({ ...r, whole: false }))];
  let out = text;
  for (const r of all.sort((a, b) => b.start - a.start)) {
    out = r.whole ? removeLines(out, r.start, r.end) : out.slice(0, r.start) + out.slice(r.end);
  }
  return out;
}

/** Removes `[start, end)` (whole lines) and keeps at most one blank line where they were. */
export function removeLines(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  let after = text.slice(end);
  const blankAbove = before === '' || /\r?\n[ \t]*\r?\n$/.test(before);
  if (blankAbove) after = after.replace(/^([ \t]*\r?\n)+/, '');
  if (after === '' && before !== '') return before.replace(/(\r?\n)([ \t]*\r?\n)+$/, '$1');
  return before + after;
}
