import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { GatewayLogger } from '../logger';
import type { OutboundAuth } from '../outbound/outbound-auth';
import { McpServerBackend } from '../targets/mcp-server-backend';
import { type CallContext, type TargetBackend, TargetUnavailableError } from '../targets/target-backend';
import { codeFingerprint } from './code-fingerprint';
import { freePort, waitForPort } from './free-port';
import type { Launcher } from './launcher';
import { ServerProcess } from './server-process';

export interface RuntimeServerOptions {
  /** The target name, for messages. */
  readonly target: string;
  /** The server's code folder (absolute). */
  readonly codeDir: string;
  /** Its entry point, relative to the folder: `server.py` or `server.ts`. */
  readonly entrypoint: string;
  readonly launcher: Launcher;
  readonly logger: GatewayLogger;
  readonly connectTimeoutMs: number;
  readonly maxAnswerBytes: number;
  /** Longest wait for a started server to listen. */
  readonly startTimeoutMs: number;
}

interface Running {
  readonly process: ServerProcess;
  readonly backend: McpServerBackend;
  readonly fingerprint: string;
}

const NO_AUTH: OutboundAuth = { apply: async () => undefined, rejected: () => undefined };

/**
 * A managed server hosted on AgentCore Runtime, served locally: its code runs as a child process on
 * a free port of 127.0.0.1 (as the Runtime runs it: streamable HTTP at /mcp) and the gateway talks
 * to it like to any `mcp-server` target. Before each listing or call the code folder is compared
 * with what the process was started from; an edit restarts it.
 */
export class RuntimeServerBackend implements TargetBackend {
  private running: Running | undefined;
  private starting: Promise<Running> | undefined;
  private closed = false;

  constructor(private readonly options: RuntimeServerOptions) {}

  /** Starts the server (installing its dependencies first), so the first call does not wait for it. */
  async start(): Promise<void> {
    await this.current();
  }

  async listTools(timeoutMs: number): Promise<Tool[]> {
    return (await this.current()).listTools(timeoutMs);
  }

  async callTool(name: string, args: Record<string, unknown>, ctx: CallContext) {
    return (await this.current()).callTool(name, args, ctx);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.stopRunning();
  }

  /** The backend of a server running the current code, started (again) when needed. */
  private async current(): Promise<McpServerBackend> {
    if (this.closed) throw new TargetUnavailableError('the local gateway is stopping');
    const running = this.running;
    if (running && running.process.running && running.fingerprint === codeFingerprint(this.options.codeDir)) return running.backend;
    this.starting ??= this.restart().finally(() => (this.starting = undefined));
    return (await this.starting).backend;
  }

  private async restart(): Promise<Running> {
    const { target, codeDir, entrypoint, logger } = this.options;
    const restarting = this.running !== undefined;
    await this.stopRunning();
    let process: ServerProcess | undefined;
    try {
      const run = await this.options.launcher.prepare(entrypoint, []);
      const fingerprint = codeFingerprint(codeDir);
      const port = await freePort();
      if (this.closed) throw new Error('the local gateway is stopping');
      logger.info(`target "${target}": ${restarting ? 'its code changed; restarting' : 'starting'} ${entrypoint} on 127.0.0.1:${port}`);
      process = new ServerProcess({
        command: run.command,
        args: run.args,
        cwd: codeDir,
        // HOST keeps the server on loopback here; on the Runtime it listens on 0.0.0.0.
        env: { ...globalThis.process.env, PORT: String(port), HOST: '127.0.0.1', PYTHONUNBUFFERED: '1' },
        label: `target "${target}"`,
        logger,
      });
      await waitForPort(port, process.exited, this.options.startTimeoutMs);
      const backend = new McpServerBackend(`http://127.0.0.1:${port}/mcp`, NO_AUTH, this.options.connectTimeoutMs, this.options.maxAnswerBytes);
      this.running = { process, backend, fingerprint };
      return this.running;
    } catch (e) {
      const output = process?.recentOutput();
      await process?.stop();
      const message = e instanceof Error ? e.message : String(e);
      throw new TargetUnavailableError(`${entrypoint} of managed server "${target}" could not be started: ${message}${output ? `\n${output}` : ''}`);
    }
  }

  private async stopRunning(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (!running) return;
    await running.backend.close();
    await running.process.stop();
  }
}
