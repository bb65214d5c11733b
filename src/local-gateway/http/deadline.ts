/** Raised when a deadline passes; fetch rejects with it. */
export class DeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** The life of one outbound operation: its signal, a way to end it early, and a release. */
export interface Deadline {
  /** Aborts when the parent aborts, when the time is up, or on `abort()`. */
  readonly signal: AbortSignal;
  /** Ends the operation now, for `reason` (e.g. an answer that is too large). */
  abort(reason: Error): void;
  /** The operation is over: releases the timer and the link to the parent. */
  done(): void;
}

/**
 * A signal that aborts when `parent` aborts or `ms` pass, and a `done()` that releases both right
 * away. (AbortSignal.timeout would keep a timer and the signal alive for the full `ms` after every
 * call, which under load adds up.)
 */
export function deadline(parent: AbortSignal | undefined, ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineError(ms)), ms);
  const forward = () => controller.abort(parent!.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', forward, { once: true });
  const done = () => {
    clearTimeout(timer);
    parent?.removeEventListener('abort', forward);
  };
  return {
    signal: controller.signal,
    abort: (reason) => {
      controller.abort(reason);
      done();
    },
    done,
  };
}
