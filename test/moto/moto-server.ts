import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * moto's server (https://github.com/getmoto/moto), an AWS emulator written independently of us,
 * started on 127.0.0.1 for the tests of one file. `npm run test:moto` (or test/moto/install.sh)
 * installs it into .venv-moto/; MOTO_SERVER may name another `moto_server` executable.
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const VENV_SERVER = path.join(REPO_ROOT, '.venv-moto', 'server', 'bin', 'moto_server');

/** The moto_server executable, or undefined when the tier is not installed. */
export function motoServerPath(): string | undefined {
  const candidate = process.env.MOTO_SERVER || VENV_SERVER;
  return fs.existsSync(candidate) ? candidate : undefined;
}

/** Why the tier cannot run here, for the skip message (and the CI failure). */
export const MOTO_MISSING =
  'moto is not installed: run `npm run test:moto` (installs it into .venv-moto/ and runs this tier), or set MOTO_SERVER to a moto_server executable';

export interface MotoServer {
  /** `http://127.0.0.1:<port>`: the endpoint of every emulated service. */
  readonly endpoint: string;
  /** Stops the server and everything it started (its process group). */
  stop(): Promise<void>;
}

/** Starts moto_server on a free port (the OS picks it) and resolves once it answers. */
export async function startMotoServer(executable: string): Promise<MotoServer> {
  // Its own process group, so stop() ends the server and any child it forked.
  const child = spawn(executable, ['-H', '127.0.0.1', '-p', '0'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1', NO_COLOR: '1' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  // Should this process end without stop() (a crashed worker), the server must not outlive it.
  process.once('exit', signalGroup);
  const stop = async () => {
    process.off('exit', signalGroup);
    signalGroup();
    await exited;
  };
  try {
    const port = await listeningPort(child);
    const endpoint = `http://127.0.0.1:${port}`;
    await answers(endpoint);
    return { endpoint, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Werkzeug prints the address it bound (`Running on http://127.0.0.1:PORT`) on stderr. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        // Keep draining, so a chatty server never blocks on a full pipe.
        child.stdout!.resume();
        child.stderr!.resume();
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`moto_server exited (${code ?? signal}) before listening:\n${output}`)));
  });
}

/** moto's own API answers once every backend is loaded. */
async function answers(endpoint: string): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      await res.arrayBuffer();
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server at ${endpoint} does not answer: ${last}`);
}
