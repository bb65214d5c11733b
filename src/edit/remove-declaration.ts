import { type CallExpression, Node, type PropertyAccessExpression, type Statement, SyntaxKind } from 'ts-morph';
import { EditError } from './edit-error';
import { type Declaration, KIND_LABEL, type ResourceKind, stringProperty } from './declarations';
import { LIBRARY, ProjenrcSource } from './projenrc-source';
import { removeRanges, statementLines } from './text-edits';
import { UnsafeEditError } from './unsafe-edit';

/** The new text of `.projenrc.ts` and what went away with the resource. */
export interface RemovedDeclaration {
  readonly text: string;
  /** Targets removed along with their gateway. */
  readonly targets: readonly string[];
}

const HOW_TO_DECLARE: Record<ResourceKind, string> = {
  gateway: 'project.addGateway({ name: ... })',
  target: 'gateway.addTarget({ name: ... })',
  credential: 'project.addCredential({ name: ... })',
  agent: 'project.addAgent({ name: ... })',
};

function quoted(name: string) {
  return JSON.stringify(name);
}

/** The plain declarations of `name`; explains when there is none or the file is too dynamic to tell. */
function findNamed(source: ProjenrcSource, kind: ResourceKind, name: string, gateway?: string): Declaration[] {
  const label = KIND_LABEL[kind];
  const all = source.declarations().filter((d) => d.kind === kind);
  const matches = all.filter((d) => d.name === name && (gateway === undefined || d.gateway === gateway));
  const nested = matches.find((d) => !d.statement);
  if (nested) {
    throw new UnsafeEditError(
      `The ${label} ${quoted(name)} is declared inside a function, loop or condition (line ${source.lineOf(nested.call)}), so removing the call could change more than this ${label}.`,
      `delete or change the code at line ${source.lineOf(nested.call)} so that it no longer declares ${quoted(name)}, then run \`npx projen\`.`,
    );
  }
  if (matches.length > 0) return matches;
  const unclear = all.filter((d) => d.name === undefined || (kind === 'target' && gateway !== undefined && d.gateway === undefined));
  if (unclear.length > 0) {
    const lines = unclear.map((d) => source.lineOf(d.call)).join(', ');
    throw new UnsafeEditError(
      `No plain ${HOW_TO_DECLARE[kind]} call names ${quoted(name)}; .projenrc.ts also declares ${label}s whose names are computed (line ${lines}), and the tool cannot tell whether one of them is ${quoted(name)}.`,
      `remove ${quoted(name)} from the code at line ${lines}, then run \`npx projen\`.`,
    );
  }
  const names = [...new Set(all.map((d) => (kind === 'target' && d.gateway ? `${d.name} (gateway ${d.gateway})` : d.name)))];
  throw new EditError(
    `There is no ${label} named ${quoted(name)}${gateway ? ` on gateway ${quoted(gateway)}` : ''} in .projenrc.ts; ` +
      (names.length ? `the ${label}s are: ${names.join(', ')}` : `it declares no ${label}s`),
  );
}

/** The calls of a statement's chain, outermost first, and what the chain starts from. */
function chainOf(statement: Statement): { calls: CallExpression[]; root: Node } | undefined {
  let e: Node | undefined;
  if (Node.isExpressionStatement(statement)) e = statement.getExpression();
  else if (Node.isVariableStatement(statement) && statement.getDeclarations().length === 1) e = statement.getDeclarations()[0].getInitializer();
  if (!e) return undefined;
  const calls: CallExpression[] = [];
  while (Node.isCallExpression(e) && Node.isPropertyAccessExpression(e.getExpression())) {
    calls.push(e);
    e = (e.getExpression() as PropertyAccessExpression).getExpression();
  }
  return { calls, root: e };
}

/** `x.name` or `{ name: 1 }`: the identifier names a property, not a variable. */
function isPropertyName(i: Node): boolean {
  const p = i.getParent();
  return !!p && (Node.isPropertyAccessExpression(p) || Node.isPropertyAssignment(p)) && p.getNameNode() === i;
}

function variableOf(statement: Statement): string | undefined {
  return Node.isVariableStatement(statement) ? statement.getDeclarations()[0]?.getName() : undefined;
}

/**
 * Removes the given declarations: whole statements when nothing else is in them, or the
 * `.addTarget(...)` link of a chain. Statements that only configure a removed variable
 * (`myAgent.addDependency(...)`) go too; any other use of such a variable is explained instead.
 */
function removeDeclarations(source: ProjenrcSource, doomed: readonly Declaration[], what: string): string {
  const calls = new Set(doomed.map((d) => d.call));
  const wholes = new Set<Statement>();
  const cuts: { start: number; end: number }[] = [];
  const all = source.declarations();
  for (const d of doomed) {
    const statement = d.statement!;
    const chain = chainOf(statement);
    if (!chain) {
      throw new UnsafeEditError(
        `The ${what} is declared inside a larger statement (line ${source.lineOf(statement)}) that the tool cannot split safely.`,
        `delete its call at line ${source.lineOf(d.call)}, then run \`npx projen\`.`,
      );
    }
    const innermost = chain.calls.at(-1);
    const createdHere = Node.isIdentifier(chain.root) && chain.root.getText() === source.projectVar;
    const declared = chain.calls.filter((c) => all.some((x) => x.call === c));
    if ((createdHere && innermost && calls.has(innermost)) || declared.every((c) => calls.has(c))) {
      // The statement builds the removed resource, or holds nothing but removed declarations.
      wholes.add(statement);
    } else {
      // One link of a chain such as `gateway.addTarget(a).addTarget(b)`.
      const callee = d.call.getExpression() as PropertyAccessExpression;
      cuts.push({ start: callee.getExpression().getEnd(), end: d.call.getEnd() });
    }
  }
  // Statements that only configure a removed variable go with it; other uses stop the edit.
  const variables = [...wholes].map(variableOf).filter((v): v is string => v !== undefined);
  for (const v of variables) {
    for (const s of source.file.getStatements()) {
      if (wholes.has(s)) continue;
      const chain = Node.isExpressionStatement(s) ? chainOf(s) : undefined;
      if (chain && Node.isIdentifier(chain.root) && chain.root.getText() === v && chain.calls.length > 0) wholes.add(s);
    }
    const inside = (n: Node) => [...wholes].some((s) => n.getStart() >= s.getStart() && n.getEnd() <= s.getEnd());
    const uses = source.file.getDescendantsOfKind(SyntaxKind.Identifier).filter((i) => i.getText() === v && !inside(i) && !isPropertyName(i));
    if (uses.length > 0) {
      const lines = [...new Set(uses.map((u) => source.lineOf(u)))].join(', ');
      throw new UnsafeEditError(
        `The ${what} is held in the variable \`${v}\`, which is still used at line ${lines}.`,
        `remove or change the code that uses \`${v}\` (line ${lines}), then run this command again.`,
      );
    }
  }
  return dropUnusedImport(removeRanges(source.text, [...wholes].map(statementLines), cuts), source.text, 'fromEnv');
}

/** Removes the library import of `name` when the removal took away its last use. */
function dropUnusedImport(text: string, before: string, name: string): string {
  const uses = (t: string) => new ProjenrcSource(t).file.getDescendantsOfKind(SyntaxKind.Identifier).filter((i) => i.getText() === name).length;
  if (uses(before) < 2 || uses(text) !== 1) return text;
  const after = new ProjenrcSource(text);
  const spec = after.file
    .getImportDeclarations()
    .filter((d) => d.getModuleSpecifierValue() === LIBRARY)
    .flatMap((d) => d.getNamedImports())
    .find((n) => n.getName() === name && !n.getAliasNode());
  if (!spec) return text;
  const declaration = spec.getImportDeclaration();
  if (declaration.getNamedImports().length === 1 && !declaration.getDefaultImport() && !declaration.getNamespaceImport()) {
    return removeRanges(text, [statementLines(declaration)]);
  }
  spec.remove();
  return after.file.getFullText();
}

/** Removes an agent's declaration (its own code in app/<name>/ stays on disk). */
export function removeAgentCall(source: ProjenrcSource, name: string): RemovedDeclaration {
  const doomed = findNamed(source, 'agent', name);
  return { text: removeDeclarations(source, doomed, `agent ${quoted(name)}`), targets: [] };
}

/** Removes a gateway and every target declared on it. */
export function removeGatewayCall(source: ProjenrcSource, name: string): RemovedDeclaration {
  const gateways = findNamed(source, 'gateway', name);
  const targets = source.declarations().filter((d) => d.kind === 'target' && d.gateway === name);
  const nested = targets.find((t) => !t.statement);
  if (nested) {
    throw new UnsafeEditError(
      `A target of gateway ${quoted(name)} is added inside a function, loop or condition (line ${source.lineOf(nested.call)}).`,
      `delete that code and the gateway's declaration, then run \`npx projen\`.`,
    );
  }
  const text = removeDeclarations(source, [...gateways, ...targets], `gateway ${quoted(name)}`);
  return { text, targets: targets.map((t) => t.name ?? '(computed name)') };
}

/** Removes one target; `gateway` is needed when several gateways have a target of that name. */
export function removeTargetCall(source: ProjenrcSource, name: string, gateway?: string): RemovedDeclaration {
  const doomed = findNamed(source, 'target', name, gateway);
  const gateways = [...new Set(doomed.map((d) => d.gateway))];
  if (gateway === undefined && gateways.length > 1) {
    throw new EditError(`Gateways ${gateways.map((g) => quoted(g ?? '?')).join(' and ')} both have a target named ${quoted(name)}; say which with --gateway`);
  }
  return { text: removeDeclarations(source, doomed, `target ${quoted(name)}`), targets: [] };
}

/** Removes a credential, unless a target still uses it. */
export function removeCredentialCall(source: ProjenrcSource, name: string): RemovedDeclaration {
  const doomed = findNamed(source, 'credential', name);
  const users = source.declarations().filter((d) => d.kind === 'target' && stringProperty(d.options, 'credentialName') === name);
  if (users.length > 0) {
    const list = users.map((u) => `target ${quoted(u.name ?? '?')} of gateway ${quoted(u.gateway ?? '?')} (line ${source.lineOf(u.call)})`);
    const first = users[0];
    throw new EditError(
      `Credential ${quoted(name)} is still used by ${list.join(', ')}. Remove ${users.length > 1 ? 'those targets' : 'that target'} first ` +
        `(\`remove gateway-target --name ${first.name ?? '?'} --gateway ${first.gateway ?? '?'}\`) or change ${users.length > 1 ? 'their' : 'its'} credentialName.`,
    );
  }
  return { text: removeDeclarations(source, doomed, `credential ${quoted(name)}`), targets: [] };
}
