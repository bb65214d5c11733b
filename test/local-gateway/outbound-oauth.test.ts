import { jwtVerify, createRemoteJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, startLocalGateway, type LocalGateway } from '../../src/local-gateway';
import { tempDir } from '../helpers/tmp';
import { connectClient, textOf } from './helpers/clients';
import { type McpBackend, startMcpBackend } from './helpers/mcp-backend';
import { type OidcIssuer, startOidcIssuer } from './helpers/oidc-issuer';
import { resolveConfig } from './helpers/project';

const CLIENT_SECRET = 'weather-client-secret-9d1';

describe('outbound OAuth to an mcp-server target', () => {
  let issuer: OidcIssuer;
  let backend: McpBackend;
  let gateway: LocalGateway;

  beforeAll(async () => {
    issuer = await startOidcIssuer({ 'weather-client': CLIENT_SECRET });
    const jwks = createRemoteJWKSet(new URL(`${issuer.issuer}/jwks`));
    // The backend only accepts tokens of the issuer carrying the weather scope.
    backend = await startMcpBackend({
      acceptToken: async (token) => {
        try {
          const { payload } = await jwtVerify(token, jwks, { issuer: issuer.issuer });
          return String(payload.scope).split(' ').includes('weather.read');
        } catch {
          return false;
        }
      },
    });
    const root = tempDir();
    const config = resolveConfig(root, {
      gateways: [{ name: 'gw' }],
      credentials: [{ name: 'WeatherIdp', type: 'oauth', discoveryUrl: issuer.discoveryUrl, clientId: 'weather-client', scopes: ['weather.read'] }],
      targets: [{ gateway: 'gw', name: 'weather', type: 'mcp-server', endpoint: backend.endpoint, outboundAuth: 'oauth', credentialName: 'WeatherIdp' }],
    });
    gateway = await startLocalGateway(config, { root, env: { AGENTCORE_CREDENTIAL_WEATHERIDP_CLIENT_SECRET: CLIENT_SECRET }, logger: silentLogger });
  });

  afterAll(async () => {
    await gateway?.close();
    await backend?.close();
    await issuer?.close();
  });

  it('gets a client-credentials token from the discovery URL, sends it, and reuses it until it expires', async () => {
    const c = await connectClient(gateway.urls.gw);
    try {
      expect((await c.listTools()).tools.map((t) => t.name)).toContain('weather___get_weather');
      for (const city of ['Bern', 'Graz', 'Turku']) {
        expect(textOf(await c.callTool({ name: 'weather___get_weather', arguments: { city } }))).toBe(`Weather in ${city}: sunny, 21 °C`);
      }
    } finally {
      await c.close();
    }
    expect(issuer.grants).toEqual([{ clientId: 'weather-client', scope: 'weather.read' }]);
    const sent = backend.authorizations.filter((a): a is string => a !== undefined);
    expect(sent.length).toBeGreaterThan(3);
    expect(new Set(sent).size).toBe(1);
    expect(sent[0]).toMatch(/^Bearer ey/);
  });

  it('marks the target unavailable, with a reason naming the variable, when the client secret is missing', async () => {
    const root = tempDir();
    const config = resolveConfig(root, {
      gateways: [{ name: 'gw' }],
      credentials: [{ name: 'WeatherIdp', type: 'oauth', discoveryUrl: issuer.discoveryUrl, clientId: 'weather-client' }],
      targets: [{ gateway: 'gw', name: 'weather', type: 'mcp-server', endpoint: backend.endpoint, outboundAuth: 'oauth', credentialName: 'WeatherIdp' }],
    });
    const warnings: string[] = [];
    const lonely = await startLocalGateway(config, { root, env: {}, logger: { info: () => undefined, warn: (m) => warnings.push(m) } });
    const c = await connectClient(lonely.urls.gw);
    try {
      const result = await c.callTool({ name: 'weather___get_weather', arguments: { city: 'Bern' } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/AGENTCORE_CREDENTIAL_WEATHERIDP_CLIENT_SECRET/);
      expect(warnings.join('\n')).toMatch(/target "weather" is unavailable: .*AGENTCORE_CREDENTIAL_WEATHERIDP_CLIENT_SECRET/);
    } finally {
      await c.close();
      await lonely.close();
    }
  });

  it('gets a new token once the cached one nears its expiry', async () => {
    const shortLived = await startOidcIssuer({ 'weather-client': CLIENT_SECRET }, 1);
    const open = await startMcpBackend({ acceptToken: () => true });
    const root = tempDir();
    const config = resolveConfig(root, {
      gateways: [{ name: 'gw' }],
      credentials: [{ name: 'WeatherIdp', type: 'oauth', discoveryUrl: shortLived.discoveryUrl, clientId: 'weather-client' }],
      targets: [
        {
          gateway: 'gw',
          name: 'weather',
          type: 'mcp-server',
          endpoint: open.endpoint,
          outboundAuth: 'oauth',
          credentialName: 'WeatherIdp',
          oauthScopes: ['a', 'b'],
        },
      ],
    });
    const gw = await startLocalGateway(config, { root, env: { AGENTCORE_CREDENTIAL_WEATHERIDP_CLIENT_SECRET: CLIENT_SECRET }, logger: silentLogger });
    const c = await connectClient(gw.urls.gw);
    try {
      await c.callTool({ name: 'weather___get_weather', arguments: { city: 'A' } });
      expect(shortLived.grants).toEqual([{ clientId: 'weather-client', scope: 'a b' }]);
      await new Promise((r) => setTimeout(r, 700));
      await c.callTool({ name: 'weather___get_weather', arguments: { city: 'B' } });
      expect(shortLived.grants.length).toBe(2);
    } finally {
      await c.close();
      await gw.close();
      await open.close();
      await shortLived.close();
    }
  });
});
