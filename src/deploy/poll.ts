import { DeployAborted, DeployError } from './errors';

/*
 * Waiting for a gateway or target to settle. The SDK has no waiter for these resources, so this
 * polls with exponential backoff until READY (or gone, after a delete) and stops with the
 * service's statusReasons on FAILED / UPDATE_UNSUCCESSFUL.
 */

export interface PollOptions {
  /** First wait before asking again; each wait doubles. @default 250 */
  initialDelayMs?: number;
  /** Longest wait between two polls. @default 10000 */
  maxDelayMs?: number;
  /** Give up after this long. @default 900000 (15 minutes) */
  timeoutMs?: number;
}

/** One look at a resource: its status, what the service said about it, and what it read. */
export interface Seen<D> {
  status: string;
  statusReasons?: string[];
  detail: D;
}

export type Observed<D> = Seen<D> | 'gone';

const FAILED = new Set(['FAILED', 'UPDATE_UNSUCCESSFUL', 'SYNCHRONIZE_UNSUCCESSFUL', 'CREATE_FAILED', 'UPDATE_FAILED']);
/** States a user must act on (OAuth consent); deploy cannot wait them out. */
const NEEDS_USER = new Set(['CREATE_PENDING_AUTH', 'UPDATE_PENDING_AUTH', 'SYNCHRONIZE_PENDING_AUTH']);

/** Statuses a resource moves out of on its own. */
export const SETTLING = new Set(['CREATING', 'UPDATING', 'SYNCHRONIZING']);

/**
 * Polls `observe` until the resource is READY (`until: 'ready'`), gone (`until: 'gone'`), or in
 * any status it will not leave on its own, FAILED included (`until: 'settled'`, before a delete).
 * Returns the last look (never 'gone' when waiting for READY: that fails).
 */
export function waitFor<D>(what: string, until: 'ready', observe: () => Promise<Observed<D>>, opts: PollOptions & { signal?: AbortSignal }): Promise<Seen<D>>;
export function waitFor<D>(
  what: string,
  until: 'gone' | 'settled',
  observe: () => Promise<Observed<D>>,
  opts: PollOptions & { signal?: AbortSignal },
): Promise<Observed<D>>;
export async function waitFor<D>(
  what: string,
  until: 'ready' | 'gone' | 'settled',
  observe: () => Promise<Observed<D>>,
  opts: PollOptions & { signal?: AbortSignal },
): Promise<Observed<D>> {
  const initial = opts.initialDelayMs ?? 250;
  const max = opts.maxDelayMs ?? 10_000;
  const timeout = opts.timeoutMs ?? 900_000;
  const started = Date.now();
  let delay = initial;
  let last: Observed<D> | undefined;
  for (;;) {
    await sleep(delay, opts.signal);
    last = await observe();
    if (last === 'gone') {
      if (until !== 'ready') return last;
      throw new DeployError(`${what} disappeared while deploy was waiting for it to become READY; run deploy again`, what);
    }
    if (until === 'settled' && !SETTLING.has(last.status)) return last;
    if (until === 'ready' && last.status === 'READY') return last;
    if (until === 'ready' && NEEDS_USER.has(last.status)) return last;
    if (FAILED.has(last.status)) {
      const reasons = last.statusReasons ?? [];
      throw new DeployError(`${what} is ${last.status}${reasons.length ? `: ${reasons.join('; ')}` : ' (the service gave no reason)'}`, what, reasons);
    }
    if (Date.now() - started > timeout) {
      throw new DeployError(`${what} is still ${last.status} after ${Math.round(timeout / 1000)}s; run deploy again later to pick it up`, what);
    }
    delay = Math.min(max, delay * 2);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DeployAborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DeployAborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
