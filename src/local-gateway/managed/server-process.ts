import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import * as readline from 'node:readline';
import type { GatewayLogger } from '../logger';

/** How long a process told to stop (SIGTERM) may take before it is killed. */
const STOP_GRACE_MS = 3_000;
/** Lines of output kept to explain a process that failed. */
const KEPT_LINES = 20;

export interface ServerProcessOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Prefix of its output lines in the gateway's log, e.g. `target "my-tools"`. */
  readonly label: string;
  readonly logger: GatewayLogger;
  /** @default ['ignore', 'pipe', 'pipe'] */
  readonly stdio?: StdioOptions;
}

/**
 * A child process that runs a managed server's code for the local gateway: its output goes to the
 * gateway's log (the last lines are kept to explain a failure), and `stop()` ends it. It stays in
 * the gateway's process group, so whoever ends the gateway's group ends it too.
 */
export class ServerProcess {
  readonly child: ChildProcess;
  /** Resolves when the process has ended, with a sentence that says how. */
  readonly exited: Promise<string>;
  private readonly lines: string[] = [];
  private ended = false;

  constructor(options: ServerProcessOptions) {
    this.child = spawn(options.command, [...options.args], { cwd: options.cwd, env: options.env, stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      readline.createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        if (this.lines.length > KEPT_LINES) this.lines.shift();
        options.logger.info(`${options.label}: ${line}`);
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.once('error', (e) => {
        this.ended = true;
        resolve(`could not start ${options.command}: ${e.message}`);
      });
      this.child.once('exit', (code, signal) => {
        this.ended = true;
        resolve(signal ? `it was ended by ${signal}` : `it exited with code ${code}`);
      });
    });
  }

  get running(): boolean {
    return !this.ended;
  }

  /** The last lines it wrote (stdout and stderr), to explain why it failed. */
  recentOutput(): string {
    return this.lines.join('\n');
  }

  /** Ends the process: SIGTERM, then SIGKILL if it is still there after a grace period. */
  async stop(): Promise<void> {
    if (this.ended) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}
