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
    const changed = running !== undefined && running.fingerprint !== codeFingerprint(this.options.codeDir);
    if (running && running.process.running && !changed) return running.backend;
    const why = running === undefined ? 'starting' : changed ? 'its code changed; restarting' : 'it had stopped; restarting';
    this.starting ??= this.restart(why).finally(() => (this.starting = undefined));
    return (await this.starting).backend;
  }

  private async restart(why: string): Promise<Running> {
    const { target, codeDir, entrypoint, logger } = this.options;
    await this.stopRunning();
    let server: ServerProcess | undefined;
    try {
      const run = await this.options.launcher.prepare(entrypoint, []);
      const fingerprint = codeFingerprint(codeDir);
      const port = await freePort();
      if (this.closed) throw new Error('the local gateway is stopping');
      logger.info(`target "${target}": ${why} ${entrypoint} on 127.0.0.1:${port}`);
      server = new ServerProcess({
        command: run.command,
        args: run.args,
        cwd: codeDir,
        // HOST keeps the server on loopback here; on the Runtime it listens on 0.0.0.0.
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PYTHONUNBUFFERED: '1' },
        label: `target "${target}"`,
        logger,
      });
      await waitForPort(port, server.exited, this.options.startTimeoutMs);
      const backend = new McpServerBackend(`http://127.0.0.1:${port}/mcp`, NO_AUTH, this.options.connectTimeoutMs, this.options.maxAnswerBytes);
      this.running = { process: server, backend, fingerprint };
      return this.running;
    } catch (e) {
      const output = server?.recentOutput();
      await server?.stop();
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
