import { setMaxListeners } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
/** Statuses whose Response must have no body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * A fetch() for the MCP client transport, made with node:http: per call it costs about half of
 * what the built-in fetch does, and the gateway sends every forwarded tool call through it.
 * JSON answers are read whole; event streams are handed on as they arrive.
 *
 * The transport passes one long-lived signal to every request; each request gets its own signal,
 * linked to that one only while the request is open, so listeners do not pile up on it.
 */
export async function httpFetch(url: URL, init: RequestInit & { headers: Headers }): Promise<Response> {
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') return fetch(url, init);
  const outer = init.signal ?? undefined;
  const controller = new AbortController();
  const forward = () => controller.abort(outer!.reason);
  // Concurrent requests each hold one listener for a moment; that is not a leak.
  if (outer) setMaxListeners(0, outer);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', forward, { once: true });
  const unlink = () => outer?.removeEventListener('abort', forward);

  const headers: Record<string, string> = {};
  init.headers.forEach((value, name) => (headers[name] = value));
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      { method: init.method ?? 'GET', headers, agent: agents[url.protocol as 'http:' | 'https:'], signal: controller.signal },
      (res) => {
        const status = res.statusCode ?? 0;
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined) continue;
          for (const v of Array.isArray(value) ? value : [value]) answerHeaders.append(name, v);
        }
        const meta = { status, statusText: res.statusMessage ?? '', headers: answerHeaders };
        if (NO_BODY.has(status)) {
          res.resume();
          resolve(new Response(null, meta));
        } else if (answerHeaders.get('content-type')?.includes('text/event-stream')) {
          resolve(new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, meta));
        } else {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(new Response(Buffer.concat(chunks), meta)));
          res.on('error', reject);
        }
      },
    );
    req.on('close', unlink);
    req.on('error', (e) => {
      unlink();
      reject(e);
    });
    req.end(init.body ?? undefined);
  });
}
