import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../../helpers/tmp';

export const REPO = path.resolve(__dirname, '..', '..', '..');
const ENTRY = path.join(__dirname, 'cli-entry.ts');
/** tsx's loader, by URL, so that it is found from any folder. */
export const TSX = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `agentcore-projen <args>` from source in `cwd`, as a user would in a terminal. */
export function cli(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, ['--import', TSX, ENTRY, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command line written as for the `agentcore` CLI (`agentcore add ...`, `\` continuations). */
export function agentcore(cwd: string, commandLine: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const words = [...commandLine.replace(/\\\n/g, ' ').matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  if (words[0] !== 'agentcore') throw new Error(`not an agentcore command: ${commandLine}`);
  return cli(cwd, words.slice(1), env);
}

/** Like `agentcore`, but fails the test with the CLI's output when the command fails. */
export function agentcoreOk(cwd: string, commandLine: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const r = agentcore(cwd, commandLine, env);
  if (r.status !== 0) throw new Error(`${commandLine}\nexited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Packages a project needs at synth and for `tsc`, taken from this checkout's node_modules. */
const LINKED = ['tsx', 'typescript', 'projen', 'constructs', '@types/node'];

/**
 * Makes the library "installed" in a project without npm: node_modules/agentcore-projen is a tiny
 * package that re-exports this checkout's sources (the project runs them through tsx, like
 * .projenrc.ts), and the project's other dependencies are links into this checkout.
 */
export function linkLibrary(project: string): void {
  const lib = path.join(project, 'node_modules', 'agentcore-projen');
  fs.mkdirSync(lib, { recursive: true });
  fs.writeFileSync(path.join(lib, 'package.json'), JSON.stringify({ name: 'agentcore-projen', version: '0.0.0', main: 'index.ts', types: 'index.ts' }));
  fs.writeFileSync(path.join(lib, 'index.ts'), `export * from ${JSON.stringify(path.join(REPO, 'src', 'index'))};\n`);
  for (const pkg of LINKED) {
    const link = path.join(project, 'node_modules', pkg);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(REPO, 'node_modules', pkg), link, 'dir');
  }
}

/**
 * `agentcore create --name <name> --defaults` in a fresh temp folder; the library is linked
 * instead of installed, then the first synth runs as `create` would. Returns the project folder.
 */
export function createProject(name = 'MyProject'): string {
  const parent = tempDir('agentcore-projen-cli-');
  agentcoreOk(parent, `agentcore create --name ${name} --defaults --skip-install`);
  const project = path.join(parent, name);
  linkLibrary(project);
  const r = spawnSync(process.execPath, ['--import', TSX, '.projenrc.ts'], { cwd: project, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`first synth failed:\n${r.stderr}`);
  return project;
}

/** Every file of the project but node_modules: path → bytes. */
export function files(project: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(project, p), fs.readFileSync(p));
    }
  };
  walk(project);
  return out;
}

export function read(project: string, file: string): string {
  return fs.readFileSync(path.join(project, file), 'utf8');
}

export function write(project: string, file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  fs.writeFileSync(path.join(project, file), content);
}

/** The synthesized config. */
export function config(project: string) {
  return JSON.parse(read(project, 'agentcore/agentcore.json'));
}

/** Type errors `tsc --noEmit` reports for the project's .projenrc.ts (the library's own sources are not judged here). */
export function projenrcTypeErrors(project: string): string[] {
  const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: project, encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.startsWith('.projenrc.ts'));
}
