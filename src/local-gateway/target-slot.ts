import { type CallToolResult, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { AnswerTooLargeError } from './http/answer-limit';
import type { GatewayLogger } from './logger';
import { type TargetBackend, TargetUnavailableError, toolError } from './targets/target-backend';

export interface TargetSlotTimings {
  /** Longest wait for a target's tool list. */
  readonly listTimeoutMs: number;
  /** Longest wait for one tool call. */
  readonly callTimeoutMs: number;
  /** How long a tool list is used before it is fetched again (in the background). */
  readonly listTtlMs: number;
  /** After a failure, how long calls fail fast before the target is tried again. */
  readonly retryAfterMs: number;
}

/**
 * One target behind a gateway, with its health: the last tool list it gave, and whether it is
 * unavailable. A failing target is tried again after `retryAfterMs`; meanwhile its calls fail fast
 * with a tool error and its tools stay listed, marked unavailable, so other targets are unaffected.
 */
export class TargetSlot {
  private tools: Tool[] | undefined;
  private listedAt = 0;
  private listing: Promise<void> | undefined;
  private down: { reason: string; retryAt: number } | undefined;
  /** Bumped whenever what the slot lists changes, so the catalog can cache its merged list. */
  version = 0;

  constructor(
    readonly gateway: string,
    readonly name: string,
    private readonly backend: TargetBackend,
    private readonly timings: TargetSlotTimings,
    private readonly logger: GatewayLogger,
    /** The gateway's exceptionLevel is DEBUG: unexpected errors go back to the caller in full. */
    private readonly debug = false,
  ) {}

  /** The reason the target is unavailable, if it is. */
  get unavailable(): string | undefined {
    return this.down?.reason;
  }

  /** The tools last listed (backend names), or undefined if it never listed. */
  get listed(): readonly Tool[] | undefined {
    return this.tools;
  }

  /**
   * Makes the tool list current enough to serve: waits for a first listing, refreshes a stale
   * one in the background, and never throws.
   */
  async ensureListed(): Promise<void> {
    const now = Date.now();
    if (this.down && now < this.down.retryAt) return;
    if (this.tools === undefined) return this.refresh();
    if (this.down || now - this.listedAt > this.timings.listTtlMs) void this.refresh();
  }

  /** Fetches the tool list now (one fetch at a time). */
  refresh(): Promise<void> {
    if (!this.listing) {
      this.listing = withTimeout(this.backend.listTools(this.timings.listTimeoutMs), this.timings.listTimeoutMs * 2, 'listing its tools took too long')
        .then(
          (tools) => {
            this.listedAt = Date.now();
            if (JSON.stringify(tools) !== JSON.stringify(this.tools)) {
              this.tools = tools;
              this.version++;
            }
            this.recovered();
          },
          (e) => this.failed(e instanceof Error ? e.message : String(e)),
        )
        .finally(() => (this.listing = undefined));
    }
    return this.listing;
  }

  async call(tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    if (this.down && Date.now() < this.down.retryAt) return this.unavailableResult(tool);
    try {
      const result = await this.backend.callTool(tool, args, { signal, timeoutMs: this.timings.callTimeoutMs });
      this.recovered();
      return result;
    } catch (e) {
      if (e instanceof McpError || signal.aborted) throw e;
      if (e instanceof TargetUnavailableError) {
        this.failed(e.message);
        return this.unavailableResult(tool);
      }
      // The target answered, too much: this call fails, the target stays in service.
      if (e instanceof AnswerTooLargeError) return toolError(`Tool "${this.name}___${tool}" failed: ${e.message}`);
      // Not the target's fault as far as we know: report it, keep the target in service.
      const message = e instanceof Error ? e.message : String(e);
      this.logger.warn(`gateway "${this.gateway}": tool "${this.name}___${tool}" failed: ${message}`);
      return toolError(
        this.debug
          ? `Tool "${this.name}___${tool}" failed: ${message}`
          : `Tool "${this.name}___${tool}" failed in the local gateway (set exceptionLevel: 'DEBUG' on the gateway to see why, or read the gateway's log)`,
      );
    }
  }

  close(): Promise<void> {
    return this.backend.close();
  }

  private unavailableResult(tool: string): CallToolResult {
    const seconds = Math.max(1, Math.ceil(((this.down?.retryAt ?? Date.now()) - Date.now()) / 1000));
    return toolError(
      `Tool "${this.name}___${tool}" is unavailable: target "${this.name}" of gateway "${this.gateway}" failed (${this.down?.reason}). ` +
        `The gateway tries it again in about ${seconds} s; the gateway's other targets still work.`,
    );
  }

  private failed(reason: string) {
    if (this.down?.reason !== reason) {
      this.logger.warn(`gateway "${this.gateway}": target "${this.name}" is unavailable: ${reason}`);
      this.version++;
    }
    this.down = { reason, retryAt: Date.now() + this.timings.retryAfterMs };
  }

  private recovered() {
    if (!this.down) return;
    this.logger.info(`gateway "${this.gateway}": target "${this.name}" is available again`);
    this.down = undefined;
    this.version++;
  }
}

/** Bounds a whole listing (connect, token, pages) so start-up and tools/list never hang on one target. */
function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TargetUnavailableError(message)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
