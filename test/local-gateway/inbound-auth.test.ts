import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, startLocalGateway, type LocalGateway } from '../../src/local-gateway';
import { tempDir } from '../helpers/tmp';
import { connectClient, rawPost, rpcError, textOf } from './helpers/clients';
import { type McpBackend, startMcpBackend } from './helpers/mcp-backend';
import { type OidcIssuer, startOidcIssuer } from './helpers/oidc-issuer';
import { resolveConfig } from './helpers/project';
import { signingFetch, signRequest } from './helpers/sigv4';

const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
const AWS = { accessKeyId: 'AKIALOCALTEST0000001', secretAccessKey: 'local-test-secret-key/abc+123' };

describe('inbound auth of the local gateway', () => {
  let issuer: OidcIssuer;
  let backend: McpBackend;
  let gateway: LocalGateway;
  const clients: Client[] = [];

  beforeAll(async () => {
    issuer = await startOidcIssuer();
    backend = await startMcpBackend();
    const root = tempDir();
    const target = (gw: string) => ({ gateway: gw, name: 'weather', type: 'mcp-server' as const, endpoint: backend.endpoint });
    const config = resolveConfig(root, {
      gateways: [
        {
          name: 'jwt-gw',
          authorizerType: 'CUSTOM_JWT',
          discoveryUrl: issuer.discoveryUrl,
          allowedAudience: ['gateway-api'],
          customClaims: [{ name: 'department', value: 'sales' }],
        },
        { name: 'scoped-gw', authorizerType: 'CUSTOM_JWT', discoveryUrl: issuer.discoveryUrl, allowedClients: ['agent-client'], allowedScopes: ['tools/read'] },
        { name: 'iam-gw', authorizerType: 'AWS_IAM' },
      ],
      targets: [target('jwt-gw'), target('scoped-gw'), target('iam-gw')],
    });
    gateway = await startLocalGateway(config, {
      root,
      env: { ...AWS, AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_REGION: 'us-east-1' },
      logger: silentLogger,
    });
  });

  afterAll(async () => {
    for (const c of clients) await c.close();
    await gateway?.close();
    await backend?.close();
    await issuer?.close();
  });

  const connect = async (...args: Parameters<typeof connectClient>) => {
    const c = await connectClient(...args);
    clients.push(c);
    return c;
  };

  describe('CUSTOM_JWT', () => {
    it('serves a client whose token passes every configured check', async () => {
      const token = await issuer.sign({ aud: 'gateway-api', department: 'sales', sub: 'agent-1' });
      const c = await connect(gateway.urls['jwt-gw'], { headers: { authorization: `Bearer ${token}` } });
      expect((await c.listTools()).tools.map((t) => t.name)).toContain('weather___get_weather');
      expect(textOf(await c.callTool({ name: 'weather___get_weather', arguments: { city: 'Oslo' } }))).toBe('Weather in Oslo: sunny, 21 °C');
    });

    it('refuses a request without a token: 401 with WWW-Authenticate', async () => {
      const res = await rawPost(gateway.urls['jwt-gw'], LIST);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="jwt-gw"');
      expect((await rpcError(res)).message).toMatch(/bearer token is required/);
      await expect(connectClient(gateway.urls['jwt-gw'])).rejects.toThrow();
    });

    it.each([
      ['signed by another key', () => issuer.sign({ aud: 'gateway-api', department: 'sales' }, { foreignKey: true }), /signature|key/],
      ['expired', () => issuer.sign({ aud: 'gateway-api', department: 'sales' }, { expiresIn: Math.floor(Date.now() / 1000) - 60 }), /expired/],
      ['that never expires (no exp claim)', () => issuer.sign({ aud: 'gateway-api', department: 'sales' }, { expiresIn: null }), /no expiry \("exp" claim\)/],
      ['for another audience', () => issuer.sign({ aud: 'other-api', department: 'sales' }), /audience/],
      ['from another issuer', () => issuer.sign({ aud: 'gateway-api', department: 'sales' }, { issuer: 'https://evil.example.com' }), /not issued by/],
      ['without the required claim value', () => issuer.sign({ aud: 'gateway-api', department: 'marketing' }), /"department" claim/],
      ['that is not a JWT', async () => 'not-a-jwt', /not valid/],
    ])('refuses a token %s: 401 invalid_token', async (_what, makeToken, reason) => {
      const res = await rawPost(gateway.urls['jwt-gw'], LIST, { authorization: `Bearer ${await makeToken()}` });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="jwt-gw", error="invalid_token", error_description="/);
      expect((await rpcError(res)).message).toMatch(reason);
    });

    it('refuses a browser page of another site before checking its token: 403, whatever the token', async () => {
      const token = await issuer.sign({ aud: 'gateway-api', department: 'sales' });
      const attempts: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'https://evil.example', authorization: `Bearer ${token}` }];
      for (const headers of attempts) {
        const res = await rawPost(gateway.urls['jwt-gw'], LIST, headers);
        expect(res.status).toBe(403);
        expect((await rpcError(res)).message).toMatch(/Origin "https:\/\/evil.example" is not this gateway's/);
      }
    });

    it('checks allowed clients and scopes', async () => {
      const ok = await issuer.sign({ client_id: 'agent-client', scope: 'tools/read profile' });
      expect((await rawPost(gateway.urls['scoped-gw'], LIST, { authorization: `Bearer ${ok}` })).status).toBe(200);

      const noScope = await issuer.sign({ client_id: 'agent-client', scope: 'profile' });
      const refused = await rawPost(gateway.urls['scoped-gw'], LIST, { authorization: `Bearer ${noScope}` });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);

      const otherClient = await issuer.sign({ client_id: 'someone-else', scope: 'tools/read' });
      expect((await rawPost(gateway.urls['scoped-gw'], LIST, { authorization: `Bearer ${otherClient}` })).status).toBe(401);
    });
  });

  describe('AWS_IAM', () => {
    const post = async (
      body: string,
      credentials = AWS,
      tamper?: (signed: Record<string, string>) => { body?: string; headers?: Record<string, string> },
      options = {},
    ) => {
      const url = gateway.urls['iam-gw'];
      const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
      const signed = await signRequest(url, { method: 'POST', headers, body }, credentials, options);
      const changed = tamper?.(signed) ?? {};
      return fetch(url, { method: 'POST', headers: changed.headers ?? signed, body: changed.body ?? body });
    };

    it("serves an MCP client whose requests are SigV4-signed with the gateway's credentials", async () => {
      const c = await connect(gateway.urls['iam-gw'], { fetch: signingFetch(AWS) });
      expect(textOf(await c.callTool({ name: 'weather___get_weather', arguments: { city: 'Rome' } }))).toBe('Weather in Rome: sunny, 21 °C');
    });

    it('accepts a signature without x-amz-content-sha256 (the body hash is then computed)', async () => {
      expect((await post(LIST, AWS, undefined, { payloadChecksum: false })).status).toBe(200);
    });

    it('refuses an unsigned request with 401', async () => {
      const res = await rawPost(gateway.urls['iam-gw'], LIST);
      expect(res.status).toBe(401);
      expect((await rpcError(res)).message).toMatch(/not SigV4-signed/);
    });

    it('refuses a signature made with the wrong secret key', async () => {
      const res = await post(LIST, { ...AWS, secretAccessKey: 'not-the-secret' });
      expect(res.status).toBe(403);
      expect((await rpcError(res)).message).toMatch(/signature does not match/);
    });

    it('refuses a request whose body was changed after signing', async () => {
      const other = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'weather___get_weather', arguments: { city: 'X' } } });
      expect((await post(LIST, AWS, () => ({ body: other }))).status).toBe(403);
      expect((await post(LIST, AWS, () => ({ body: other }), { payloadChecksum: false })).status).toBe(403);
    });

    it('refuses a changed signature, another access key, service or region', async () => {
      const flipped = await post(LIST, AWS, (h) => ({
        headers: { ...h, authorization: h.authorization.replace(/Signature=(.)/, (_m, c: string) => `Signature=${c === 'a' ? 'b' : 'a'}`) },
      }));
      expect(flipped.status).toBe(403);
      expect((await post(LIST, { ...AWS, accessKeyId: 'AKIAOTHER00000000000' })).status).toBe(403);
      expect((await post(LIST, AWS, undefined, { service: 'execute-api' })).status).toBe(403);
      expect((await post(LIST, AWS, undefined, { region: 'eu-west-1' })).status).toBe(403);
    });
  });
});
