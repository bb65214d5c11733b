import type { ProjectConfig } from '../model/config';
import { readDeployedState } from '../deploy/state';

/*
 * The variables that let a local agent get tokens for a gateway whose identity provider deploy
 * makes: its discovery URL, client id and client secret (the variables the gateway's config
 * names). They go into the agent's environment only, never to a file or the output.
 */

/** For each local issuer the local gateway serves: the client secret, under the variable the agent reads. */
export function issuerSecrets(config: ProjectConfig, issuers: Readonly<Record<string, { clientSecret: string }>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const g of config.agentCoreGateways) {
    const issuer = issuers[g.name];
    if (issuer && g.env.clientSecret) env[g.env.clientSecret] = issuer.clientSecret;
  }
  return env;
}

/**
 * `dev --use-deployed-identity`: for each deployed gateway with an identity provider deploy made,
 * the pool's discovery URL and app client, its secret read from Cognito into memory.
 */
export async function deployedIdentityEnv(root: string, config: ProjectConfig, deployedGateways: readonly string[]): Promise<Record<string, string>> {
  const state = readDeployedState(root);
  const env: Record<string, string> = {};
  const gateways = config.agentCoreGateways.filter((g) => g.identityProvider && deployedGateways.includes(g.name));
  if (gateways.length === 0) return env;
  // Loaded only here: the Cognito SDK stays out of every other `dev`.
  const { deployedIdentity } = await import('../deploy/deployed-identity');
  for (const g of gateways) {
    const identity = await deployedIdentity(state, g);
    if (g.env.discoveryUrl) env[g.env.discoveryUrl] = identity.discoveryUrl;
    if (g.env.clientId) env[g.env.clientId] = identity.clientId;
    if (g.env.clientSecret) env[g.env.clientSecret] = identity.clientSecret;
  }
  return env;
}
