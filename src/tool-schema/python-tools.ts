import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { type ToolDefinition, toolDefinition } from '../model/managed-server';
import { PACKAGE_ROOT } from '../package-root';
import { UserError } from '../user-error';
import { codeHash } from './code-hash';
import { ToolSchemaCache } from './tool-schema-cache';
import { ToolSchemaError } from './tool-schema-error';

/** The script that imports `tools.py` and prints its tools (standard library only). */
export const PYTHON_TOOL_SCHEMAS_SCRIPT = path.join(PACKAGE_ROOT, 'scripts', 'tool_schemas.py');

/** Importing a module should take seconds; one that serves or waits at import would never end. */
const PYTHON_TIMEOUT_MS = 60_000;

export interface PythonToolsOptions {
  /** Project root: messages name files relative to it, and the cache lives under it. */
  readonly root: string;
  /** The Python that imports the code. @default the code folder's `.venv` when it has one, else `python3` */
  readonly python?: string;
  /** Where read schemas are kept. @default `agentcore/.deploy/cache/tool-schemas` under the root */
  readonly cache?: ToolSchemaCache;
  /** Told when Python runs (a cached read says nothing). */
  readonly log?: (line: string) => void;
}

const scriptAnswer = z.object({
  tools: z.array(toolDefinition),
  issues: z.array(z.object({ where: z.string(), message: z.string() })),
});

/**
 * The tools of a Lambda-hosted Python server (`<codeDir>/tools.py`), read by importing the module
 * with the code's own Python (its `.venv`, where its dependencies are) and kept in the cache until a
 * file of the folder changes. Throws a ToolSchemaError listing every problem.
 */
export async function pythonToolSchemas(codeDir: string, options: PythonToolsOptions): Promise<ToolDefinition[]> {
  const python = options.python ?? defaultPython(codeDir);
  const cache = options.cache ?? new ToolSchemaCache(options.root);
  const hash = codeHash(codeDir, ['python', python, fs.readFileSync(PYTHON_TOOL_SCHEMAS_SCRIPT, 'utf8')]);
  const cached = cache.get(codeDir, hash);
  if (cached) return cached;
  const label = path.relative(options.root, path.join(codeDir, 'tools.py')).split(path.sep).join('/');
  options.log?.(`Reading the tools of ${label} with ${python}`);
  const answer = await runScript(python, codeDir, label);
  if (answer.issues.length > 0) throw new ToolSchemaError(label, answer.issues);
  cache.set(codeDir, hash, answer.tools);
  return answer.tools;
}

/** The code folder's virtual environment when it has one (its dependencies are there), else `python3`. */
export function defaultPython(codeDir: string): string {
  const venv = path.join(codeDir, '.venv', process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
  if (fs.existsSync(venv)) return venv;
  return process.platform === 'win32' ? 'python' : 'python3';
}

function runScript(python: string, codeDir: string, label: string): Promise<z.infer<typeof scriptAnswer>> {
  return new Promise((resolve, reject) => {
    execFile(
      python,
      // -B: no __pycache__ written into the user's folder.
      ['-B', PYTHON_TOOL_SCHEMAS_SCRIPT, path.resolve(codeDir), label],
      { timeout: PYTHON_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8' } },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            new UserError(
              `cannot read the tools of ${label}: ${python} was not found; install Python 3.10 or newer, or create the server's .venv (\`uv sync\` in its folder)`,
            ),
          );
          return;
        }
        if (error?.killed) {
          reject(
            new UserError(
              `cannot read the tools of ${label}: importing it did not finish within ${PYTHON_TIMEOUT_MS / 1000} s; move work done at import time into the functions`,
            ),
          );
          return;
        }
        let parsed: z.infer<typeof scriptAnswer> | undefined;
        try {
          parsed = scriptAnswer.safeParse(JSON.parse(stdout)).data;
        } catch {
          parsed = undefined;
        }
        if (!parsed) {
          const tail = stderr.trim().split('\n').slice(-5).join('\n');
          reject(new UserError(`cannot read the tools of ${label}: ${python} ended without an answer${tail ? `:\n${tail}` : ''}`));
          return;
        }
        resolve(parsed);
      },
    );
  });
}
