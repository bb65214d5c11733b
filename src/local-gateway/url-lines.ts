import type { ProjectConfig } from '../model/config';
import type { LocalIssuerClient } from './local-issuer';

/**
 * One `AGENTCORE_GATEWAY_<NAME>_URL=<url>` line per gateway, the form shells and tests read; a
 * gateway whose identity provider deploy makes is followed by its local issuer's discovery URL and
 * client id (never the secret: that is in `agentcore/.env.local`).
 */
export function urlLines(config: ProjectConfig, urls: Readonly<Record<string, string>>, issuers: Readonly<Record<string, LocalIssuerClient>> = {}): string[] {
  return config.agentCoreGateways.flatMap((g) => {
    const issuer = issuers[g.name];
    const lines = [`${g.env.url}=${urls[g.name]}`];
    if (issuer && g.env.discoveryUrl && g.env.clientId) lines.push(`${g.env.discoveryUrl}=${issuer.discoveryUrl}`, `${g.env.clientId}=${issuer.clientId}`);
    return lines;
  });
}
