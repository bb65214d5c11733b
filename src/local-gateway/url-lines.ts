import type { ProjectConfig } from '../model/config';

/** One `AGENTCORE_GATEWAY_<NAME>_URL=<url>` line per gateway, the form shells and tests read. */
export function urlLines(config: ProjectConfig, urls: Readonly<Record<string, string>>): string[] {
  return config.agentCoreGateways.map((g) => `${g.env.url}=${urls[g.name]}`);
}
