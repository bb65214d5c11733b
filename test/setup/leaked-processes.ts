import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';

/*
 * Fails the test run when a process a test started outlives it. Every process started during the
 * run inherits a marker variable from here (vitest's workers are forked after the global setup, and
 * child processes inherit their parent's environment), so at teardown any process that still
 * carries this run's marker was left behind by a test: it is listed, killed, and the run fails.
 * Processes that detach into their own group or session are found too, unlike a scan of the
 * vitest process group. A process started with an environment that drops the marker (a bare
 * `env: {...}` instead of `{ ...process.env, ... }`) is not seen.
 */

/** The variable every process of this run carries; the value tells this run from another one. */
export const RUN_MARKER = 'AGENTCORE_PROJEN_TEST_RUN';

/** How long teardown lets a process that was just told to stop finish on its own. */
const GRACE_MS = 3_000;

interface Survivor {
  readonly pid: number;
  readonly command: string;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // gone, or not ours to read
  }
}

/** Processes other than vitest's own that carry `marker=value` in their environment (Linux /proc). */
export function processesWithMarker(value: string, exclude: ReadonlySet<number>): Survivor[] {
  const needle = `${RUN_MARKER}=${value}`;
  const found: Survivor[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || exclude.has(pid)) continue;
    const environ = read(`/proc/${pid}/environ`);
    if (!environ?.split('\0').includes(needle)) continue;
    const stat = read(`/proc/${pid}/stat`);
    if (stat && stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue; // a zombie is already dead
    found.push({ pid, command: (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim() });
  }
  return found;
}

/** vitest's own workers: children of this process that run vitest. */
function vitestWorkers(): Set<number> {
  const own = new Set([process.pid]);
  for (const entry of fs.readdirSync('/proc')) {
    const stat = read(`/proc/${entry}/stat`);
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN;
    if (ppid === process.pid && (read(`/proc/${entry}/cmdline`) ?? '').includes('vitest')) own.add(Number(entry));
  }
  return own;
}

export default function setup(): (() => Promise<void>) | undefined {
  if (process.platform !== 'linux') return undefined; // /proc is needed to see other processes' environments
  const value = randomUUID();
  process.env[RUN_MARKER] = value;
  return async () => {
    let survivors = processesWithMarker(value, vitestWorkers());
    for (let waited = 0; survivors.length > 0 && waited < GRACE_MS; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      survivors = processesWithMarker(value, vitestWorkers());
    }
    if (survivors.length === 0) return;
    for (const { pid } of survivors) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // it ended in the meantime
      }
    }
    // vitest only logs an error thrown by a global teardown; the exit code is what CI sees.
    process.exitCode = 1;
    throw new Error(
      `${survivors.length} process${survivors.length > 1 ? 'es' : ''} started by the tests outlived them (now killed); ` +
        `a test must end what it starts, e.g. spawn it detached and kill its process group:\n` +
        survivors.map((s) => `  pid ${s.pid}: ${s.command}`).join('\n'),
    );
  };
}
