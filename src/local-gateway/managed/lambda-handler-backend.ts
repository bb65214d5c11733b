import * as path from 'node:path';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Readable } from 'node:stream';
import type { McpLanguage, ToolDefinition } from '../../model/managed-server';
import { PACKAGE_ROOT } from '../../package-root';
import { TOOL_NAME_SEPARATOR } from '../../render/mcp/managed-server-context';
import { validateToolArguments } from '../../tool-schema/validate-arguments';
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

export interface LambdaHandlerOptions {
  readonly target: string;
  readonly codeDir: string;
  readonly language: McpLanguage;
  readonly launcher: Launcher;
  readonly logger: GatewayLogger;
  /** The tool schemas as the code declares them now (read again after an edit; throws when the code has problems). */
  readonly readSchemas: () => Promise<readonly ToolDefinition[]>;
}

interface Running {
  readonly process: ServerProcess;
  readonly channel: RunnerChannel;
  readonly fingerprint: string;
}

/**
 * A managed server hosted on Lambda, served locally: its generated handler runs in a child process
 * and each tool call invokes it as Lambda would, with the arguments as the event and
 * `<target>___<tool>` as `bedrockAgentCoreToolName` in the client context. The tools and their
 * input schemas are read from the code (tool-schema/), and a call's arguments are checked against
 * them first. An edit of the code folder restarts the process on the next call.
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
    await this.current();
    return (await this.schemas()).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }) as Tool);
  }

  async callTool(name: string, args: Record<string, unknown>, ctx: CallContext): Promise<CallToolResult> {
    const running = await this.current();
    const fullName = `${this.options.target}${TOOL_NAME_SEPARATOR}${name}`;
    // Checked as the gateway checks them, against the schema read from the code, before the function runs.
    const tool = (await this.schemas()).find((t) => t.name === name);
    if (!tool) return toolError(`Tool "${fullName}" is not a tool of the code any more; list the tools again`);
    const check = validateToolArguments(tool, args);
    if (!check.valid) return toolError(`Tool "${fullName}" was not called: ${check.message}`);
    const call = running.channel.request({ tool: fullName, event: args });
    let answer: RunnerAnswer;
    try {
      answer = await withinCall(call, ctx, () => {
        // Like a Lambda invocation that timed out: the process is ended and the next call starts afresh.
        void this.stopRunning();
      });
    } catch (e) {
      // As on Lambda, an invocation that crashed or timed out fails that call; the next one starts a fresh process.
      if (e instanceof InvocationFailed) return toolError(`Tool "${fullName}" failed: ${e.message}`);
      throw e;
    }
    if (answer.error !== undefined) return toolError(`Tool "${fullName}" failed: ${answer.error}`);
    const result = answer.result;
    return { content: [{ type: 'text', text: typeof result === 'string' ? result : JSON.stringify(result) }] };
  }

  /** The tools the code declares; code whose tools cannot be read makes the target unavailable, with the reason. */
  private async schemas(): Promise<readonly ToolDefinition[]> {
    try {
      return await this.options.readSchemas();
    } catch (e) {
      throw new TargetUnavailableError(e instanceof Error ? e.message : String(e));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.stopRunning();
  }

  private async current(): Promise<Running> {
    if (this.closed) throw new TargetUnavailableError('the local gateway is stopping');
    const running = this.running;
    const changed = running !== undefined && running.fingerprint !== codeFingerprint(this.options.codeDir);
    if (running && running.process.running && !changed) return running;
    const why = running === undefined ? 'loading' : changed ? 'its code changed; reloading' : 'its process had ended; reloading';
    this.starting ??= this.restart(why).finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async restart(why: string): Promise<Running> {
    const { target, codeDir, language, logger } = this.options;
    await this.stopRunning();
    try {
      const run = await this.options.launcher.prepare(RUNNERS[language], [codeDir]);
      if (this.closed) throw new Error('the local gateway is stopping');
      const fingerprint = codeFingerprint(codeDir);
      logger.info(`target "${target}": ${why} the Lambda handler`);
      const child = new ServerProcess({
        command: run.command,
        args: run.args,
        cwd: codeDir,
        env: { ...process.env, PYTHONUNBUFFERED: '1' },
        label: `target "${target}"`,
        logger,
        // stdin: requests; fd 3: answers; stdout and stderr: the code's own output, to the log.
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      });
      const channel = new RunnerChannel(child.child.stdin!, child.child.stdio[3] as Readable);
      void child.exited.then((how) => {
        const output = child.recentOutput();
        channel.failAll(new InvocationFailed(`its Lambda handler's process ended (${how})${output ? `:\n${output}` : ''}`));
      });
      this.running = { process: child, channel, fingerprint };
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

/** An invocation that crashed its process or ran out of time: that call fails, the target stays in service. */
class InvocationFailed extends Error {}

/** The answer, unless the caller goes or the call's time is up first (then `onGiveUp` runs). */
function withinCall<T>(work: Promise<T>, ctx: CallContext, onGiveUp: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const giveUp = (error: Error) => {
      cleanup();
      onGiveUp();
      reject(error);
    };
    const timer = setTimeout(
      () => giveUp(new InvocationFailed(`the Lambda handler did not answer within ${ctx.timeoutMs} ms; its process was ended`)),
      ctx.timeoutMs,
    );
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
