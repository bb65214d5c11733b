import { type ChildProcess, fork } from 'node:child_process';

/*
 * A local stand-in for a remote service, run in its own process so that its CPU is not billed to
 * the deploy being measured. The child speaks a small IPC protocol (the one of
 * test/fixtures/fake-control-plane/serve.ts): it first sends `{ endpoint }`; then 'calls' answers
 * `{ calls }` (its call log), 'reset' clears the log and answers `{ reset: true }`, 'close' exits.
 */

export interface RemoteService<C> {
  readonly endpoint: string;
  calls(): Promise<C[]>;
  reset(): Promise<boolean>;
  close(): Promise<void>;
}

/** Forks `script` (TypeScript, run by tsx) with `options` as JSON in argv[2]. */
export async function startRemote<C>(script: string, options: object): Promise<RemoteService<C>> {
  const child: ChildProcess = fork(script, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(message: string, key: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (m: Record<string, unknown>) => {
        if (key in m) {
          child.off('message', on);
          child.off('exit', exited);
          resolve(m[key] as T);
        }
      };
      const exited = (code: number | null) => reject(new Error(`${script} exited (${code}) before answering "${key}"`));
      child.on('message', on);
      child.once('exit', exited);
      if (message) child.send(message);
    });
  const endpoint = await ask<string>('', 'endpoint');
  return {
    endpoint,
    calls: () => ask<C[]>('calls', 'calls'),
    reset: () => ask<boolean>('reset', 'reset'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve()).send('close');
      }),
  };
}
