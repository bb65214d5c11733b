import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Gateway and target names: letters/digits with single hyphens between them (AWS pattern). */
export const RESOURCE_NAME = /^([0-9a-zA-Z][-]?){1,100}$/;
/** Agent names become Python package folders. */
export const AGENT_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;
/** AgentCore Runtime names (the service's rule): a letter, then letters, digits or `_`, 48 characters at most. */
export const RUNTIME_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;
/** Credential provider names. */
export const CREDENTIAL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
/** Project names prefix every deployed resource, so they must fit inside a gateway name. */
export const PROJECT_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,22}$/;

export const resourceName = (what: string) =>
  z.string({ error: `${what} name is required` }).refine((v) => RESOURCE_NAME.test(v) && !v.endsWith('-'), {
    error: (iss) =>
      `${what} name ${JSON.stringify(iss.input)} is invalid; use 1-100 letters or digits with single hyphens between them (no "_", no leading, trailing or double hyphen), e.g. "my-${what.toLowerCase()}"`,
  });

/** Longest gateway name the service takes; deployed gateways are prefixed with `<project>-`. */
export const MAX_DEPLOYED_GATEWAY_NAME = 100;
/** Longest credential provider name the service takes; deployed credentials are prefixed with `<project>-`. */
export const MAX_DEPLOYED_CREDENTIAL_NAME = 128;

/**
 * Name of a gateway or credential provider in the account. Such names are unique per account and
 * region, so each is prefixed with the project name (which has no hyphen, so `<project>-` cannot
 * be the prefix of another project's names).
 */
export function deployedName(project: string, name: string): string {
  return `${project}-${name}`;
}

/**
 * Name of an agent on AgentCore Runtime: `<project>_<agent>`. Runtime names take no hyphen, and
 * neither the project nor the agent name has `_` at the start, so projects cannot share a name.
 */
export function runtimeName(project: string, agent: string): string {
  return `${project}_${agent}`;
}

/** Longest IAM role name. */
const MAX_ROLE_NAME = 64;

/** Name of the IAM role deploy creates for a gateway: `<project>-<gateway>-gateway`, cut with a hash to fit IAM's 64 characters. */
export function gatewayRoleName(project: string, gateway: string): string {
  return fitRoleName(`${project}-${gateway}-gateway`);
}

/** Name of the execution role deploy creates for an agent on AgentCore Runtime: `<project>-<agent>-runtime`, cut like a gateway's. */
export function agentRoleName(project: string, agent: string): string {
  return fitRoleName(`${project}-${agent}-runtime`);
}

/** A role name cut to IAM's 64 characters, with a hash of the whole so cut names stay distinct. */
function fitRoleName(full: string): string {
  if (full.length <= MAX_ROLE_NAME) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_ROLE_NAME - hash.length - 1)}-${hash}`;
}

/** The part of an env var name that stands for a resource: upper case, `-` → `_`. */
export function envToken(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** Env vars that carry a deployed gateway into an agent: `AGENTCORE_GATEWAY_<NAME>_URL` and `_AUTH_TYPE`. */
export function gatewayEnvVars(gatewayName: string) {
  const token = envToken(gatewayName);
  return {
    url: `AGENTCORE_GATEWAY_${token}_URL`,
    authType: `AGENTCORE_GATEWAY_${token}_AUTH_TYPE`,
  };
}

/** With an identity provider deploy makes: the env var that gives a local agent the discovery URL to get tokens from. */
export function gatewayDiscoveryUrlEnvVar(gatewayName: string): string {
  return `AGENTCORE_GATEWAY_${envToken(gatewayName)}_DISCOVERY_URL`;
}

/** With an identity provider deploy makes: the secret the local gateway's issuer checks and signs with (`agentcore/.env.local`). */
export function localIssuerSecretEnvVar(gatewayName: string): string {
  return `AGENTCORE_GATEWAY_${envToken(gatewayName)}_LOCAL_ISSUER_SECRET`;
}

/** Env vars that carry a credential's secrets unless the model names others with `fromEnv()`. */
export function credentialEnvVars(credentialName: string) {
  const token = envToken(credentialName);
  return {
    apiKey: `AGENTCORE_CREDENTIAL_${token}`,
    clientId: `AGENTCORE_CREDENTIAL_${token}_CLIENT_ID`,
    clientSecret: `AGENTCORE_CREDENTIAL_${token}_CLIENT_SECRET`,
  };
}

/** Name of the managed credential a CUSTOM_JWT gateway's agents use to get tokens. */
export function agentCredentialName(gatewayName: string): string {
  return `${gatewayName}-oauth`;
}

/** Name of the credential created from a target's inline OAuth flags. */
export function inlineOauthCredentialName(gatewayName: string, targetName: string): string {
  return `${gatewayName}-${targetName}-oauth`;
}
