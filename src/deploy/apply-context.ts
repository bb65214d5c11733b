import { createHash, randomUUID } from 'node:crypto';
import type { Aws } from './clients';
import type { DeployEvent, StepInfo } from './events';
import type { Plan } from './plan';
import type { PollOptions } from './poll';
import type { CredentialSecrets } from './secrets';
import type { StateStore } from './state';

/*
 * What every apply step shares: the clients, the plan, the state, and the values resources
 * learn from each other as they are created (ARNs and ids), filled in from the service first.
 */

export interface CredentialRefValue {
  credentialProviderArn: string;
  secretArn?: string;
  type: 'oauth' | 'api-key';
}

export interface Refs {
  /** By credential config name. */
  credentials: Map<string, CredentialRefValue>;
  /** Role ARN by gateway config name. */
  roles: Map<string, string>;
  /** Gateway id by gateway config name. */
  gateways: Map<string, string>;
}

export interface ApplyContext {
  aws: Aws;
  plan: Plan;
  store: StateStore;
  secrets: Map<string, CredentialSecrets>;
  fingerprints: Map<string, string>;
  poll: PollOptions;
  refs: Refs;
  emit(e: DeployEvent): void;
  /** Marks a completed step; the test hook may throw here to simulate a crash. */
  step(id: string, what: string): Promise<void>;
}

export function makeStepper(hook: ((s: StepInfo) => void | Promise<void>) | undefined) {
  let index = 0;
  return async (id: string, what: string) => {
    index += 1;
    if (hook) await hook({ index, id, what });
  };
}

/**
 * The clientToken for a create. A create that was sent but never confirmed (the deploy was
 * killed) is re-sent with the same token, so the service returns the first resource instead of
 * making a second one. The token is written to the state before the call.
 */
export async function clientTokenFor(ctx: ApplyContext, id: string, request: unknown): Promise<string> {
  const digest = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const pending = ctx.store.state.pending[id];
  if (pending && pending.request === digest) return pending.clientToken;
  const clientToken = randomUUID();
  await ctx.store.update((s) => {
    s.pending[id] = { clientToken, request: digest };
  });
  return clientToken;
}
