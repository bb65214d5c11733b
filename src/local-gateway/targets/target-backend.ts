import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';

/** What a call may use: the inbound request's abort signal and the time it may take. */
export interface CallContext {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

/**
 * One gateway target as the local gateway reaches it. Tool names here are the backend's own;
 * the catalog adds the `<target>___` prefix.
 */
export interface TargetBackend {
  /** Work to do before the first listing that may take long (starting a process, installing its dependencies). */
  start?(): Promise<void>;
  listTools(timeoutMs: number): Promise<Tool[]>;
  callTool(name: string, args: Record<string, unknown>, ctx: CallContext): Promise<CallToolResult>;
  close(): Promise<void>;
}

/**
 * The target cannot be reached right now (refused connection, timeout, refused credentials).
 * The catalog marks the target unavailable for a while; other targets are unaffected.
 */
export class TargetUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetUnavailableError';
  }
}

/** A tool result that reports an error to the model, as MCP tools do. */
export function toolError(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** A target the gateway cannot serve at all (its schema is in S3, its credential is misconfigured). */
export function failingBackend(reason: string): TargetBackend {
  return {
    listTools: () => Promise.reject(new TargetUnavailableError(reason)),
    callTool: () => Promise.reject(new TargetUnavailableError(reason)),
    close: async () => undefined,
  };
}
