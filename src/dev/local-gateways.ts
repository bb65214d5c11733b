import type { LocalGateway } from '../local-gateway';
import type { ProjectConfig } from '../model/config';

/**
 * Serves the gateways that have no deployed URL from a local gateway on 127.0.0.1, so an agent
 * can be developed on a fresh checkout. Loaded only when needed: it pulls in the MCP SDK.
 */
export async function serveGatewaysLocally(root: string, config: ProjectConfig, names: readonly string[]): Promise<LocalGateway> {
  const { startLocalGateway } = await import('../local-gateway');
  const subset: ProjectConfig = { ...config, agentCoreGateways: config.agentCoreGateways.filter((g) => names.includes(g.name)) };
  return startLocalGateway(subset, { root });
}
