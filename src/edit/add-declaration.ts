import { Node, type Statement } from 'ts-morph';
import type { Declaration, ResourceKind } from './declarations';
import { libraryFunction } from './imports';
import { type LiteralObject, type LiteralValue, objectLiteral } from './literal';
import type { ProjenrcSource } from './projenrc-source';
import { applyEdits, insertAfter, insertBefore, type TextEdit } from './text-edits';
import { gatewayVariableName } from './variable-name';

/** The new text of `.projenrc.ts`, and how the resource was written. */
export interface AddedDeclaration {
  readonly text: string;
  /** The line inserted first, for messages, e.g. `project.addAgent({ ... })`. */
  readonly code: string;
}

function usesEnv(value: LiteralValue | undefined): boolean {
  if (value === undefined || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(usesEnv);
  return 'fromEnv' in value || Object.values(value).some((v) => usesEnv(v as LiteralValue));
}

/** Top-level statements holding plain declarations of the given kinds, in file order. */
function statementsOf(decls: readonly Declaration[], kinds: readonly ResourceKind[]): Statement[] {
  const seen = new Set<Statement>();
  for (const d of decls) if (d.statement && kinds.includes(d.kind)) seen.add(d.statement);
  return [...seen].sort((a, b) => a.getStart() - b.getStart());
}

class Writer {
  readonly edits: TextEdit[] = [];
  readonly decls: Declaration[];
  private fromEnvCallee: string | undefined;

  constructor(readonly source: ProjenrcSource) {
    this.decls = source.declarations();
  }

  get semi(): string {
    return this.source.style.semicolons ? ';' : '';
  }

  /** `head(<options>)tail` in the file's style; imports `fromEnv` when an option reads a secret. */
  call(head: string, options: LiteralObject): string {
    if (Object.values(options).some(usesEnv) && this.fromEnvCallee === undefined) {
      const f = libraryFunction(this.source, 'fromEnv');
      this.fromEnvCallee = f.callee;
      if (f.edit) this.edits.push(f.edit);
    }
    const ctx = { style: this.source.style, fromEnvCallee: this.fromEnvCallee ?? 'fromEnv' };
    return `${head}(${objectLiteral(options, ctx, `${head}(`, `)${this.semi}`)})${this.semi}`;
  }

  /** After the last statement of `after` kinds, else as a new group before the first of `before` kinds (or synth). */
  place(code: string, after: readonly ResourceKind[], blankBefore: boolean, before: readonly ResourceKind[]) {
    const nl = this.source.style.newline;
    const last = statementsOf(this.decls, after).at(-1);
    if (last) {
      this.edits.push(insertAfter(last, code, { blankBefore, newline: nl }));
      return;
    }
    const projectStart = this.source.projectStatement.getStart();
    const next = [...statementsOf(this.decls, before), this.source.synthStatement]
      .filter((s): s is Statement => s !== undefined && s.getStart() > projectStart)
      .sort((a, b) => a.getStart() - b.getStart())[0];
    if (next) this.edits.push(insertBefore(next, code, { blankAfter: true, newline: nl }));
    else this.edits.push(insertAfter(this.source.projectStatement, code, { blankBefore: true, newline: nl }));
  }

  result(code: string): AddedDeclaration {
    return { text: applyEdits(this.source.text, this.edits), code };
  }
}

/** `project.addCredential({...})`, next to the other credentials (they come before the gateways that use them). */
export function addCredentialCall(source: ProjenrcSource, options: LiteralObject): AddedDeclaration {
  const w = new Writer(source);
  const code = w.call(`${source.projectVar}.addCredential`, options);
  w.place(code, ['credential'], false, ['gateway', 'target', 'agent']);
  return w.result(code);
}

/** `project.addGateway({...})`, as a new group after the last gateway and its targets. */
export function addGatewayCall(source: ProjenrcSource, options: LiteralObject): AddedDeclaration {
  const w = new Writer(source);
  const code = w.call(`${source.projectVar}.addGateway`, options);
  w.place(code, ['gateway', 'target'], true, ['agent']);
  return w.result(code);
}

/** `project.addAgent({...})`, after the other agents. */
export function addAgentCall(source: ProjenrcSource, options: LiteralObject): AddedDeclaration {
  const w = new Writer(source);
  const code = w.call(`${source.projectVar}.addAgent`, options);
  w.place(code, ['agent'], false, []);
  return w.result(code);
}

/**
 * `myGateway.addTarget({...})` after the gateway's other targets. A gateway declared without a
 * variable gets one (`const myGateway = project.addGateway(...)`). When the gateway is not declared
 * plainly (built in a loop, or not declared at all) the target is written as
 * `project.addGatewayTarget({ gateway: '...', ... })`, and synth checks that the gateway exists.
 */
export function addTargetCall(source: ProjenrcSource, gateway: string, options: LiteralObject): AddedDeclaration {
  const w = new Writer(source);
  const owner = w.decls.find((d) => d.kind === 'gateway' && d.name === gateway && d.statement);
  const receiver = owner && gatewayReceiver(w, owner);
  if (!owner || !receiver) {
    const code = w.call(`${source.projectVar}.addGatewayTarget`, { gateway, ...options });
    w.place(code, ['gateway', 'target'], true, ['agent']);
    return w.result(code);
  }
  const code = w.call(`${receiver}.addTarget`, options);
  const group = w.decls.filter((d) => d.statement && (d === owner || (d.kind === 'target' && d.gateway === gateway)));
  const last = statementsOf(group, ['gateway', 'target'])
    .filter((s) => s.getStart() >= owner.statement!.getStart())
    .at(-1)!;
  w.edits.push(insertAfter(last, code, { blankBefore: false, newline: source.style.newline }));
  return w.result(code);
}

/** The variable to call addTarget on; gives a plain `project.addGateway(...)` statement a variable. */
function gatewayReceiver(w: Writer, owner: Declaration): string | undefined {
  if (owner.variable) return owner.variable;
  const statement = owner.statement!;
  if (!Node.isExpressionStatement(statement)) return undefined;
  // Only a statement that is the gateway call itself, or a chain of its addTarget calls, holds the gateway.
  let e: Node = statement.getExpression();
  while (Node.isCallExpression(e) && e !== owner.call) {
    const callee = e.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'addTarget') return undefined;
    e = callee.getExpression();
  }
  if (e !== owner.call) return undefined;
  const name = gatewayVariableName(owner.name!, w.source.file);
  w.edits.push({ start: statement.getStart(), end: statement.getStart(), text: `const ${name} = ` });
  return name;
}
