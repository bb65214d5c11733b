import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { TOOL_NAME_SEPARATOR } from '../render/mcp/managed-server-context';
import type { TargetSlot } from './target-slot';
import { rankTools, SEARCH_TOOL, SEARCH_TOOL_NAME } from './tool-search';

// One spelling of AgentCore's `<target>___<tool>` join, shared with the managed servers' generated handlers.
export { TOOL_NAME_SEPARATOR };

/**
 * The tools of one gateway: every target's tools under `<target>___<tool>`, the search tool first
 * when semantic search is on. Lists are paged with an opaque cursor; calls are routed by prefix.
 */
export class ToolCatalog {
  private merged: { key: string; tools: Tool[] } | undefined;

  constructor(
    private readonly slots: readonly TargetSlot[],
    private readonly semanticSearch: boolean,
    private readonly pageSize: number,
  ) {}

  /** Every tool, prefixed; tools of an unavailable target say so in their description and `_meta`. */
  async tools(): Promise<Tool[]> {
    await Promise.all(this.slots.map((s) => s.ensureListed()));
    const key = this.slots.map((s) => s.version).join(',');
    if (this.merged?.key !== key) this.merged = { key, tools: this.merge() };
    return this.merged.tools;
  }

  async page(cursor: string | undefined): Promise<{ tools: Tool[]; nextCursor?: string }> {
    const offset = cursor === undefined ? 0 : decodeCursor(cursor);
    const all = await this.tools();
    const end = offset + this.pageSize;
    return { tools: all.slice(offset, end), ...(end < all.length ? { nextCursor: encodeCursor(end) } : {}) };
  }

  async call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    if (this.semanticSearch && name === SEARCH_TOOL_NAME) return this.search(args);
    const at = name.indexOf(TOOL_NAME_SEPARATOR);
    const slot = at > 0 ? this.slots.find((s) => s.name === name.slice(0, at)) : undefined;
    if (!slot) throw unknownTool(name);
    const tool = name.slice(at + TOOL_NAME_SEPARATOR.length);
    await slot.ensureListed();
    const known = () => slot.listed?.some((t) => t.name === tool);
    // A tool the last listing did not have may be new: list again before refusing it.
    if (slot.listed && !known() && !slot.unavailable) {
      await slot.refresh();
      if (!known()) throw unknownTool(name);
    }
    return slot.call(tool, args, signal);
  }

  close(): Promise<unknown> {
    return Promise.all(this.slots.map((s) => s.close()));
  }

  private async search(args: Record<string, unknown>): Promise<CallToolResult> {
    if (typeof args.query !== 'string' || args.query.trim() === '') {
      throw new McpError(ErrorCode.InvalidParams, `${SEARCH_TOOL_NAME} needs a non-empty "query" string`);
    }
    const found = rankTools(
      (await this.tools()).filter((t) => t.name !== SEARCH_TOOL_NAME),
      args.query,
    );
    const tools = found.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
    return { content: [{ type: 'text', text: JSON.stringify({ tools }) }], structuredContent: { tools } };
  }

  private merge(): Tool[] {
    const tools: Tool[] = this.semanticSearch ? [SEARCH_TOOL] : [];
    for (const slot of this.slots) {
      const down = slot.unavailable;
      for (const t of slot.listed ?? []) {
        tools.push({
          ...t,
          name: `${slot.name}${TOOL_NAME_SEPARATOR}${t.name}`,
          ...(down
            ? {
                description: `${t.description ?? ''} [unavailable locally right now: ${down}]`.trim(),
                _meta: { ...t._meta, 'agentcore-projen/unavailable': down },
              }
            : {}),
        });
      }
    }
    return tools;
  }
}

function unknownTool(name: string): McpError {
  return new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}; tools are named <target>${TOOL_NAME_SEPARATOR}<tool> (see tools/list)`);
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new McpError(ErrorCode.InvalidParams, 'Invalid cursor: pass the nextCursor of the previous tools/list page unchanged');
}
