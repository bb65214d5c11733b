import { type SourceFile, SyntaxKind } from 'ts-morph';

/** Words that cannot name a variable. */
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof let new null return super switch this throw true try typeof var void while with yield await implements interface package private protected public static'.split(
    ' ',
  ),
);

/**
 * A variable name for a gateway, the way a person would write it: `my-gateway` → `myGateway`,
 * `weather` → `weatherGateway`; made unique against every identifier already in the file.
 */
export function gatewayVariableName(gatewayName: string, file: SourceFile): string {
  const words = gatewayName.split(/[-_\s]+/).filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (!/gateway$/i.test(base)) base += 'Gateway';
  if (/^[0-9]/.test(base)) base = `gateway${base.charAt(0).toUpperCase()}${base.slice(1)}`;
  if (RESERVED.has(base)) base = `${base}Gateway`;
  const taken = new Set(file.getDescendantsOfKind(SyntaxKind.Identifier).map((i) => i.getText()));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  return name;
}
