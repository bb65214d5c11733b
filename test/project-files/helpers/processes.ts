import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const REPO = path.join(__dirname, '..', '..', '..');
const TSX = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const HOLD_LOCK = path.join(__dirname, 'hold-lock.ts');
const CLI = path.join(REPO, 'test', 'cli', 'helpers', 'cli-entry.ts');

export interface Started {
  readonly child: ChildProcess;
  /** The next line the process prints on stdout (each line is handed out once, in order). */
  nextLine(): Promise<string>;
  /** Resolves once stderr has printed text matching `pattern`. */
  stderrMatches(pattern: RegExp): Promise<void>;
  /** Resolves when the process has ended (and was reaped), with what it printed. */
  readonly ended: Promise<{ status: number | null; stdout: string; stderr: string }>;
}

const started: ChildProcess[] = [];

/** Starts a process in a group of its own, so that stopAll can end it and anything it started. */
export function start(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Started {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', NODE_NO_WARNINGS: '1', ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  const stderrWaits: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of stderrWaits.splice(0)) {
      if (w.pattern.test(stderr)) w.resolve();
      else stderrWaits.push(w);
    }
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const ended = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
  return {
    child,
    ended,
    async nextLine() {
      const next = await lines.next();
      if (next.done) throw new Error(`process ${child.pid} ended without printing another line:\n${stderr}`);
      return next.value;
    },
    stderrMatches(pattern) {
      if (pattern.test(stderr)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        stderrWaits.push({ pattern, resolve });
        void ended.then(() => reject(new Error(`process ${child.pid} ended without printing ${pattern}:\n${stderr}`)));
      });
    },
  };
}

/** A process that takes `file` for `command` (after `go` appears, if given) and holds it. */
export function holdLock(file: string, command: string, go?: string): Started {
  return start(process.execPath, ['--import', TSX, HOLD_LOCK, file, command, ...(go ? [go] : [])]);
}

/** `agentcore-projen <args>` from source, run in `cwd` as a user would in a terminal. */
export function startCli(cwd: string, args: readonly string[]): Started {
  return start(process.execPath, ['--import', TSX, CLI, ...args], { cwd });
}

/** Ends a process for good, as a crash would (SIGKILL to its group), and waits for it. */
export async function kill(p: Started): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) {
    try {
      process.kill(-p.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await p.ended;
}

/** Ends every process started here. */
export async function stopAll(): Promise<void> {
  const all = started.splice(0);
  await Promise.all(
    all.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await closed;
    }),
  );
}
