import { parentPort, workerData } from 'node:worker_threads';
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy of the library the project uses
  require(require.resolve('agentcore-projen', { paths: [root] }));
} catch {
  // Preloading is only a head start; the synth itself reports any real problem.
}

parentPort!.once('message', () => {
  parentPort!.postMessage(runProjenrc(root));
});
