import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A pass-through endpoint in front of moto that writes down every call: the query API's `Action`
 * (IAM, STS) or the REST method and path (Lambda, S3). moto keeps no call log of its own, and
 * "a second deploy writes nothing" is asserted on these.
 */

export interface RecordedCall {
  method: string;
  path: string;
  /** `Action` of a query-protocol call (IAM, STS). */
  action?: string;
}

export interface RecordingEndpoint {
  readonly endpoint: string;
  readonly calls: RecordedCall[];
  /** Calls that change something: every REST call but GET/HEAD, every action but Get/List/Describe. */
  writes(): string[];
  close(): Promise<void>;
}

export async function startRecordingEndpoint(upstream: string): Promise<RecordingEndpoint> {
  const calls: RecordedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', upstream);
      const form = (req.headers['content-type'] ?? '').includes('x-www-form-urlencoded') ? new URLSearchParams(body.toString('utf8')) : undefined;
      const action = form?.get('Action') ?? url.searchParams.get('Action') ?? undefined;
      calls.push({ method: req.method ?? 'GET', path: url.pathname, ...(action ? { action } : {}) });
      const forward = http.request(url, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', (e) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `recording endpoint: moto did not answer: ${e.message}` }));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    writes: () =>
      calls
        .filter((c) => (c.action ? !/^(Get|List|Describe)/.test(c.action) : !['GET', 'HEAD'].includes(c.method)))
        .map((c) => c.action ?? `${c.method} ${c.path}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
