import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManagedServerConfig, ToolDefinition } from '../model/managed-server';
import { codeHash } from './code-hash';
import { pythonToolSchemas } from './python-tools';
import { TYPESCRIPT_TOOLS_FILE } from './synth-tool-schemas';
import { ToolSchemaCache } from './tool-schema-cache';
import { typeScriptToolSchemas } from './typescript-tools';

/** The reader's own code is part of the cache key: a new version of it reads the code again. */
const TYPESCRIPT_READER = path.join(__dirname, `typescript-tools${path.extname(__filename)}`);

export interface ManagedServerToolsOptions {
  /** The Python that reads Python tools. @default the code folder's `.venv`, else `python3` */
  readonly python?: string;
  /** Told when the code is read (not when the cache answers). */
  readonly log?: (line: string) => void;
}

/**
 * The tools of a Lambda-hosted managed server as its code declares them now: what the local gateway
 * lists and checks calls against, and what deploy gives the gateway target. Read again only when a
 * file of the code folder changed since the last read (TypeScript in process, Python by running
 * Python); kept under `agentcore/.deploy/cache/tool-schemas`. A server on AgentCore Runtime lists
 * its own tools over MCP: `undefined`. Throws a ToolSchemaError when the code has problems.
 */
export async function managedServerTools(
  root: string,
  managed: ManagedServerConfig,
  options: ManagedServerToolsOptions = {},
): Promise<ToolDefinition[] | undefined> {
  if (managed.host !== 'Lambda') return undefined;
  const codeDir = path.join(root, managed.codeLocation);
  const cache = new ToolSchemaCache(root);
  if (managed.language === 'Python') return pythonToolSchemas(codeDir, { root, cache, python: options.python, log: options.log });
  const hash = codeHash(codeDir, ['typescript', fs.readFileSync(TYPESCRIPT_READER, 'utf8')]);
  const cached = cache.get(codeDir, hash);
  if (cached) return cached;
  const file = path.join(codeDir, TYPESCRIPT_TOOLS_FILE);
  options.log?.(`Reading the tools of ${path.relative(root, file)}`);
  const tools = typeScriptToolSchemas(file, { root });
  cache.set(codeDir, hash, tools);
  return tools;
}
