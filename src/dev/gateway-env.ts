import type { ProjectConfig } from '../model/config';
import { readDeployedState } from '../deploy/state';

/** The gateway variables an agent gets locally, and the gateways it has to do without. */
export interface GatewayEnv {
  /** `AGENTCORE_GATEWAY_<NAME>_URL` / `_AUTH_TYPE` of every deployed gateway. */
  readonly env: Record<string, string>;
  /** Gateway name → URL, for the start-up message. */
  readonly deployed: Record<string, string>;
  /**
   * Gateways of the model to serve locally: never deployed (no URL yet), or deployed with an
   * identity provider deploy made while the deployed identity is not used (their tokens then come
   * from the local gateway's issuer).
   */
  readonly missing: readonly string[];
  /** Region of the last deploy, if any. */
  readonly region?: string;
}

/**
 * Reads the URLs of the deployed gateways from `agentcore/deployed-state.json` (written by deploy).
 * The auth type is the deployed one: it is what the gateway at that URL checks.
 */
export function gatewayEnv(root: string, config: ProjectConfig, options: { useDeployedIdentity?: boolean } = {}): GatewayEnv {
  const state = readDeployedState(root);
  const env: Record<string, string> = {};
  const deployed: Record<string, string> = {};
  const missing: string[] = [];
  for (const g of config.agentCoreGateways) {
    const s = state?.gateways[g.name];
    const url = s?.gatewayUrl ?? s?.env[g.env.url];
    if (!s || !url || (g.identityProvider && !options.useDeployedIdentity)) {
      missing.push(g.name);
      continue;
    }
    env[g.env.url] = url;
    env[g.env.authType] = s.authorizerType || g.authorizerType;
    deployed[g.name] = url;
  }
  return { env, deployed, missing, region: state?.region };
}
