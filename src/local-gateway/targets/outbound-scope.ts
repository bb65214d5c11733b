import { AsyncLocalStorage } from 'node:async_hooks';
import type { Deadline } from '../http/deadline';

/**
 * The one operation of an MCP target (a tool call, a listing, opening the session) that outbound
 * HTTP exchanges belong to. The SDK's client sends them from inside its transport, out of our
 * reach; the scope travels with them (AsyncLocalStorage follows awaits and callbacks) so that each
 * exchange ends when its operation does: caller gone, deadline passed, answer refused.
 */
const current = new AsyncLocalStorage<Deadline>();

/** Runs `work` so that the exchanges it starts end with `scope`. */
export function withinScope<T>(scope: Deadline, work: () => Promise<T>): Promise<T> {
  return current.run(scope, work);
}

/**
 * The operation an exchange starting now belongs to. An operation that is already over owns no
 * new exchange: what the SDK sends after it ends (`notifications/cancelled`) must still go out.
 */
export function currentScope(): Deadline | undefined {
  const scope = current.getStore();
  return scope && !scope.signal.aborted ? scope : undefined;
}
