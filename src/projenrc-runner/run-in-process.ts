import { runInChild } from './run-in-child';
import { errorOf, runProjenrc } from './synth-outcome';
import { typeScriptLoader } from './type-script-loader';

/**
 * Runs the project's `.projenrc.ts`, as `npx projen` does, with the library installed in the project
 * (the file imports it from its own node_modules). In this process when the project has tsx (the
 * default task's runner): loading tsx and projen once is much faster than a child process.
 * Output of the synth goes to stderr, so that `--json` output stays one object on stdout.
 * Throws a SynthError.
 */
export function synthProject(root: string): void {
  const register = typeScriptLoader(root);
  if (!register) {
    runInChild(root);
    return;
  }
  const cwd = process.cwd();
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  process.chdir(root);
  try {
    register();
    const error = errorOf(runProjenrc(root));
    if (error) throw error;
  } finally {
    process.chdir(cwd);
    process.stdout.write = write;
  }
}
