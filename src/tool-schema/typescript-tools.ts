import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
  ArrowFunction,
  EnumDeclaration,
  ExpressionWithTypeArguments,
  FunctionDeclaration,
  FunctionExpression,
  InterfaceDeclaration,
  JSDocableNode,
  LiteralTypeNode,
  Node,
  ParameterDeclaration,
  Project,
  SourceFile,
  TypeAliasDeclaration,
  TypeElementTypes,
  TypeNode,
  TypeReferenceNode,
} from 'ts-morph';
import type * as TsMorph from 'ts-morph';
import type { ModelIssue } from '../model/issues';
import type { ToolDefinition } from '../model/managed-server';
import { describedSchema, type JsonSchema, objectSchema } from './json-schema';
import { toolNameProblem } from './tool-name';
import { ToolSchemaError } from './tool-schema-error';

/*
 * Tool schemas read from TypeScript declarations. Each exported function of `tools.ts` is a tool:
 * its JSDoc is the description, its one parameter's object type the input schema. Types are read
 * from the syntax (the declarations in the file and in the files it imports relatively), never
 * inferred by the type checker: that keeps synth fast (no program, no lib files) and every schema
 * traceable to a line the user wrote.
 */

export interface TypeScriptToolsOptions {
  /** The file's text, when it is not (yet) on disk, e.g. a scaffold written in the same synth. */
  readonly text?: string;
  /** Reads an imported file; `undefined` when it does not exist. @default the disk */
  readonly readFile?: (absolutePath: string) => string | undefined;
  /** Paths in messages are shown relative to this folder. @default the file's folder */
  readonly root?: string;
  /** One parser for many files (synth reads every target's tools with one). @default a new one */
  readonly parser?: TypeScriptParser;
}

/** The tools of a `tools.ts`, or every problem that keeps them from being read. */
export interface ToolsReadResult {
  readonly tools: ToolDefinition[];
  readonly issues: ModelIssue[];
}

/*
 * ts-morph (with TypeScript) takes about half a second to load, so it is loaded by the first parser:
 * projects without TypeScript tools, and commands that do not read them, never pay for it.
 */
let N: typeof TsMorph.Node;
let SyntaxKind: typeof TsMorph.SyntaxKind;

/** A ts-morph project that only parses (no type checker, no lib files, no disk access of its own). */
export class TypeScriptParser {
  private readonly project: Project;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
    const tsMorph = require('ts-morph') as typeof TsMorph;
    ({ Node: N, SyntaxKind } = tsMorph);
    this.project = new tsMorph.Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { noLib: true, noResolve: true } });
  }

  parse(file: string, text: string): SourceFile {
    return this.project.createSourceFile(file, text, { overwrite: true });
  }
}

/** Reads the tools of `file` (absolute), or throws a ToolSchemaError listing every problem. */
export function typeScriptToolSchemas(file: string, options: TypeScriptToolsOptions = {}): ToolDefinition[] {
  const result = readTypeScriptTools(file, options);
  if (result.issues.length > 0) throw new ToolSchemaError(path.relative(options.root ?? path.dirname(file), file), result.issues);
  return result.tools;
}

/** Reads the tools of `file` (absolute): the tools, and every problem found. */
export function readTypeScriptTools(file: string, options: TypeScriptToolsOptions = {}): ToolsReadResult {
  const readFile = options.readFile ?? readFromDisk;
  const text = options.text ?? readFile(file);
  const root = options.root ?? path.dirname(file);
  if (text === undefined) {
    return {
      tools: [],
      issues: [{ where: path.relative(root, file), message: 'the file does not exist; create it (`npx projen` writes a sample) or remove the target' }],
    };
  }
  const reader = new ToolReader(options.parser ?? new TypeScriptParser(), readFile, root);
  return reader.read(file, text);
}

function readFromDisk(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw e;
  }
}

/** Where a schema is being built, for messages: the tool and the field path (`input.stops[].city`). */
interface Place {
  readonly tool: string;
  readonly field: string;
}

type Declaration = InterfaceDeclaration | TypeAliasDeclaration | EnumDeclaration;

/** Built-in types a tool's argument cannot have, and what to write instead. */
const UNSUPPORTED_REFERENCES: Record<string, string> = {
  Date: 'the gateway passes JSON, so the function would receive a string, not a Date; declare it as `string` (an ISO 8601 date) and parse it in the function',
  Map: 'JSON has no maps; use an object type with named fields, or an array of `{ key, value }` objects',
  Set: 'JSON has no sets; use an array',
  WeakMap: 'JSON has no maps; use an object type with named fields',
  WeakSet: 'JSON has no sets; use an array',
  Record: 'an object with arbitrary keys cannot be described to the gateway; list the fields in an object type, or use an array of `{ key, value }` objects',
  Promise: 'arguments arrive as JSON values, not promises; use the value type',
  Function: 'arguments arrive as JSON, which holds no functions; remove it',
  Object: 'say which fields it has: use an object type (`{ name: string }`)',
  RegExp: 'JSON has no regular expressions; use `string`',
  Error: 'arguments arrive as JSON data; use an object type with the fields you need',
  Buffer: 'JSON has no binary data; use `string` (e.g. base64) and decode it in the function',
  Uint8Array: 'JSON has no binary data; use `string` (e.g. base64) and decode it in the function',
  BigInt: 'JSON numbers are not bigints; use `number` or `string`',
};

/** Type-level computations: they mean something to the compiler only. */
const COMPUTED_TYPES = new Set(['Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'Exclude', 'Extract', 'NonNullable', 'ReturnType', 'Parameters', 'Awaited']);

class ToolReader {
  private readonly issues: ModelIssue[] = [];
  private readonly files = new Map<string, SourceFile | undefined>();
  /** Declarations being expanded: meeting one again means the type refers to itself. */
  private readonly expanding = new Set<Declaration>();

  constructor(
    private readonly parser: TypeScriptParser,
    private readonly readFile: (file: string) => string | undefined,
    private readonly root: string,
  ) {}

  read(file: string, text: string): ToolsReadResult {
    const sf = this.parser.parse(file, text);
    this.files.set(file, sf);
    const tools: ToolDefinition[] = [];
    for (const { name, node, fn } of this.exportedFunctions(sf)) {
      const tool = this.tool(name, node, fn);
      if (tool) tools.push(tool);
    }
    if (tools.length === 0 && this.issues.length === 0) {
      this.issues.push({
        where: this.label(file),
        message:
          'exports no tool function, and a Lambda target needs at least one; export one (`/** What it does. */ export function name(input: { a: string }) {...}`)',
      });
    }
    return { tools, issues: this.issues };
  }

  /** Exported functions, in source order: declarations, `const x = (...) => ...` and local `export { x }`. */
  private exportedFunctions(sf: SourceFile): { name: string; node: JSDocableNode & Node; fn: FunctionLike }[] {
    const out: { name: string; node: JSDocableNode & Node; fn: FunctionLike }[] = [];
    const overloaded = new Set<string>();
    for (const statement of sf.getStatements()) {
      if (N.isFunctionDeclaration(statement) && statement.hasExportKeyword()) {
        if (statement.hasDefaultKeyword()) {
          this.fail(statement, undefined, 'a default export has no tool name; export the function by name (`export function name(input: {...})`)');
        } else if (!statement.hasBody()) {
          // Overload signatures: reported once, at the first.
          const name = statement.getName() ?? '';
          if (overloaded.has(name)) continue;
          overloaded.add(name);
          this.fail(statement, { tool: name, field: '' }, 'a tool has one signature; remove the overloads');
        } else if (!overloaded.has(statement.getName() ?? '')) {
          out.push({ name: statement.getName() ?? '', node: statement, fn: statement });
        }
      } else if (N.isVariableStatement(statement) && statement.hasExportKeyword()) {
        for (const decl of statement.getDeclarations()) {
          const init = decl.getInitializer();
          if (init && (N.isArrowFunction(init) || N.isFunctionExpression(init))) out.push({ name: decl.getName(), node: statement, fn: init });
        }
      } else if (N.isExportAssignment(statement)) {
        this.fail(statement, undefined, 'a default export has no tool name; export each tool function by name (`export function name(input: {...})`)');
      } else if (N.isExportDeclaration(statement)) {
        if (statement.getModuleSpecifier()) {
          this.fail(statement, undefined, 're-exports are not read; declare the tool functions in this file, or import them and export wrappers');
          continue;
        }
        for (const spec of statement.getNamedExports()) {
          const local = this.localFunction(sf, spec.getName());
          if (local) out.push({ name: spec.getAliasNode()?.getText() ?? spec.getName(), ...local });
        }
      }
    }
    return out;
  }

  private localFunction(sf: SourceFile, name: string): { node: JSDocableNode & Node; fn: FunctionLike } | undefined {
    const fn = sf.getFunction(name);
    if (fn?.hasBody()) return { node: fn, fn };
    const decl = sf.getVariableDeclaration(name);
    const init = decl?.getInitializer();
    const statement = decl?.getVariableStatement();
    if (statement && init && (N.isArrowFunction(init) || N.isFunctionExpression(init))) return { node: statement, fn: init };
    return undefined;
  }

  private tool(name: string, node: JSDocableNode & Node, fn: FunctionLike): ToolDefinition | undefined {
    const place: Place = { tool: name, field: '' };
    const before = this.issues.length;
    const nameProblem = toolNameProblem(name);
    if (nameProblem) this.fail(node, place, nameProblem);
    const description = jsDocDescription(node);
    if (!description) {
      this.fail(node, place, 'has no description; add a JSDoc comment (`/** What the tool does. */`) above it: the agent chooses tools by their descriptions');
    }
    if (fn.getTypeParameters().length > 0) {
      this.fail(fn, place, 'is generic; a tool needs concrete types to describe its arguments: remove the type parameters');
      return undefined;
    }
    const params = fn.getParameters();
    if (params.length > 1) {
      const fields = params.map((p) => `${p.getName()}: ${p.getTypeNode()?.getText() ?? 'string'}`).join('; ');
      this.fail(
        fn,
        place,
        `takes ${params.length} parameters; a tool takes one object parameter whose fields are the arguments: \`${name}(input: { ${fields} })\``,
      );
      return undefined;
    }
    const inputSchema = params.length === 0 ? objectSchema({}, []) : this.parameterSchema(params[0]!, name);
    if (this.issues.length > before || !inputSchema) return undefined;
    return { name, description: description ?? '', inputSchema: inputSchema as ToolDefinition['inputSchema'] };
  }

  private parameterSchema(param: ParameterDeclaration, tool: string): JsonSchema | undefined {
    const name = N.isIdentifier(param.getNameNode()) ? param.getName() : 'input';
    const place: Place = { tool, field: name };
    if (param.isRestParameter()) {
      this.fail(param, place, `is a rest parameter; a tool takes one object parameter: \`${tool}(input: { items: string[] })\``);
      return undefined;
    }
    const typeNode = param.getTypeNode();
    if (!typeNode) {
      this.fail(param, place, `has no type; annotate it with the object type of the arguments: \`${name}: { city: string }\``);
      return undefined;
    }
    const schema = this.schema(typeNode, place);
    if (schema && schema.type !== 'object') {
      this.fail(
        param,
        place,
        `is ${article(schema.type)}; the gateway passes the arguments as one JSON object, so the parameter must be an object type: \`${name}: { value: ${typeNode.getText()} }\``,
      );
      return undefined;
    }
    return schema;
  }

  /** The schema of a type node, or undefined after reporting why it cannot be one. */
  private schema(node: TypeNode, place: Place): JsonSchema | undefined {
    switch (node.getKind()) {
      case SyntaxKind.StringKeyword:
        return { type: 'string' };
      case SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case SyntaxKind.ParenthesizedType:
        return this.schema(node.asKindOrThrow(SyntaxKind.ParenthesizedType).getTypeNode(), place);
      case SyntaxKind.LiteralType:
        return this.literal(node.asKindOrThrow(SyntaxKind.LiteralType), place);
      case SyntaxKind.UnionType:
        return this.union(node.asKindOrThrow(SyntaxKind.UnionType).getTypeNodes(), node, place);
      case SyntaxKind.ArrayType:
        return this.array(node.asKindOrThrow(SyntaxKind.ArrayType).getElementTypeNode(), place);
      case SyntaxKind.TypeOperator: {
        const op = node.asKindOrThrow(SyntaxKind.TypeOperator);
        if (op.getOperator() === SyntaxKind.ReadonlyKeyword) return this.schema(op.getTypeNode(), place);
        return this.fail(node, place, `\`${node.getText()}\` is computed by the compiler; write the type out (e.g. a union of string literals)`);
      }
      case SyntaxKind.TypeLiteral:
        return this.object(node.asKindOrThrow(SyntaxKind.TypeLiteral).getMembers(), place);
      case SyntaxKind.IntersectionType:
        return this.intersection(node.asKindOrThrow(SyntaxKind.IntersectionType).getTypeNodes(), place);
      case SyntaxKind.TypeReference:
        return this.reference(node.asKindOrThrow(SyntaxKind.TypeReference), place);
      case SyntaxKind.AnyKeyword:
      case SyntaxKind.UnknownKeyword:
        return this.fail(
          node,
          place,
          `\`${node.getText()}\` says nothing about the value, so it cannot be described to the agent; give it a concrete type (string, number, boolean, an object type or an array)`,
        );
      case SyntaxKind.ObjectKeyword:
        return this.fail(node, place, '`object` says nothing about the fields; use an object type that lists them (`{ name: string }`)');
      case SyntaxKind.UndefinedKeyword:
      case SyntaxKind.VoidKeyword:
      case SyntaxKind.NeverKeyword:
        return this.fail(node, place, `\`${node.getText()}\` is not a JSON value; for a field that may be left out, mark it optional (\`name?: string\`)`);
      case SyntaxKind.BigIntKeyword:
        return this.fail(node, place, UNSUPPORTED_REFERENCES.BigInt!);
      case SyntaxKind.SymbolKeyword:
        return this.fail(node, place, 'JSON has no symbols; use `string`');
      case SyntaxKind.FunctionType:
      case SyntaxKind.ConstructorType:
        return this.fail(node, place, 'is a function; arguments arrive as JSON, which holds no functions: remove it, or pass a name the tool looks up');
      case SyntaxKind.TupleType:
        return this.fail(
          node,
          place,
          'tuples cannot be described to the gateway (its arrays have one item type); use an object with named fields, or an array',
        );
      default:
        return this.fail(
          node,
          place,
          `\`${node.getText()}\` is computed by the compiler; write the type out (string, number, boolean, a string literal union, an array or an object type)`,
        );
    }
  }

  private literal(node: LiteralTypeNode, place: Place): JsonSchema | undefined {
    const lit = node.getLiteral();
    if (N.isStringLiteral(lit) || N.isNoSubstitutionTemplateLiteral(lit)) return { type: 'string', enum: [lit.getLiteralValue()] };
    if (N.isNumericLiteral(lit)) return { type: 'number', enum: [lit.getLiteralValue()] };
    if (N.isPrefixUnaryExpression(lit) && lit.getOperatorToken() === SyntaxKind.MinusToken && N.isNumericLiteral(lit.getOperand())) {
      return { type: 'number', enum: [-Number(lit.getOperand().getText())] };
    }
    if (lit.getKind() === SyntaxKind.TrueKeyword) return { type: 'boolean', enum: [true] };
    if (lit.getKind() === SyntaxKind.FalseKeyword) return { type: 'boolean', enum: [false] };
    if (lit.getKind() === SyntaxKind.NullKeyword) {
      return this.fail(node, place, 'the gateway cannot describe `null`; for a field that may be left out, mark it optional (`name?: string`) instead');
    }
    return this.fail(node, place, `\`${node.getText()}\` cannot be described to the gateway; use a string or number literal`);
  }

  /** A union of literals of one type is an enum (`'a' | 'b'`); `true | false` is a boolean. */
  private union(members: TypeNode[], node: TypeNode, place: Place): JsonSchema | undefined {
    const schemas: JsonSchema[] = [];
    for (const m of members) {
      const s = this.schema(m, place);
      if (!s) return undefined;
      schemas.push(s);
    }
    const type = schemas[0]!.type;
    if (schemas.some((s) => s.type !== type)) {
      return this.fail(node, place, `\`${node.getText()}\` mixes types, which the gateway cannot describe; use one type (e.g. a union of string literals)`);
    }
    if (type === 'object' || type === 'array') {
      return this.fail(
        node,
        place,
        `a union of ${type === 'object' ? 'object types' : 'array types'} cannot be described to the gateway; use one ${type === 'object' ? 'object type with optional fields' : 'array type'}`,
      );
    }
    // A member without `enum` (plain `string`) admits every value of its type.
    if (schemas.some((s) => !s.enum)) return { type };
    const values = [...new Set(schemas.flatMap((s) => s.enum!))];
    if (type === 'boolean' && values.length === 2) return { type };
    return { type, enum: values };
  }

  private array(element: TypeNode, place: Place): JsonSchema | undefined {
    const items = this.schema(element, { ...place, field: `${place.field}[]` });
    return items && { type: 'array', items };
  }

  private object(members: TypeElementTypes[], place: Place): JsonSchema | undefined {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    let ok = true;
    for (const member of members) {
      const field = this.property(member, place);
      if (!field) {
        ok = false;
        continue;
      }
      properties[field.name] = field.schema;
      if (!field.optional) required.push(field.name);
    }
    return ok ? objectSchema(properties, required) : undefined;
  }

  private property(member: TypeElementTypes, place: Place): { name: string; schema: JsonSchema; optional: boolean } | undefined {
    if (!N.isPropertySignature(member)) {
      const what = N.isMethodSignature(member) ? 'a method' : N.isIndexSignatureDeclaration(member) ? 'an index signature' : 'a signature';
      const fix = N.isIndexSignatureDeclaration(member)
        ? 'an object with arbitrary keys cannot be described to the gateway; list the fields, or use an array of `{ key, value }` objects'
        : 'arguments arrive as JSON, which holds no functions; remove it';
      this.fail(member, place, `\`${member.getText()}\` is ${what}: ${fix}`);
      return undefined;
    }
    const nameNode = member.getNameNode();
    if (!N.isIdentifier(nameNode) && !N.isStringLiteral(nameNode) && !N.isNoSubstitutionTemplateLiteral(nameNode)) {
      this.fail(member, place, `the field name \`${nameNode.getText()}\` is computed; write it out`);
      return undefined;
    }
    const name = N.isIdentifier(nameNode) ? nameNode.getText() : nameNode.getLiteralValue();
    const at: Place = { ...place, field: place.field ? `${place.field}.${name}` : name };
    const typeNode = member.getTypeNode();
    if (!typeNode) {
      this.fail(member, at, `has no type; annotate it (\`${name}: string\`)`);
      return undefined;
    }
    // `x?: T` and `x: T | undefined` both mean the agent may leave it out.
    const members = N.isUnionTypeNode(typeNode) ? typeNode.getTypeNodes() : [typeNode];
    const defined = members.filter((m) => m.getKind() !== SyntaxKind.UndefinedKeyword);
    const optional = member.hasQuestionToken() || defined.length < members.length;
    const schema = defined.length === 1 ? this.schema(defined[0]!, at) : defined.length > 1 ? this.union(defined, typeNode, at) : this.schema(typeNode, at);
    return schema && { name, schema: describedSchema(schema, jsDocDescription(member)), optional };
  }

  /** `A & B`: the fields of both (each must be an object type). */
  private intersection(members: TypeNode[], place: Place): JsonSchema | undefined {
    const parts: JsonSchema[] = [];
    for (const m of members) {
      const s = this.schema(m, place);
      if (!s) return undefined;
      if (s.type !== 'object') return this.fail(m, place, `\`${m.getText()}\` is not an object type; an intersection (\`A & B\`) may only join object types`);
      parts.push(s);
    }
    return mergeObjects(parts);
  }

  private reference(node: TypeReferenceNode, place: Place): JsonSchema | undefined {
    const nameNode = node.getTypeName();
    if (!N.isIdentifier(nameNode)) {
      return this.fail(
        node,
        place,
        `\`${nameNode.getText()}\` is a qualified name, which is not read; import the type by name (\`import { Name } from './types'\`)`,
      );
    }
    return this.named(nameNode.getText(), node.getTypeArguments(), node, place);
  }

  /** A type used by name (a reference, or an interface's base): looked up, then expanded. */
  private named(name: string, args: TypeNode[], node: Node, place: Place): JsonSchema | undefined {
    const decl = this.lookup(node.getSourceFile(), name, node, place);
    if (decl === 'reported') return undefined;
    if (!decl) {
      if ((name === 'Array' || name === 'ReadonlyArray') && args.length === 1) return this.array(args[0]!, place);
      const why = UNSUPPORTED_REFERENCES[name];
      if (why) return this.fail(node, place, `\`${node.getText()}\`: ${why}`);
      if (COMPUTED_TYPES.has(name)) return this.fail(node, place, `\`${node.getText()}\` is computed by the compiler; write the object type out`);
      if (node.getSourceFile().getClass(name)) {
        return this.fail(
          node,
          place,
          `\`${name}\` is a class, but the handler passes the plain JSON object, not an instance; declare its fields with an interface`,
        );
      }
      return this.fail(
        node,
        place,
        `type \`${name}\` is not declared in this file or imported from a relative module; declare it in tools.ts (or a file it imports with \`./\`) as an interface or type alias`,
      );
    }
    if (args.length > 0 || (!N.isEnumDeclaration(decl) && decl.getTypeParameters().length > 0)) {
      return this.fail(node, place, `\`${node.getText()}\` is generic; a tool needs concrete types: declare the type without type parameters`);
    }
    if (this.expanding.has(decl)) {
      return this.fail(
        node,
        place,
        `type \`${name}\` refers to itself, and the gateway's schemas cannot describe recursion; limit the nesting to a fixed depth with separate types`,
      );
    }
    this.expanding.add(decl);
    try {
      if (N.isTypeAliasDeclaration(decl)) return this.schema(decl.getTypeNodeOrThrow(), place);
      if (N.isEnumDeclaration(decl)) return this.enumeration(decl, place);
      return this.interface(decl, place);
    } finally {
      this.expanding.delete(decl);
    }
  }

  /** An interface: the fields of its bases (`extends`), then its own. */
  private interface(decl: InterfaceDeclaration, place: Place): JsonSchema | undefined {
    const parts: JsonSchema[] = [];
    for (const base of decl.getExtends()) {
      const s = this.base(base, place);
      if (!s) return undefined;
      parts.push(s);
    }
    const own = this.object(decl.getMembers(), place);
    return own && mergeObjects([...parts, own]);
  }

  private base(base: ExpressionWithTypeArguments, place: Place): JsonSchema | undefined {
    const expr = base.getExpression();
    if (!N.isIdentifier(expr)) return this.fail(base, place, `the base \`${base.getText()}\` is not read; import it by name`);
    const s = this.named(expr.getText(), base.getTypeArguments(), base, place);
    if (s && s.type !== 'object') return this.fail(base, place, `the base \`${base.getText()}\` is not an object type`);
    return s;
  }

  private enumeration(decl: EnumDeclaration, place: Place): JsonSchema | undefined {
    const values: string[] = [];
    for (const member of decl.getMembers()) {
      const init = member.getInitializer();
      if (!init || !(N.isStringLiteral(init) || N.isNoSubstitutionTemplateLiteral(init))) {
        return this.fail(
          member,
          place,
          `enum \`${decl.getName()}\` has a member without a string value; give each member one (\`${member.getName()} = '${member.getName().toLowerCase()}'\`), or use a union of string literals`,
        );
      }
      values.push(init.getLiteralValue());
    }
    return { type: 'string', enum: values };
  }

  /** The interface, type alias or enum `name` means in `sf`: declared there, or imported from a relative module. */
  private lookup(sf: SourceFile, name: string, at: Node, place: Place): Declaration | undefined | 'reported' {
    const local = sf.getInterface(name) ?? sf.getTypeAlias(name) ?? sf.getEnum(name);
    if (local) return local;
    for (const imp of sf.getImportDeclarations()) {
      const spec = imp.getNamedImports().find((n) => (n.getAliasNode()?.getText() ?? n.getName()) === name);
      if (!spec) continue;
      const module = imp.getModuleSpecifierValue();
      if (!module.startsWith('.')) {
        this.fail(
          at,
          place,
          `type \`${name}\` comes from the package "${module}", which is not read; declare the type in tools.ts (or a relative module) with the fields the tool takes`,
        );
        return 'reported';
      }
      const target = this.importedFile(sf, module);
      if (!target) {
        this.fail(at, place, `cannot find the module "${module}" that \`${name}\` is imported from; fix the import path`);
        return 'reported';
      }
      const exported = spec.getName();
      const found = [target.getInterface(exported), target.getTypeAlias(exported), target.getEnum(exported)].find((d) => d?.hasExportKeyword());
      if (found) return found;
      this.fail(
        at,
        place,
        `"${module}" does not export an interface, type alias or enum named \`${exported}\` (re-exports are not followed); declare it there`,
      );
      return 'reported';
    }
    return undefined;
  }

  private importedFile(from: SourceFile, module: string): SourceFile | undefined {
    const base = path.resolve(path.dirname(from.getFilePath()), module);
    const stem = base.replace(/\.(c|m)?js$/, '');
    for (const candidate of [`${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${stem}.d.ts`, path.join(base, 'index.ts')]) {
      if (this.files.has(candidate)) {
        const known = this.files.get(candidate);
        if (known) return known;
        continue;
      }
      const text = this.readFile(candidate);
      const sf = text === undefined ? undefined : this.parser.parse(candidate, text);
      this.files.set(candidate, sf);
      if (sf) return sf;
    }
    return undefined;
  }

  /** A file as messages name it: relative to the root, with `/`. */
  private label(file: string): string {
    return (path.relative(this.root, file) || path.basename(file)).split(path.sep).join('/');
  }

  private fail(node: Node, place: Place | undefined, message: string): undefined {
    const parts = [`${this.label(node.getSourceFile().getFilePath())}:${node.getStartLineNumber()}`];
    if (place?.tool) parts.push(`tool "${place.tool}"`);
    if (place?.field) parts.push(place.field);
    this.issues.push({ where: parts.join(' › '), message });
    return undefined;
  }
}

type FunctionLike = FunctionDeclaration | ArrowFunction | FunctionExpression;

/** One object of the fields of several; a later field of the same name wins. */
function mergeObjects(parts: JsonSchema[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required = new Set<string>();
  for (const p of parts) {
    Object.assign(properties, p.properties);
    for (const r of p.required ?? []) required.add(r);
  }
  return objectSchema(properties, [...required]);
}

/** The description of a JSDoc-commented node: the text of its last doc comment, before any tag. */
function jsDocDescription(node: Node): string | undefined {
  if (!N.isJSDocable(node)) return undefined;
  const docs = node.getJsDocs();
  const text = docs[docs.length - 1]?.getDescription().trim();
  return text || undefined;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
