import * as fs from 'node:fs';
import * as path from 'node:path';
import { Node, Project, type Symbol as MorphSymbol, type Type } from 'ts-morph';

/*
 * Writes API.md, the reference of the package root, from the TSDoc of what `src/index.ts` exports.
 * Options are zod-inferred types, so their members are read from the checker (each member keeps the
 * TSDoc written on its schema field) rather than from declarations.
 */

const ROOT = path.resolve(__dirname, '..');
export const API_MD = path.join(ROOT, 'API.md');

export function renderApiReference(): string {
  const project = new Project({ tsConfigFilePath: path.join(ROOT, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const index = project.addSourceFileAtPath(path.join(ROOT, 'src/index.ts'));
  project.resolveSourceFileDependencies();
  const sections: string[] = [];
  for (const [name, declarations] of index.getExportedDeclarations()) {
    const decl = declarations[0];
    if (!decl) continue;
    if (Node.isClassDeclaration(decl)) sections.push(classSection(name, decl));
    else if (Node.isFunctionDeclaration(decl)) sections.push(functionSection(name, decl));
    else if (Node.isInterfaceDeclaration(decl) || Node.isTypeAliasDeclaration(decl)) sections.push(typeSection(name, decl));
  }
  return [
    '# API reference',
    '',
    '<!-- Written by `npx projen docgen` from the TSDoc in src/; edit the sources, not this file. -->',
    '',
    'Everything the package root (`agentcore-projen`) exports. Deploy has its own entry,',
    '`agentcore-projen/deploy` (see the README).',
    '',
    ...sections,
  ].join('\n');
}

function classSection(name: string, decl: import('ts-morph').ClassDeclaration): string {
  const lines = [`## ${name}`, '', docOf(decl), ''];
  // Only documented constructors are for users; the others are called by the project.
  const ctor = decl.getConstructors()[0];
  if (ctor && docOf(ctor)) lines.push('```ts', `new ${name}(${params(ctor)})`, '```', docOf(ctor), '');
  const members: string[] = [];
  for (const m of decl.getStaticMethods()) members.push(row(`static ${m.getName()}(${params(m)})`, typeText(m.getReturnType(), m), docOf(m)));
  for (const m of decl.getMethods()) {
    if (m.isStatic() || m.getScope() === 'private' || m.getScope() === 'protected' || ownHook(m.getName())) continue;
    members.push(row(`${m.getName()}(${params(m)})`, m.getReturnTypeNode()?.getText() ?? typeText(m.getReturnType(), m), docOf(m)));
  }
  for (const a of decl.getGetAccessors()) {
    if (a.getScope() === 'private' || a.getScope() === 'protected') continue;
    members.push(row(a.getName(), typeText(a.getReturnType(), a), docOf(a)));
  }
  if (members.length) lines.push('| member | returns | description |', '|---|---|---|', ...members, '');
  return lines.join('\n');
}

/** projen's lifecycle hooks are called by projen, not by users. */
const ownHook = (name: string) => ['preSynthesize', 'postSynthesize', 'synthesize'].includes(name);

function functionSection(name: string, decl: import('ts-morph').FunctionDeclaration): string {
  return [`## ${name}`, '', docOf(decl), '', '```ts', `${name}(${params(decl)}): ${typeText(decl.getReturnType(), decl)}`, '```', ''].join('\n');
}

function typeSection(name: string, decl: import('ts-morph').InterfaceDeclaration | import('ts-morph').TypeAliasDeclaration): string {
  const type = decl.getType();
  const lines = [`## ${name}`, ''];
  const doc = docOf(decl) || schemaDoc(decl);
  if (doc) lines.push(doc, '');
  if (type.isUnion() && type.getUnionTypes().every((t) => t.isStringLiteral() || t.isObject())) {
    const variants = type.getUnionTypes();
    if (variants.every((t) => t.isStringLiteral())) {
      lines.push(`One of ${variants.map((t) => `\`${t.getText()}\``).join(', ')}.`, '');
    } else {
      lines.push(`One of: ${variants.map((t) => variantName(t)).join(', ')}.`, '');
    }
    return lines.join('\n');
  }
  const props = type.getProperties();
  if (props.length === 0 || !type.isObject()) {
    lines.push('```ts', `type ${name} = ${typeText(type, decl)}`, '```', '');
    return lines.join('\n');
  }
  if (Node.isInterfaceDeclaration(decl) && decl.getExtends().length) {
    lines.push(
      `Extends ${decl
        .getExtends()
        .map((e) => `\`${e.getText()}\``)
        .join(', ')}; its own options:`,
      '',
    );
  }
  lines.push('| option | type | required | default | description |', '|---|---|---|---|---|');
  const own = Node.isInterfaceDeclaration(decl) ? new Set(decl.getProperties().map((p) => p.getName())) : undefined;
  for (const p of props) {
    if (own && !own.has(p.getName())) continue;
    const { text, defaultValue } = memberDoc(p);
    const declared = p.getDeclarations()[0];
    const typeNode = declared && Node.isPropertySignature(declared) ? declared.getTypeNode()?.getText() : undefined;
    const type = typeNode ?? brief(typeText(p.getTypeAtLocation(decl).getNonNullableType(), decl));
    lines.push(`| \`${p.getName()}\` | ${code(type)} | ${p.isOptional() ? 'no' : 'yes'} | ${defaultCell(defaultValue)} | ${cell(text)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** A variant of a union of option types, named after its `type` member when it has one. */
function variantName(t: Type): string {
  const discriminant = t.getProperty('type');
  const decl = discriminant?.getDeclarations()[0];
  return discriminant && decl ? `\`type: ${discriminant.getTypeAtLocation(decl).getText()}\`` : code(t.getText());
}

/** The TSDoc of a zod-inferred option type lives on its schema (`gatewayInput` for `GatewayOptions`). */
function schemaDoc(decl: import('ts-morph').InterfaceDeclaration | import('ts-morph').TypeAliasDeclaration): string {
  const typeNode = Node.isTypeAliasDeclaration(decl) ? decl.getTypeNode() : undefined;
  const query = typeNode?.getFirstDescendant((n) => Node.isTypeQuery(n));
  if (!query || !Node.isTypeQuery(query)) return '';
  const schema = query.getExprName().getSymbol()?.getAliasedSymbol() ?? query.getExprName().getSymbol();
  const schemaDecl = schema?.getDeclarations()[0];
  const statement = schemaDecl?.getFirstAncestor((n) => Node.isVariableStatement(n));
  return statement && Node.isVariableStatement(statement)
    ? statement
        .getJsDocs()
        .map((d) => d.getDescription().trim())
        .join('\n')
    : '';
}

function memberDoc(symbol: MorphSymbol): { text: string; defaultValue?: string } {
  const compiler = symbol.compilerSymbol;
  const decl = symbol.getDeclarations()[0];
  const checker = decl?.getProject().getTypeChecker().compilerObject;
  if (!checker) return { text: '' };
  const text = compiler
    .getDocumentationComment(checker)
    .map((p) => p.text)
    .join('');
  const tag = compiler.getJsDocTags(checker).find((t) => t.name === 'default');
  return { text, defaultValue: tag?.text?.map((p) => p.text).join('') };
}

function docOf(node: Node): string {
  return Node.isJSDocable(node)
    ? node
        .getJsDocs()
        .map((d) => d.getDescription().trim())
        .join('\n')
    : '';
}

function params(fn: import('ts-morph').FunctionDeclaration | import('ts-morph').MethodDeclaration | import('ts-morph').ConstructorDeclaration): string {
  return fn
    .getParameters()
    .map(
      (p) =>
        `${p.isRestParameter() ? '...' : ''}${p.getName()}${p.isOptional() && !p.isRestParameter() ? '?' : ''}: ${p.getTypeNode()?.getText() ?? typeText(p.getType(), p)}`,
    )
    .join(', ');
}

/** Type text without import paths, as a user reads it. */
function typeText(type: Type, at: Node): string {
  return type.getText(at).replace(/import\("[^"]*"\)\./g, '');
}

/** Long structural types say less than the section they point to. */
const brief = (text: string) => (text.length <= 120 ? text : text.endsWith('[]') ? 'object[]' : 'object');
/** `@default - words` describes a default in prose (projen's convention); anything else is a value. */
const defaultCell = (value: string | undefined) => (!value ? '' : value.startsWith('- ') ? cell(value.slice(2)) : code(value));
const code = (s: string) => `\`${s.replace(/\|/g, '\\|').replace(/\n\s*/g, ' ')}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n\s*/g, ' ');
const row = (member: string, returns: string, doc: string) => `| ${code(member)} | ${code(returns)} | ${cell(doc)} |`;

if (require.main === module) {
  fs.writeFileSync(API_MD, renderApiReference());
  console.log(`wrote ${path.relative(process.cwd(), API_MD)}`);
}
