import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const TSX = pathToFileURL(path.join(__dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const HOLD_LOCK = path.join(__dirname, 'hold-lock.ts');

export interface Started {
  readonly child: ChildProcess;
  /** The next line the process prints (each line is handed out once, in order). */
  nextLine(): Promise<string>;
  /** Resolves when the process has ended (and was reaped). */
  readonly ended: Promise<void>;
}

const started: ChildProcess[] = [];

/** Starts a process in a group of its own, so that stopAll can end it and anything it started. */
export function start(command: string, args: readonly string[]): Started {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const ended = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    child,
    ended,
    async nextLine() {
      const next = await lines.next();
      if (next.done) throw new Error(`process ${child.pid} ended without printing another line`);
      return next.value;
    },
  };
}

/** A process that takes `file` for `command` (after `go` appears, if given) and holds it. */
export function holdLock(file: string, command: string, go?: string): Started {
  return start(process.execPath, ['--import', TSX, HOLD_LOCK, file, command, ...(go ? [go] : [])]);
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
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        await new Promise<void>((resolve) => child.once('close', () => resolve()));
      }
    }),
  );
}
