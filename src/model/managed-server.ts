import { createHash } from 'node:crypto';
import { z } from 'zod';

/*
 * Managed MCP servers: tools the user writes (Python or TypeScript) that deploy hosts on Lambda or
 * AgentCore Runtime, reached by the gateway like any `mcp-server` target. The code lives in
 * `app/mcp/<target>/` and belongs to the user; the names it gets in the account are derived here.
 */

export const MCP_HOSTS = ['Lambda', 'AgentCoreRuntime'] as const;
export type McpHost = (typeof MCP_HOSTS)[number];

export const MCP_LANGUAGES = ['Python', 'TypeScript'] as const;
export type McpLanguage = (typeof MCP_LANGUAGES)[number];

/** Folder of a managed server's code, relative to the project root. */
export function managedServerCodeLocation(target: string): string {
  return `app/mcp/${target}`;
}

/** One tool as the gateway describes it to agents: the Lambda target's inline tool schema entry. */
export const toolDefinition = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  /** JSON Schema of the tool's arguments (`type: "object"`). */
  inputSchema: z.looseObject({ type: z.literal('object') }),
});
export type ToolDefinition = z.infer<typeof toolDefinition>;

/** The resolved `managed` part of an `mcp-server` target hosted by deploy. */
export const managedServerConfig = z.strictObject({
  host: z.enum(MCP_HOSTS),
  language: z.enum(MCP_LANGUAGES),
  /** Folder of the code, relative to the project root (`app/mcp/<target>`). */
  codeLocation: z.string(),
  /** Lambda function name, or AgentCore Runtime name, in the account. */
  deployedName: z.string(),
  /** The execution role deploy creates for the function or runtime. */
  managedRoleName: z.string(),
  /**
   * Lambda-hosted TypeScript tools: the schemas read from the code at synth. Python tools are read
   * by running Python (outside synth), so they are absent here.
   */
  tools: z.array(toolDefinition).optional(),
});
export type ManagedServerConfig = z.infer<typeof managedServerConfig>;

/** Lambda function names: letters, digits, `-` and `_`, 64 at most. */
const MAX_FUNCTION_NAME = 64;
/** AgentCore Runtime names: `[a-zA-Z][a-zA-Z0-9_]{0,47}`. */
const MAX_RUNTIME_NAME = 48;
/** IAM role names. */
const MAX_ROLE_NAME = 64;

/**
 * Name of a managed server in the account. Lambda: `<project>-<gateway>-<target>`; Runtime (no
 * hyphens allowed): `<project>_<gateway>_<target>` with `-` → `_`. Cut with a hash when too long.
 */
export function managedServerName(project: string, gateway: string, target: string, host: McpHost): string {
  return host === 'Lambda'
    ? fit(`${project}-${gateway}-${target}`, MAX_FUNCTION_NAME, '-')
    : fit(`${project}_${gateway}_${target}`.replace(/-/g, '_'), MAX_RUNTIME_NAME, '_');
}

/** Execution role of a managed server: `<project>-<gateway>-<target>-mcp`, cut to IAM's 64 characters. */
export function managedServerRoleName(project: string, gateway: string, target: string): string {
  return fit(`${project}-${gateway}-${target}-mcp`, MAX_ROLE_NAME, '-');
}

/** A name cut to `max` characters, ending in a hash of the whole so cut names stay distinct. */
function fit(full: string, max: number, separator: string): string {
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, max - hash.length - 1)}${separator}${hash}`;
}
