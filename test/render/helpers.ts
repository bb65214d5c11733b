import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const PYTHON_DIR = path.join(__dirname, 'python');

/** Runs python3 with only the variables given (plus PATH/HOME), so the caller's AGENTCORE_* never leak in. */
export function python(args: readonly string[], env: Record<string, string> = {}, input?: string): string {
  const result = spawnSync('python3', args, {
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PYTHONDONTWRITEBYTECODE: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python3 ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

export interface ModuleShape {
  readonly error: string | null;
  readonly statements: string[];
  readonly constants: Record<string, unknown>;
  readonly functions: string[];
  readonly docstring: string | null;
}

/** py_compile + a top-level description of each file, in one python3 run. */
export function inspectModules(files: readonly string[]): Record<string, ModuleShape> {
  return JSON.parse(python([path.join(PYTHON_DIR, 'inspect_modules.py'), ...files]));
}

export interface GatewayClients {
  readonly count: number;
  readonly clients: { url: string; auth: string | null; prefix: string | null }[];
  readonly warnings: string[];
}

/** get_gateway_clients() of each agent folder, run with the stub packages and the given env. */
export function gatewayClients(agentDirs: readonly string[], env: Record<string, string>): Record<string, GatewayClients> {
  return JSON.parse(python([path.join(PYTHON_DIR, 'gateway_clients.py'), ...agentDirs], env));
}

/** The part of a generated pyproject.toml the tests read. */
export interface PyProject {
  project: { description: string; dependencies: string[] };
}

/** A pyproject.toml as JSON, parsed by Python's tomllib. */
export function parseToml(text: string): PyProject {
  return JSON.parse(python(['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], {}, text));
}

/** Every .py file under `dir`. */
export function pythonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** What a generated Strands + Anthropic agent's load_model() used as API key, run with the stub packages and the given env. */
export function modelApiKey(agentDir: string, env: Record<string, string>): { apiKey?: string; error?: string; identityRequests: string[] } {
  return JSON.parse(python([path.join(PYTHON_DIR, 'model_api_key.py'), agentDir], env));
}
