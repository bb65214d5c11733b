import * as http from 'node:http';
import * as https from 'node:https';

/** Connections to target APIs are kept open between calls. */
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * One HTTP request with node:http, the body read as text. Used for OpenAPI targets, where the
 * gateway builds each request itself; node:http costs less per call than fetch().
 */
export function httpCall(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
): Promise<HttpAnswer> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      { method: init.method, headers: init.headers, agent: agents[url.protocol as 'http:' | 'https:'], signal: init.signal },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
