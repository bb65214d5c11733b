import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
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

function systemPython(): string {
  for (const candidate of ['python3', 'python']) if (onPath(candidate)) return candidate;
  throw new UserError('Python was not found: install Python 3.10 or newer (or uv) and try again');
}

function venvPython(agentDir: string): string {
  return path.join(agentDir, '.venv', process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
}

/**
 * The command that runs `entrypoint` in the agent's folder with its dependencies installed:
 * `uv run` when uv is on the PATH (it syncs the agent's `.venv` from pyproject.toml), else a
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
  if (onPath('uv')) return { command: 'uv', args: ['run', '--quiet', 'python', entrypoint], via: 'uv' };
  const python = venvPython(agentDir);
  if (!fs.existsSync(python)) {
    options.log(`Creating ${path.join(path.basename(agentDir), '.venv')} (uv was not found; using python -m venv and pip)...`);
    run(systemPython(), ['-m', 'venv', '.venv'], agentDir);
  }
  const dependencies = readDependencies(python, agentDir);
  const stampFile = path.join(agentDir, '.venv', STAMP);
  const stamp = JSON.stringify(dependencies);
  if (!fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) {
    if (dependencies.length > 0) {
      options.log(`Installing ${dependencies.length} dependencies with pip...`);
      run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...dependencies], agentDir);
    }
    fs.writeFileSync(stampFile, stamp);
  }
  return { command: python, args: [entrypoint], via: 'python -m venv + pip' };
}

/** `[project] dependencies` of the agent's pyproject.toml, read with Python's own TOML parser. */
function readDependencies(python: string, agentDir: string): string[] {
  const script = 'import json, tomllib; print(json.dumps(tomllib.load(open("pyproject.toml", "rb")).get("project", {}).get("dependencies", [])))';
  const r = spawnSync(python, ['-c', script], { cwd: agentDir, encoding: 'utf8' });
  if (r.status !== 0) throw new UserError(`Could not read the dependencies of ${path.join(agentDir, 'pyproject.toml')}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as string[];
}

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new UserError(`\`${path.basename(command)} ${args.slice(0, 3).join(' ')} ...\` failed in ${cwd}:\n${r.stderr.trim()}`);
}
