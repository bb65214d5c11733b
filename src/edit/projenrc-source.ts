import { Node, Project, type SourceFile, type Statement, SyntaxKind } from 'ts-morph';
import { type CodeStyle, detectStyle } from './code-style';
import { type Declaration, findDeclarations, topLevelStatement } from './declarations';
import { UnsafeEditError } from './unsafe-edit';

/** The library the project file imports its classes from. */
export const LIBRARY = 'agentcore-projen';

/**
 * `.projenrc.ts` parsed with ts-morph (no type checking, nothing read from disk): where the project
 * object is, where it is synthesized, and which resources it declares. Edits go through `file`.
 */
export class ProjenrcSource {
  readonly file: SourceFile;
  readonly style: CodeStyle;

  constructor(text: string) {
    const project = new Project({ useInMemoryFileSystem: true, skipFileDependencyResolution: true });
    this.file = project.createSourceFile('/.projenrc.ts', text);
    this.style = detectStyle(text);
  }

  get text(): string {
    return this.file.getFullText();
  }

  /** The variable that holds `new AgentCoreProject(...)`. */
  get projectVar(): string {
    const decls = this.file
      .getDescendantsOfKind(SyntaxKind.NewExpression)
      .filter((n) => /(^|\.)AgentCoreProject$/.test(n.getExpression().getText()))
      .map((n) => n.getParent())
      .filter((p) => p !== undefined && Node.isVariableDeclaration(p) && topLevelStatement(p) !== undefined);
    if (decls.length !== 1) {
      throw new UnsafeEditError(
        decls.length === 0
          ? 'Could not find `const project = new AgentCoreProject({ ... })` at the top level of .projenrc.ts.'
          : 'Found more than one `new AgentCoreProject(...)` in .projenrc.ts, so it is unclear which one to change.',
        'declare the resource with the matching call, e.g. `project.addGateway({ name: "my-gateway" })`, before `project.synth()`.',
      );
    }
    return (decls[0] as import('ts-morph').VariableDeclaration).getName();
  }

  /** The top-level statement that declares the project. */
  get projectStatement(): Statement {
    const name = this.projectVar;
    return this.file.getStatements().find((s) => Node.isVariableStatement(s) && s.getDeclarations().some((d) => d.getName() === name))!;
  }

  /** The top-level `project.synth()` statement, if any. */
  get synthStatement(): Statement | undefined {
    const name = this.projectVar;
    return this.file.getStatements().find((s) => {
      if (!Node.isExpressionStatement(s)) return false;
      const e = s.getExpression();
      return Node.isCallExpression(e) && e.getExpression().getText().replace(/\s/g, '') === `${name}.synth`;
    });
  }

  declarations(): Declaration[] {
    return findDeclarations(this.file, this.projectVar);
  }

  /** 1-based line of a node, for messages. */
  lineOf(node: Node): number {
    return node.getStartLineNumber();
  }
}
