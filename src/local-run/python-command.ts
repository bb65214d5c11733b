import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../user-error';

/** How to start an agent's entry point. */
export interface PythonCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** What prepared the environment, for the start-up message. */
  readonly via: string;
}

const STAMP = '.agentcore-dependencies.json';

function onPath(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** uv, as packaging finds it: `$UV`, else `uv` on the PATH; undefined when neither runs. */
function findUv(): string | undefined {
  const uv = process.env.UV || 'uv';
  return onPath(uv) ? uv : undefined;
}

function systemPython(): string {
  for (const candidate of ['python3', 'python']) if (onPath(candidate)) return candidate;
  throw new UserError('Python was not found: install Python 3.10 or newer (or uv) and try again');
}

function venvPython(dir: string): string {
  return path.join(dir, '.venv', process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
}

/**
 * The command that runs `entrypoint` in the agent's folder with its dependencies installed:
 * `uv run` when uv is found (it syncs the agent's `.venv` from pyproject.toml), else a
 * `.venv` made with `python -m venv` and filled with pip (again only when the dependencies
 * changed). With `install: false` the agent's `.venv` (or the Python on the PATH) is used as is.
 */
export function pythonCommand(agentDir: string, entrypoint: string, options: { install: boolean; log: (line: string) => void }): PythonCommand {
  if (!options.install) {
    const venv = venvPython(agentDir);
    return fs.existsSync(venv)
      ? { command: venv, args: [entrypoint], via: '.venv (not synced)' }
      : { command: systemPython(), args: [entrypoint], via: 'the Python on the PATH (nothing installed)' };
  }
  const uv = findUv();
  if (uv) return { command: uv, args: ['run', '--quiet', 'python', entrypoint], via: 'uv' };
  return { command: pipEnvironment(agentDir, options.log), args: [entrypoint], via: 'python -m venv + pip' };
}

/**
 * The Python of `dir`'s own `.venv`, with the dependencies of its pyproject.toml installed: by
 * `uv sync` when uv is found, else by `python -m venv` and pip. The interpreter is returned rather
 * than a `uv run` wrapper so that whoever starts it owns the very process that runs the code.
 */
export async function pythonEnvironment(dir: string, log: (line: string) => void): Promise<string> {
  const uv = findUv();
  if (!uv) return pipEnvironment(dir, log);
  const python = venvPython(dir);
  if (!fs.existsSync(python)) log(`Installing the dependencies of ${path.join(path.basename(dir), 'pyproject.toml')} into .venv with uv (first run)...`);
  try {
    await promisify(execFile)(uv, ['sync', '--quiet'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message).trim();
    throw new UserError(`\`uv sync\` failed in ${dir} (check its pyproject.toml):\n${stderr}`);
  }
  return python;
}

/** A `.venv` made with `python -m venv` and filled with pip, again only when the dependencies changed. */
function pipEnvironment(dir: string, log: (line: string) => void): string {
  const python = venvPython(dir);
  if (!fs.existsSync(python)) {
    log(`Creating ${path.join(path.basename(dir), '.venv')} (uv was not found; using python -m venv and pip)...`);
    run(systemPython(), ['-m', 'venv', '.venv'], dir);
  }
  const dependencies = readDependencies(python, dir);
  const stampFile = path.join(dir, '.venv', STAMP);
  const stamp = JSON.stringify(dependencies);
  if (!fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) {
    if (dependencies.length > 0) {
      log(`Installing ${dependencies.length} dependencies with pip...`);
      run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...dependencies], dir);
    }
    fs.writeFileSync(stampFile, stamp);
  }
  return python;
}

/** `[project] dependencies` of the folder's pyproject.toml, read with Python's own TOML parser. */
function readDependencies(python: string, dir: string): string[] {
  const script = 'import json, tomllib; print(json.dumps(tomllib.load(open("pyproject.toml", "rb")).get("project", {}).get("dependencies", [])))';
  const r = spawnSync(python, ['-c', script], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new UserError(`Could not read the dependencies of ${path.join(dir, 'pyproject.toml')}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as string[];
}

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new UserError(`\`${path.basename(command)} ${args.slice(0, 3).join(' ')} ...\` failed in ${cwd}:\n${r.stderr.trim()}`);
}
