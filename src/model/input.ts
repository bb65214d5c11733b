import type { AgentOptions } from './agent';
import type { CredentialOptions } from './credential';
import type { GatewayOptions } from './gateway';
import type { TargetOptions } from './target';

/** A target as the flat model holds it: with the name of its gateway (the CLI's `--gateway`). */
export type GatewayTargetOptions = TargetOptions & {
  /** Name of the gateway this target belongs to. */
  readonly gateway: string;
};

/** Everything `.projenrc.ts` (or the generator API) declares, before validation. */
export interface ProjectInput {
  readonly name: string;
  readonly gateways: readonly GatewayOptions[];
  readonly targets: readonly GatewayTargetOptions[];
  readonly credentials: readonly CredentialOptions[];
  readonly agents: readonly AgentOptions[];
}
