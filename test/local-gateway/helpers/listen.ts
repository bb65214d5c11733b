import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request; may be async. */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/**
 * Starts a node:http server on 127.0.0.1 with a free port; returns its base URL and a closer.
 * node:http ignores what a handler returns, so a failing async handler would leave its client
 * waiting and the rejection unhandled; here it answers 500 with the error instead.
 */
export async function listen(handler: Handler): Promise<{ url: string; port: number; server: http.Server; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The exact bytes of a request body (a signature covers them). */
export function readRawBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const text = (await readRawBody(req)).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}
