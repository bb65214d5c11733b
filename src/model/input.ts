import type { AgentOptions } from './agent';
import type { AgentDefaults } from './runtime-settings';
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
  /** Project name; deployed resources are prefixed with it. */
  readonly name: string;
  /** Gateways, without their targets. */
  readonly gateways: readonly GatewayOptions[];
  /** Targets, each naming its gateway. */
  readonly targets: readonly GatewayTargetOptions[];
  /** OAuth and API-key credentials. */
  readonly credentials: readonly CredentialOptions[];
  /** Python agents; each is wired to every gateway. */
  readonly agents: readonly AgentOptions[];
  /**
   * An existing S3 bucket for the agents' packages (under `agentcore-projen/<project>/`); deploy never
   * creates, tags or deletes it. @default - deploy creates `<project>-agentcore-<account>-<region>`
   */
  readonly artifactBucket?: string;
  /** Python version and network of every agent that does not say. */
  readonly agentDefaults?: AgentDefaults;
}
