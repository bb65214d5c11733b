import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PROJENRC } from '../project-files/paths';
import { runProjenrc } from './synth-outcome';
import { typeScriptLoader } from './type-script-loader';

/*
 * A worker thread that loads the project's TypeScript runner, projen and the library while the
 * main thread parses and edits `.projenrc.ts` (on two cores the two loads overlap), then runs
 * `.projenrc.ts` when told to and posts its SynthOutcome. The process's working directory is the
 * project root already.
 */
const { root } = workerData as { root: string };
// Synth output goes to stderr: stdout is kept for the command's own answer (one JSON object with --json).
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;

const register = typeScriptLoader(root);
try {
  register?.();
  // The copy of the library the project uses, resolved as a file of the project would: a bare
  // require from here would resolve this package to itself (package.json "exports" → lib/).
  createRequire(path.join(root, PROJENRC))('agentcore-projen');
} catch {
  // Preloading is only a head start; the synth itself reports any real problem.
}

parentPort!.once('message', () => {
  parentPort!.postMessage(runProjenrc(root));
});
