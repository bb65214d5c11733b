import { setMaxListeners } from 'node:events';

/** Raised when a deadline passes; fetch rejects with it. */
export class DeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * A signal that aborts when `parent` aborts or `ms` pass, and a `done()` that releases both right
 * away. (AbortSignal.timeout would keep a timer and the signal alive for the full `ms` after every
 * call, which under load adds up.)
 */
export function deadline(parent: AbortSignal | undefined, ms: number): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineError(ms)), ms);
  const forward = () => controller.abort(parent!.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', forward);
    },
  };
}

/**
 * fetch() under a signal that outlives the request (the MCP client transport passes one signal to
 * every request it ever makes): the request gets its own signal, linked to the long-lived one only
 * until its response body is read or cancelled, so listeners do not pile up on the shared signal.
 * JSON bodies are read here; event streams are relayed as they come.
 */
export async function fetchWithScopedSignal(url: URL, init: RequestInit): Promise<Response> {
  const outer = init.signal ?? undefined;
  if (!outer) return fetch(url, init);
  const controller = new AbortController();
  const forward = () => controller.abort(outer.reason);
  const unlink = () => outer.removeEventListener('abort', forward);
  // Concurrent requests each hold one listener for a moment; that is not a leak.
  setMaxListeners(0, outer);
  if (outer.aborted) controller.abort(outer.reason);
  else outer.addEventListener('abort', forward, { once: true });
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: controller.signal });
  } catch (e) {
    unlink();
    throw e;
  }
  if (!res.body) {
    unlink();
    return res;
  }
  if (!res.headers.get('content-type')?.includes('text/event-stream')) {
    // A plain JSON answer: read it now, which is cheaper than relaying a stream.
    try {
      const bytes = await res.arrayBuffer();
      return new Response(bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
    } finally {
      unlink();
    }
  }
  const reader = res.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          unlink();
          c.close();
        } else c.enqueue(value);
      } catch (e) {
        unlink();
        c.error(e);
      }
    },
    cancel(reason) {
      unlink();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
