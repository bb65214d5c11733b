/*
 * Resource addresses: which resource of the project a plan item, a step or a pending create is
 * about. Code carries the typed fields; the text form (`target:my-gw/weather`) is for people and
 * for keys: plan rows, events, outcomes, and the state's pending creates. The state keeps it
 * across runs (and versions), so its format does not change.
 */

export type CredentialType = 'oauth' | 'api-key';

/** A credential provider, by its type and its name in the model. */
export interface CredentialAddress {
  kind: 'credential';
  type: CredentialType;
  credential: string;
}

/** A gateway role, by its name in the account. */
export interface RoleAddress {
  kind: 'role';
  role: string;
}

/** A gateway, by its name in the model. */
export interface GatewayAddress {
  kind: 'gateway';
  gateway: string;
}

/** A target, by its gateway's and its own name in the model. */
export interface TargetAddress {
  kind: 'target';
  gateway: string;
  target: string;
}

/** An agent on AgentCore Runtime (with its execution role and package), by its name in the model. */
export interface RuntimeAddress {
  kind: 'runtime';
  agent: string;
}

/** The identity provider (a Cognito user pool with its domain, resource server and app client) deploy makes for a gateway. */
export interface IdentityProviderAddress {
  kind: 'identity-provider';
  gateway: string;
}

/** A managed MCP server (its Lambda function or runtime, with its execution role), by its target's address. */
export interface ServerAddress {
  kind: 'server';
  gateway: string;
  target: string;
}

export type Address = CredentialAddress | RoleAddress | GatewayAddress | TargetAddress | RuntimeAddress | IdentityProviderAddress | ServerAddress;

export const credentialAddress = (type: CredentialType, credential: string): CredentialAddress => ({ kind: 'credential', type, credential });
export const roleAddress = (role: string): RoleAddress => ({ kind: 'role', role });
export const gatewayAddress = (gateway: string): GatewayAddress => ({ kind: 'gateway', gateway });
export const targetAddress = (gateway: string, target: string): TargetAddress => ({ kind: 'target', gateway, target });
export const runtimeAddress = (agent: string): RuntimeAddress => ({ kind: 'runtime', agent });
export const identityProviderAddress = (gateway: string): IdentityProviderAddress => ({ kind: 'identity-provider', gateway });
export const serverAddress = (gateway: string, target: string): ServerAddress => ({ kind: 'server', gateway, target });

/**
 * The text form: `credential:<type>:<name>`, `role:<name>`, `gateway:<name>`, `target:<gateway>/<name>`, `runtime:<agent>`,
 * `server:<gateway>/<target>`.
 */
export function formatAddress(a: Address): string {
  switch (a.kind) {
    case 'credential':
      return `credential:${a.type}:${a.credential}`;
    case 'role':
      return `role:${a.role}`;
    case 'gateway':
      return `gateway:${a.gateway}`;
    case 'target':
      return `target:${a.gateway}/${a.target}`;
    case 'runtime':
      return `runtime:${a.agent}`;
    case 'identity-provider':
      return `identity-provider:${a.gateway}`;
    case 'server':
      return `server:${a.gateway}/${a.target}`;
  }
}

const TEXT_FORM =
  /^(?:credential:(oauth|api-key):(.+)|role:(.+)|gateway:([^/]+)|target:([^/]+)\/(.+)|runtime:(.+)|identity-provider:(.+)|server:([^/]+)\/(.+))$/;

/**
 * The address a text form names, or undefined for any other text. Only for what an earlier run
 * wrote down (the state's pending creates); everything else carries the typed address.
 */
export function parseAddress(text: string): Address | undefined {
  const m = TEXT_FORM.exec(text);
  if (!m) return undefined;
  const [, type, credential, role, gateway, targetGateway, target, agent, identityGateway, serverGateway, server] = m;
  if (type !== undefined && credential !== undefined) return credentialAddress(type as CredentialType, credential);
  if (role !== undefined) return roleAddress(role);
  if (gateway !== undefined) return gatewayAddress(gateway);
  if (targetGateway !== undefined && target !== undefined) return targetAddress(targetGateway, target);
  if (agent !== undefined) return runtimeAddress(agent);
  if (identityGateway !== undefined) return identityProviderAddress(identityGateway);
  if (serverGateway !== undefined && server !== undefined) return serverAddress(serverGateway, server);
  return undefined;
}

/** For people: `credential idp`, `gateway my-gw`, `gateway my-gw › target weather`, `role <name>`. */
export function labelOf(a: Address): string {
  switch (a.kind) {
    case 'credential':
      return `credential ${a.credential}`;
    case 'role':
      return `role ${a.role}`;
    case 'gateway':
      return `gateway ${a.gateway}`;
    case 'target':
      return `gateway ${a.gateway} › target ${a.target}`;
    case 'runtime':
      return `agent ${a.agent}`;
    case 'identity-provider':
      return `identity provider of gateway ${a.gateway}`;
    case 'server':
      return `gateway ${a.gateway} › target ${a.target} › server`;
  }
}
