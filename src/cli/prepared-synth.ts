import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { asSynthError, synthInChild, typeScriptLoader } from './synth';

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
 * tsx in the project, synth runs `npx tsx .projenrc.ts` when asked.
 */
export function prepareSynth(root: string): PreparedSynth {
  process.chdir(root);
  if (!typeScriptLoader(root)) return { run: async () => synthInChild(root), dispose: async () => undefined };
  const entry = path.join(__dirname, `synth-worker${path.extname(__filename)}`);
  // Run from source (tests), the worker needs tsx to load its own .ts file; lib/ is plain JS.
  const load = entry.endsWith('.ts') ? `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();` : '';
  const worker = new Worker(`${load}require(${JSON.stringify(entry)});`, { eval: true, workerData: { root } });
  let finished = false;
  return {
    run: () =>
      new Promise<void>((resolve, reject) => {
        worker.once('error', (e) => reject(asSynthError(e)));
        worker.once('exit', (code) => {
          if (!finished) reject(asSynthError(new Error(`the synth worker stopped (exit code ${code})`)));
        });
        worker.once('message', (m: { ok: boolean; name?: string; message?: string; issues?: unknown }) => {
          finished = true;
          if (m.ok) resolve();
          else reject(asSynthError(Object.assign(new Error(m.message), { name: m.name, issues: m.issues })));
        });
        worker.postMessage('synth');
      }),
    dispose: async () => {
      finished = true;
      await worker.terminate();
    },
  };
}
