import { Worker } from 'node:worker_threads';
import { runInChild } from './run-in-child';
import { errorOf, outcomeOf, type SynthOutcome } from './synth-outcome';
import { entryFile, typeScriptLoader } from './type-script-loader';

/** A synth of one project, started early so that loading overlaps with the edit. */
export interface PreparedSynth {
  /** Runs `.projenrc.ts` as it is on disk now; rejects with a SynthError. */
  run(): Promise<void>;
  /** Stops the worker if the synth was not needed after all. */
  dispose(): Promise<void>;
}

/**
 * Starts loading what synth needs in a worker thread. Changes the process's working directory to
 * the project root (projen writes relative to it; workers cannot change it themselves). Without
 * tsx in the project, synth runs in a child when asked.
 */
export function prepareSynth(root: string): PreparedSynth {
  process.chdir(root);
  if (!typeScriptLoader(root)) return { run: async () => runInChild(root), dispose: async () => undefined };
  const entry = entryFile('synth-worker');
  // Run from source (tests), the worker needs tsx to load its own .ts file; lib/ is plain JS.
  const load = entry.endsWith('.ts') ? `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();` : '';
  const worker = new Worker(`${load}require(${JSON.stringify(entry)});`, { eval: true, workerData: { root } });
  let finished = false;
  return {
    run: () =>
      new Promise<void>((resolve, reject) => {
        worker.once('error', (e) => reject(errorOf(outcomeOf(e))));
        worker.once('exit', (code) => {
          if (!finished) reject(errorOf(outcomeOf(new Error(`the synth worker stopped (exit code ${code})`))));
        });
        worker.once('message', (outcome: SynthOutcome) => {
          finished = true;
          const error = errorOf(outcome);
          if (error) reject(error);
          else resolve();
        });
        worker.postMessage('synth');
      }),
    dispose: async () => {
      finished = true;
      await worker.terminate();
    },
  };
}
