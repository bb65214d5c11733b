import type { ProjectConfig } from '../../model/config';
import type { McpHost, McpLanguage } from '../../model/managed-server';
import type { FileOwner, RenderedFile, RenderOptions } from '../rendered-file';
import { renderTemplate } from '../templates';
import { type ManagedServerContext, managedServerContext, managedTargets } from './managed-server-context';

/** Templates of managed MCP servers: one folder per host × language pair. */
const TEMPLATES = 'templates/mcp';

/** One file of a managed server's folder: where it goes, which template makes it, who owns it. */
export interface ManagedServerFileSpec {
  readonly path: string;
  readonly template: string;
  readonly owner: FileOwner;
}

/**
 * The files of a managed server's folder. The user's code, its manifest and README are written once
 * and never overwritten; the Lambda handler (the glue between AgentCore's tool names and the user's
 * functions) is generated on every synth.
 */
const FILES: Readonly<Record<`${McpHost}-${McpLanguage}`, readonly (readonly [path: string, owner: FileOwner])[]>> = {
  'Lambda-TypeScript': [
    ['tools.ts', 'user'],
    ['handler.ts', 'generated'],
    ['README.md', 'user'],
    ['.gitignore', 'user'],
  ],
  'Lambda-Python': [
    ['tools.py', 'user'],
    ['handler.py', 'generated'],
    ['pyproject.toml', 'user'],
    ['README.md', 'user'],
    ['.gitignore', 'user'],
  ],
  'AgentCoreRuntime-Python': [
    ['server.py', 'user'],
    ['pyproject.toml', 'user'],
    ['README.md', 'user'],
    ['.gitignore', 'user'],
  ],
  'AgentCoreRuntime-TypeScript': [
    ['server.ts', 'user'],
    ['package.json', 'user'],
    ['README.md', 'user'],
    ['.gitignore', 'user'],
  ],
};

/** The files of the folder of a managed server of `host` and `language`. */
export function managedServerFiles(host: McpHost, language: McpLanguage): ManagedServerFileSpec[] {
  const pair = `${host}-${language}` as const;
  return FILES[pair].map(([p, owner]) => ({ path: p, owner, template: `${TEMPLATES}/${pair}/${templateName(p)}.hbs` }));
}

/** `.gitignore` is kept as `gitignore.hbs` so the package's own tools do not read it as one. */
function templateName(file: string): string {
  return file.startsWith('.') ? file.slice(1) : file;
}

/** Renders one managed server's folder from its context. Pure apart from reading templates. */
export function renderManagedServer(ctx: ManagedServerContext): RenderedFile[] {
  return managedServerFiles(ctx.host, ctx.language).map((f) => ({
    path: `${ctx.dir}/${f.path}`,
    content: renderTemplate(f.template, ctx),
    owner: f.owner,
  }));
}

/** The folders of every managed MCP server of the project. */
export function renderManagedServers(config: ProjectConfig, options: RenderOptions): RenderedFile[] {
  return managedTargets(config).flatMap((t) => renderManagedServer(managedServerContext(t, options.marker)));
}
