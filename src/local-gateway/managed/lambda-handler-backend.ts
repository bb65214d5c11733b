import * as path from 'node:path';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Readable } from 'node:stream';
import type { ToolDefinition } from '../../model/managed-server';
import { PACKAGE_ROOT } from '../../package-root';
import type { McpLanguage } from '../../model/managed-server';
import { TOOL_NAME_SEPARATOR } from '../../render/mcp/managed-server-context';
import type { GatewayLogger } from '../logger';
import { type CallContext, type TargetBackend, TargetUnavailableError, toolError } from '../targets/target-backend';
import { codeFingerprint } from './code-fingerprint';
import type { Launcher } from './launcher';
import { type RunnerAnswer, RunnerChannel } from './runner-channel';
import { ServerProcess } from './server-process';

/** The runners that call a generated handler as Lambda would, per language. */
const RUNNERS: Readonly<Record<McpLanguage, string>> = {
  Python: path.join(PACKAGE_ROOT, 'templates/mcp/local/lambda_runner.py'),
  TypeScript: path.join(PACKAGE_ROOT, 'templates/mcp/local/lambda-runner.cjs'),
};

/**
 * The tool schemas of a Lambda-hosted server read from its code, when there is a reader for its
 * language; undefined when there is none (the runner then lists the functions' names).
 */
export type ToolSchemaReader = (codeDir: string) => Promise<readonly ToolDefinition[] | undefined>;

export interface LambdaHandlerOptions {
  readonly target: string;
  readonly codeDir: string;
  readonly language: McpLanguage;
  readonly launcher: Launcher;
  readonly logger: GatewayLogger;
  /** Reads the tool schemas from the code (again after an edit). */
  readonly readSchemas: ToolSchemaReader;
}

interface Running {
  readonly process: ServerProcess;
  readonly channel: RunnerChannel;
  readonly fingerprint: string;
}

/**
 * A managed server hosted on Lambda, served locally: its generated handler runs in a child process
 * and each tool call invokes it as Lambda would, with the arguments as the event and
 * `<target>___<tool>` as `bedrockAgentCoreToolName` in the client context. The tool list is the
 * one read from the code. An edit of the code folder restarts the process on the next call.
 */
export class LambdaHandlerBackend implements TargetBackend {
  private running: Running | undefined;
  private starting: Promise<Running> | undefined;
  private closed = false;

  constructor(private readonly options: LambdaHandlerOptions) {}

  async start(): Promise<void> {
    await this.current();
  }

  async listTools(): Promise<Tool[]> {
    const running = await this.current();
    const read = await this.options.readSchemas(this.options.codeDir);
    if (read) return read.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }) as Tool);
    const listed = await this.ask(running, { op: 'list' });
    return (listed.tools ?? []).map((t) => ({ name: t.name, description: t.description ?? '', inputSchema: { type: 'object' } }));
  }

  async callTool(name: string, args: Record<string, unknown>, ctx: CallContext): Promise<CallToolResult> {
    const running = await this.current();
    const call = this.ask(running, { op: 'call', tool: `${this.options.target}${TOOL_NAME_SEPARATOR}${name}`, event: args });
    const answer = await withinCall(call, ctx, () => {
      // Like a Lambda invocation that timed out: the process is ended and the next call starts afresh.
      void this.stopRunning();
    });
    if (answer.error !== undefined) return toolError(`Tool "${this.options.target}${TOOL_NAME_SEPARATOR}${name}" failed: ${answer.error}`);
    const result = answer.result;
    return { content: [{ type: 'text', text: typeof result === 'string' ? result : JSON.stringify(result) }] };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.stopRunning();
  }

  private async ask(running: Running, body: Record<string, unknown>): Promise<RunnerAnswer> {
    return running.channel.request(body);
  }

  private async current(): Promise<Running> {
    if (this.closed) throw new TargetUnavailableError('the local gateway is stopping');
    const running = this.running;
    if (running && running.process.running && running.fingerprint === codeFingerprint(this.options.codeDir)) return running;
    this.starting ??= this.restart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async restart(): Promise<Running> {
    const { target, codeDir, language, logger } = this.options;
    const restarting = this.running !== undefined;
    await this.stopRunning();
    try {
      const run = await this.options.launcher.prepare(RUNNERS[language], [codeDir]);
      if (this.closed) throw new Error('the local gateway is stopping');
      const fingerprint = codeFingerprint(codeDir);
      logger.info(`target "${target}": ${restarting ? 'its code changed; reloading' : 'loading'} the Lambda handler`);
      const process = new ServerProcess({
        command: run.command,
        args: run.args,
        cwd: codeDir,
        env: { ...globalThis.process.env, PYTHONUNBUFFERED: '1' },
        label: `target "${target}"`,
        logger,
        // stdin: requests; fd 3: answers; stdout and stderr: the code's own output, to the log.
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      });
      const channel = new RunnerChannel(process.child.stdin!, process.child.stdio[3] as Readable);
      void process.exited.then((how) => {
        const output = process.recentOutput();
        channel.failAll(new TargetUnavailableError(`the Lambda handler of "${target}" stopped (${how})${output ? `:\n${output}` : ''}`));
      });
      this.running = { process, channel, fingerprint };
      return this.running;
    } catch (e) {
      throw new TargetUnavailableError(`the Lambda handler of managed server "${target}" could not be started: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async stopRunning(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (!running) return;
    running.process.child.stdin?.end();
    await running.process.stop();
  }
}

/** The answer, unless the caller goes or the call's time is up first (then `onGiveUp` runs). */
function withinCall<T>(work: Promise<T>, ctx: CallContext, onGiveUp: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const giveUp = (error: Error) => {
      cleanup();
      onGiveUp();
      reject(error);
    };
    const timer = setTimeout(() => giveUp(new TargetUnavailableError(`the Lambda handler did not answer within ${ctx.timeoutMs} ms`)), ctx.timeoutMs);
    const onAbort = () => giveUp(new Error('the call was cancelled'));
    const cleanup = () => {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
