import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * S3 and STS for the agent deploy bench: moto's server behind a proxy that answers each call
 * `latencyMs` late (moto has no latency option) and logs it by operation, with the bytes a
 * PutObject carried. The operation is read from the request as the SDK sends it: the signing
 * service from the Authorization header, STS's action from its form body, S3's from the method,
 * the path (bucket, key) and the sub-resource in the query.
 */

export interface StorageCall {
  service: 's3' | 'sts';
  op: string;
  write: boolean;
  status: number;
  /** Request body bytes as sent (the package, for a PutObject). */
  bytes: number;
  /** From the whole request received to the answer's headers: the latency plus moto's own time. */
  answeredInMs: number;
}

export interface StorageProxy {
  readonly endpoint: string;
  readonly calls: StorageCall[];
  close(): Promise<void>;
}

/** S3 sub-resources deploy uses, by the query parameter that names them. */
const SUB_RESOURCES: Record<string, string> = {
  encryption: 'BucketEncryption',
  publicAccessBlock: 'PublicAccessBlock',
  tagging: 'BucketTagging',
};

export function s3Operation(method: string, url: URL): string {
  const explicit = url.searchParams.get('x-id');
  if (explicit) return explicit;
  const [, ...key] = url.pathname.split('/').filter(Boolean);
  const onObject = key.length > 0;
  if (method === 'HEAD') return onObject ? 'HeadObject' : 'HeadBucket';
  if (!onObject && url.searchParams.get('list-type') === '2') return 'ListObjectsV2';
  const sub = Object.keys(SUB_RESOURCES).find((q) => url.searchParams.has(q));
  const verb = { GET: 'Get', PUT: 'Put', DELETE: 'Delete', POST: 'Post' }[method] ?? method;
  if (sub) return `${verb}${onObject ? 'Object' : ''}${SUB_RESOURCES[sub]}`;
  if (onObject) return `${verb}Object`;
  return { PUT: 'CreateBucket', DELETE: 'DeleteBucket', GET: 'ListObjects' }[method] ?? `${verb}Bucket`;
}

/** Starts the proxy on 127.0.0.1 (a port the OS picks) in front of `upstream`. */
export async function startStorageProxy(upstream: string, latencyMs: number): Promise<StorageProxy> {
  const calls: StorageCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://proxy');
      const method = req.method ?? 'GET';
      const signedFor = /Credential=[^/]+\/[^/]+\/[^/]+\/([a-z0-9-]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''))?.[1];
      const service = signedFor === 'sts' ? 'sts' : 's3';
      const op = service === 'sts' ? (new URLSearchParams(body.toString('utf8')).get('Action') ?? 'Unknown') : s3Operation(method, url);
      const write = service === 'sts' ? !/^(Get|List)/.test(op) : !['GET', 'HEAD'].includes(method);
      const received = performance.now();
      const log = (status: number) => calls.push({ service, op, write, status, bytes: body.length, answeredInMs: performance.now() - received });
      setTimeout(() => {
        const forward = http.request(new URL(req.url ?? '/', upstream), { method, headers: req.headers }, (answer) => {
          log(answer.statusCode ?? 0);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        forward.on('error', (e) => {
          log(502);
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`storage proxy: ${upstream} did not answer: ${e.message}`);
        });
        forward.end(body);
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
