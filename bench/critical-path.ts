import type { PollOptions } from '../src/deploy';

/*
 * The critical path of a first deploy against a service that answers every call after `latencyMs`
 * and reports READY on the `polls`-th Get after a create: the longest chain of calls that must
 * run one after the other, whatever the concurrency. The deploy benches divide their wall time by it.
 */

export type Polling = Required<Pick<PollOptions, 'initialDelayMs' | 'maxDelayMs'>>;

export interface ServiceTiming {
  latencyMs: number;
  /** Gets a created resource answers before (and including) the one that says READY. */
  polls: number;
  polling: Polling;
}

/** The waits deploy sleeps before each of the polls: the first delay, doubling, capped. */
export function pollWaitsMs(t: ServiceTiming): number {
  let waits = 0;
  for (let i = 0, d = t.polling.initialDelayMs; i < t.polls; i++, d = Math.min(t.polling.maxDelayMs, d * 2)) waits += d;
  return waits;
}

/** One resource from its create call to READY: the create, then per poll its wait and one Get. */
export function settleMs(t: ServiceTiming): number {
  return t.latencyMs + pollWaitsMs(t) + t.polls * t.latencyMs;
}

/**
 * One gateway's chain: the list reads (1 call), its role (CreateRole, PutRolePolicy: 2 calls),
 * the gateway's create + polls, then one target's create + polls.
 */
export function gatewayChainMs(t: ServiceTiming): number {
  return t.latencyMs + 2 * t.latencyMs + 2 * settleMs(t);
}

/**
 * A gateway's chain, then what an agent that uses it must do after it (its environment carries the
 * gateway's URL): its execution role (CreateRole, PutRolePolicy: 2 calls) and its runtime's
 * create + polls. Packaging and the upload are left out: they depend on nothing the deploy
 * creates (except the bucket, whose few calls overlap the gateway chain), so they can run while
 * the gateways settle; the bench reports them on their own.
 */
export function agentChainMs(t: ServiceTiming): number {
  return gatewayChainMs(t) + 2 * t.latencyMs + settleMs(t);
}
