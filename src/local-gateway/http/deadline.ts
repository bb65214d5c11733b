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
