import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CliError } from './output';
import { PROJENRC } from './project-root';

/** A synth that threw: the model's issues when it was a ModelError. */
export class SynthError extends CliError {
  constructor(
    message: string,
    readonly issues?: readonly { where: string; message: string }[],
  ) {
    super(message);
    this.name = 'SynthError';
  }
}

/**
 * Runs the project's `.projenrc.ts`, as `npx projen` does, with the library installed in the project
 * (the file imports it from its own node_modules). In this process when the project has tsx (the
 * default task's runner): loading tsx and projen once is much faster than a child process.
 * Output of the synth goes to stderr, so that `--json` output stays one object on stdout.
 */
export function synthProject(root: string): void {
  const register = typeScriptLoader(root);
  if (!register) {
    synthInChild(root);
    return;
  }
  const cwd = process.cwd();
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  process.chdir(root);
  try {
    register();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the user's .projenrc.ts in this process
    require(path.join(root, PROJENRC));
  } catch (e) {
    throw asSynthError(e);
  } finally {
    process.chdir(cwd);
    process.stdout.write = write;
  }
}

/** How to make `require` load .ts files: already possible (run through tsx), or tsx from the project. */
export function typeScriptLoader(root: string): (() => void) | undefined {
  if (require.extensions['.ts']) return () => {};
  let api: string;
  try {
    api = require.resolve('tsx/cjs/api', { paths: [root] });
  } catch {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- tsx of the user's project, found at run time
  return () => (require(api) as { register: () => void }).register();
}

export function synthInChild(root: string): void {
  const result = spawnSync('npx', ['tsx', PROJENRC], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  process.stderr.write(result.stdout ?? '');
  if (result.status !== 0) {
    const output = (result.stderr ?? '').trim();
    const model = /The AgentCore project model has[\s\S]*?(?=\n\s*at |\n\n|$)/.exec(output)?.[0];
    throw new SynthError(model ?? `\`npx tsx ${PROJENRC}\` failed${output ? `:\n${output}` : ''}`);
  }
}

/** The error as the user should see it; a ModelError from the project's copy of the library keeps its issues. */
export function asSynthError(e: unknown): SynthError {
  const err = e as { name?: string; message?: string; issues?: { where: string; message: string }[] };
  if (err?.name === 'ModelError' && Array.isArray(err.issues)) return new SynthError(err.message ?? 'invalid model', err.issues);
  const message = e instanceof Error ? e.message : String(e);
  return new SynthError(`Running ${PROJENRC} failed: ${message}`);
}
