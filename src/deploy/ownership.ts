import type { ActualCredential, ActualGateway, ActualRole, ActualTarget } from './actual';
import { type Address, type CredentialAddress, formatAddress, type GatewayAddress, type TargetAddress } from './address';
import { PROJECT_TAG } from './names';
import type { DeployedState } from './state';

/*
 * Which resources in the account this project may change or delete. The rule:
 *
 *   A resource is the project's when the project can show it made it:
 *     1. it is recorded in agentcore/deployed-state.json (by its id or ARN), or
 *     2. an earlier deploy recorded the intent to create it (a pending create, written before the
 *        call) and was stopped before it could record the answer, or
 *     3. it carries the project tag, where the service keeps tags (gateways, IAM roles, and the
 *        credential providers whose ARN the tagging API accepts).
 *
 * A name that starts with `<project>-` proves nothing: anyone can pick it. Deploy and destroy
 * update or delete only the project's resources; any other resource is left alone, and one whose
 * name the model needs blocks the plan until it is renamed or adopted (`--adopt`, which takes
 * over the same-named resources the model declares and the targets on the project's gateways).
 */

export class Ownership {
  private readonly gatewayIds: Set<string>;
  private readonly targetIds: Set<string>;
  private readonly credentialArns: Set<string>;
  private readonly roleArns: Set<string>;
  private readonly intents: Set<string>;

  constructor(
    readonly project: string,
    state: DeployedState | undefined,
    /** Take over same-named resources the model declares (`--adopt`). */
    readonly adopt = false,
  ) {
    const gateways = Object.values(state?.gateways ?? {});
    this.gatewayIds = new Set(gateways.map((g) => g.gatewayId));
    this.targetIds = new Set(gateways.flatMap((g) => Object.values(g.targets).map((t) => `${g.gatewayId}/${t.targetId}`)));
    this.credentialArns = new Set(Object.values(state?.credentials ?? {}).map((c) => c.credentialProviderArn));
    this.roleArns = new Set(Object.values(state?.roles ?? {}).map((r) => r.roleArn));
    this.intents = new Set(Object.keys(state?.pending ?? {}));
  }

  private tagged(tags: Record<string, string> | undefined): boolean {
    return tags?.[PROJECT_TAG] === this.project;
  }

  /** An earlier deploy recorded the intent to create the resource at this address. */
  intended(at: Address): boolean {
    return this.intents.has(formatAddress(at));
  }

  gateway(a: ActualGateway, at: GatewayAddress): boolean {
    return this.gatewayIds.has(a.id) || this.tagged(a.tags) || this.intended(at);
  }

  /** Targets cannot be tagged: only the state or a pending create shows one is ours. */
  target(gateway: ActualGateway, t: ActualTarget, at: TargetAddress): boolean {
    return this.targetIds.has(`${gateway.id}/${t.id}`) || this.intended(at);
  }

  credential(a: ActualCredential, at: CredentialAddress): boolean {
    return this.credentialArns.has(a.arn) || this.intended(at) || this.tagged(a.tags);
  }

  /** Whether the state or a pending create already shows it (its tags need not be read). */
  credentialRecorded(a: ActualCredential, at: CredentialAddress): boolean {
    return this.credentialArns.has(a.arn) || this.intended(at);
  }

  role(a: ActualRole): boolean {
    return this.roleArns.has(a.arn) || this.tagged(a.tags);
  }
}

export type OwnedKind = 'gateway' | 'target' | 'credential provider' | 'role' | 'agent runtime' | 'execution role';

/** What to rename so the model no longer needs the name (the role name follows its gateway's). */
const RENAME: Record<OwnedKind, string> = {
  gateway: 'the gateway in .projenrc.ts (or the project, which renames every resource)',
  target: 'the target in .projenrc.ts',
  'credential provider': 'the credential in .projenrc.ts (or the project, which renames every resource)',
  role: 'the gateway in .projenrc.ts (its role is named after it), or give the gateway a `roleArn`',
  'agent runtime': 'the agent in .projenrc.ts (or the project, which renames every resource), or set `deploy: false` on it',
  'execution role': 'the agent in .projenrc.ts (its role is named after it), or give the agent an `executionRoleArn`',
};

/** Why a resource the model needs was left alone, and the two ways out. */
export function foreignMessage(o: { kind: OwnedKind; label: string; name: string; region: string; project: string; command: string }): string {
  const tag = o.kind === 'target' ? '' : ` or tagged ${PROJECT_TAG}=${o.project}`;
  return (
    `${o.label}: ${/^[aeiou]/.test(o.kind) ? 'an' : 'a'} ${o.kind} named "${o.name}" already exists in ${o.region} and nothing shows this project made it ` +
    `(it is not recorded in agentcore/deployed-state.json${tag}), so it was left alone. ` +
    `To deploy beside it, rename ${RENAME[o.kind]}; if it is yours, run \`npx projen ${o.command} --adopt\` to take it over.`
  );
}
