import { Node } from 'ts-morph';
import { stringLiteral } from './literal';
import { LIBRARY, type ProjenrcSource } from './projenrc-source';
import type { TextEdit } from './text-edits';

/**
 * How `.projenrc.ts` can call a function the library exports (e.g. `fromEnv`), and the edit that
 * imports it when the file does not yet: added to an existing `import { ... } from 'agentcore-projen'`,
 * through a namespace import if there is one, or as a new import after the last one.
 */
export function libraryFunction(source: ProjenrcSource, name: string): { callee: string; edit?: TextEdit } {
  const imports = source.file.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === LIBRARY);
  for (const d of imports) {
    const named = d.getNamedImports().find((n) => n.getName() === name);
    if (named) return { callee: named.getAliasNode()?.getText() ?? name };
  }
  for (const d of imports) {
    const ns = d.getNamespaceImport();
    if (ns) return { callee: `${ns.getText()}.${name}` };
  }
  const withNamed = imports.find((d) => d.getNamedImports().length > 0 && !d.isTypeOnly());
  if (withNamed) {
    const last = withNamed.getNamedImports().at(-1)!;
    return { callee: name, edit: { start: last.getEnd(), end: last.getEnd(), text: `, ${name}` } };
  }
  const { quote, newline, semicolons } = source.style;
  const line = `import { ${name} } from ${stringLiteral(LIBRARY, quote)}${semicolons ? ';' : ''}`;
  const lastImport = source.file
    .getStatements()
    .filter((s) => Node.isImportDeclaration(s))
    .at(-1);
  if (lastImport) return { callee: name, edit: { start: lastImport.getEnd(), end: lastImport.getEnd(), text: `${newline}${line}` } };
  return { callee: name, edit: { start: 0, end: 0, text: `${line}${newline}${newline}` } };
}
