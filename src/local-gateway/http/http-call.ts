import * as http from 'node:http';
import * as https from 'node:https';
import { readLimited } from './answer-limit';

/** Connections to target APIs are kept open between calls. */
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * One HTTP request with node:http, the body read as text up to `maxAnswerBytes` (more rejects with
 * AnswerTooLargeError and drops the connection). Used for OpenAPI targets, where the gateway
 * builds each request itself; node:http costs less per call than fetch(). The signal ends the
 * request, and its connection, whenever it aborts: caller gone, deadline passed.
 */
export function httpCall(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; maxAnswerBytes: number },
): Promise<HttpAnswer> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let req: http.ClientRequest;
    try {
      req = transport.request(
        url,
        { method: init.method, headers: init.headers, agent: agents[url.protocol as 'http:' | 'https:'], signal: init.signal },
        (res) => {
          readLimited(res, init.maxAnswerBytes).then((body) => resolve({ status: res.statusCode ?? 0, text: body.toString('utf8') }), reject);
        },
      );
    } catch (e) {
      // Node refused to build the request (a header it cannot carry, say): nothing reached the target.
      reject(new RequestNotSentError(e));
      return;
    }
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The request could not be built, so it was never sent: says nothing about the target's health. */
export class RequestNotSentError extends Error {
  constructor(cause: unknown) {
    super(`the request could not be sent: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RequestNotSentError';
  }
}
