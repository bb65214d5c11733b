import { type CallExpression, Node, type ObjectLiteralExpression, type PropertyAccessExpression, type SourceFile, type Statement, SyntaxKind } from 'ts-morph';

/** The resources `.projenrc.ts` declares, each through one method call. */
export type ResourceKind = 'gateway' | 'target' | 'credential' | 'agent';

/** What a person calls a kind in messages. */
export const KIND_LABEL: Record<ResourceKind, string> = {
  gateway: 'gateway',
  target: 'gateway target',
  credential: 'credential',
  agent: 'agent',
};

/** One `project.addX({...})` (or `gateway.addTarget({...})`) call found in the file. */
export interface Declaration {
  readonly kind: ResourceKind;
  readonly call: CallExpression;
  /** The options object, when it is written as a literal. */
  readonly options?: ObjectLiteralExpression;
  /** The `name` option when it is a plain string; undefined when computed. */
  readonly name?: string;
  /** Targets: name of their gateway, when it can be told without running the file. */
  readonly gateway?: string;
  /**
   * The top-level statement the call sits in; undefined when the call is nested in a function, loop,
   * condition or block, where the tool cannot tell how often or whether it runs.
   */
  readonly statement?: Statement;
  /** `const <variable> = project.addGateway(...)`: the variable that holds the returned object. */
  readonly variable?: string;
}

/** Calls on the project object that declare a resource. */
const PROJECT_METHODS: Record<string, ResourceKind> = {
  addGateway: 'gateway',
  addGatewayTarget: 'target',
  addCredential: 'credential',
  addAgent: 'agent',
};

/** Nodes a call may sit in and still run exactly once, in file order, at the top level. */
const PLAIN_CONTAINERS = new Set<SyntaxKind>([
  SyntaxKind.CallExpression,
  SyntaxKind.PropertyAccessExpression,
  SyntaxKind.ParenthesizedExpression,
  SyntaxKind.AsExpression,
  SyntaxKind.NonNullExpression,
  SyntaxKind.VariableDeclaration,
  SyntaxKind.VariableDeclarationList,
  SyntaxKind.VariableStatement,
  SyntaxKind.ExpressionStatement,
]);

/** The top-level statement that runs `node` once, or undefined if it is nested in other code. */
export function topLevelStatement(node: Node): Statement | undefined {
  let current: Node = node;
  for (let parent = current.getParent(); parent; current = parent, parent = parent.getParent()) {
    if (Node.isSourceFile(parent)) return current as Statement;
    if (!PLAIN_CONTAINERS.has(parent.getKind())) return undefined;
  }
  return undefined;
}

/** The string value of a property of an object literal, or undefined if it is absent or computed. */
export function stringProperty(obj: ObjectLiteralExpression | undefined, name: string): string | undefined {
  const prop = obj?.getProperty(name);
  if (!prop || !Node.isPropertyAssignment(prop)) return undefined;
  const init = prop.getInitializer();
  return init && (Node.isStringLiteral(init) || Node.isNoSubstitutionTemplateLiteral(init)) ? init.getLiteralValue() : undefined;
}

/** The variable a chain of calls starting at `call` is assigned to (`const v = call.addTarget(...)`). */
function assignedVariable(call: CallExpression): string | undefined {
  let top: Node = call;
  // addTarget returns its gateway, so `const gw = project.addGateway({...}).addTarget({...})` holds the gateway.
  while (true) {
    const access = top.getParent();
    const outer = access?.getParent();
    if (!access || !Node.isPropertyAccessExpression(access) || !outer || !Node.isCallExpression(outer)) break;
    if (access.getName() !== 'addTarget' && access.getName() !== 'addDependency') break;
    top = outer;
  }
  const parent = top.getParent();
  if (parent && Node.isVariableDeclaration(parent) && Node.isIdentifier(parent.getNameNode())) return parent.getName();
  return undefined;
}

/** The options literal passed as the first argument, unwrapping `(...)` and `as` casts. */
function optionsOf(call: CallExpression): ObjectLiteralExpression | undefined {
  let arg: Node | undefined = call.getArguments()[0];
  while (arg && (Node.isParenthesizedExpression(arg) || Node.isAsExpression(arg) || Node.isSatisfiesExpression(arg))) {
    arg = arg.getExpression();
  }
  return arg && Node.isObjectLiteralExpression(arg) ? arg : undefined;
}

/**
 * Finds every declaring call in the file. `projectVar` is the variable holding the AgentCoreProject.
 * Gateways are found first so that `myGateway.addTarget(...)` can be tied to its gateway.
 */
export function findDeclarations(file: SourceFile, projectVar: string): Declaration[] {
  const calls = file.getDescendantsOfKind(SyntaxKind.CallExpression);
  const found: Declaration[] = [];
  const gatewayVars = new Map<string, string | undefined>();
  const gatewayCalls = new Map<CallExpression, string | undefined>();

  const declaration = (kind: ResourceKind, call: CallExpression, extra: Partial<Declaration> = {}): Declaration => {
    const options = optionsOf(call);
    return { kind, call, options, name: stringProperty(options, 'name'), statement: topLevelStatement(call), ...extra };
  };

  for (const call of calls) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const kind = PROJECT_METHODS[callee.getName()];
    const receiver = callee.getExpression();
    if (!kind || !Node.isIdentifier(receiver) || receiver.getText() !== projectVar) continue;
    const variable = assignedVariable(call);
    if (kind === 'target') {
      found.push(declaration(kind, call, { gateway: stringProperty(optionsOf(call), 'gateway'), variable }));
      continue;
    }
    const d = declaration(kind, call, { variable });
    found.push(d);
    if (kind === 'gateway') {
      gatewayCalls.set(call, d.name);
      if (variable) gatewayVars.set(variable, d.name);
    }
  }

  // gateway.addTarget(...): the receiver is a gateway variable, a gateway call, or another addTarget.
  const gatewayOf = (receiver: Node): { known: boolean; name?: string } => {
    if (Node.isIdentifier(receiver)) {
      return gatewayVars.has(receiver.getText()) ? { known: true, name: gatewayVars.get(receiver.getText()) } : { known: false };
    }
    if (Node.isCallExpression(receiver)) {
      if (gatewayCalls.has(receiver)) return { known: true, name: gatewayCalls.get(receiver) };
      const inner = receiver.getExpression();
      if (Node.isPropertyAccessExpression(inner) && inner.getName() === 'addTarget') return gatewayOf(inner.getExpression());
    }
    if (Node.isParenthesizedExpression(receiver)) return gatewayOf(receiver.getExpression());
    return { known: false };
  };
  for (const call of calls) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'addTarget') continue;
    const owner = gatewayOf(callee.getExpression());
    if (owner.known) found.push(declaration('target', call, { gateway: owner.name }));
  }
  // Chained calls share their start; the method name tells their order in the text.
  const at = (d: Declaration) => (d.call.getExpression() as PropertyAccessExpression).getNameNode().getStart();
  return found.sort((a, b) => at(a) - at(b));
}
