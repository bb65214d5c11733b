import { createHash, randomUUID } from 'node:crypto';
import { type Address, formatAddress } from './address';
import type { Aws } from './clients';
import type { DeployEvent, StepInfo } from './events';
import { foreignMessage, type OwnedKind, type Ownership } from './ownership';
import type { Plan } from './plan';
import type { PollOptions } from './poll';
import type { ServerRef } from './requests';
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
  /** Managed servers as deployed, by `<gateway>/<target>`. */
  servers: Map<string, ServerRef>;
}

export interface ApplyContext {
  aws: Aws;
  plan: Plan;
  store: StateStore;
  secrets: Map<string, CredentialSecrets>;
  fingerprints: Map<string, string>;
  poll: PollOptions;
  refs: Refs;
  /** Which existing resources are the project's (what the state showed when this run began). */
  ownership: Ownership;
  emit(e: DeployEvent): void;
  /** Marks a completed step; the test hook may throw here to simulate a crash. */
  step(at: Address, what: string): Promise<void>;
}

export function makeStepper(hook: ((s: StepInfo) => void | Promise<void>) | undefined) {
  let index = 0;
  return async (at: Address, what: string) => {
    index += 1;
    if (hook) await hook({ index, id: formatAddress(at), what });
  };
}

/**
 * Records the intent to create a resource, before the create is sent, and returns the
 * clientToken to send with it. A deploy killed before it could record the answer finds the
 * intent on its next run: the resource is then known to be the project's (see ownership.ts),
 * and a create sent again with the same token makes the service return the first resource
 * instead of a second one. `request` identifies the create and must hold no secret.
 */
export async function recordIntent(ctx: ApplyContext, at: Address, request: unknown): Promise<string> {
  const id = formatAddress(at);
  const digest = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const pending = ctx.store.state.pending[id];
  if (pending && pending.request === digest) return pending.clientToken;
  const clientToken = randomUUID();
  await ctx.store.update((s) => {
    s.pending[id] = { clientToken, request: digest };
  });
  return clientToken;
}

/**
 * A create was refused because the name is taken. Unless an earlier run recorded the intent to
 * create it (then it may well be ours), the intent is dropped, so the next run cannot mistake
 * the other resource for the project's, and the error says how to rename or adopt.
 */
export async function nameTaken(ctx: ApplyContext, at: Address, kind: OwnedKind, label: string, name: string): Promise<string> {
  if (!ctx.ownership.intended(at)) {
    const id = formatAddress(at);
    await ctx.store.update((s) => {
      delete s.pending[id];
    });
  }
  return foreignIn(ctx, kind, label, name);
}

export function foreignIn(ctx: ApplyContext, kind: OwnedKind, label: string, name: string): string {
  return foreignMessage({ kind, label, name, region: ctx.plan.region, project: ctx.plan.project, command: ctx.plan.command });
}
