import type { ServerResponse } from 'node:http';

/** JSON-RPC error codes used outside the MCP SDK (before a request reaches it). */
export const JSON_RPC = {
  parseError: -32700,
  invalidRequest: -32600,
  invalidParams: -32602,
  /** Server-defined range: authentication refused. */
  unauthorized: -32001,
} as const;

/**
 * Ends an HTTP response with a JSON-RPC error body, so MCP clients show a readable message
 * whatever the status code.
 */
export function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
