import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { listen } from './listen';

export interface OidcIssuer {
  readonly issuer: string;
  readonly discoveryUrl: string;
  /** Signs a token with the issuer's key (or `foreignKey` to forge one); `expiresIn: null` leaves `exp` out. */
  sign(claims: JWTPayload, options?: { expiresIn?: string | number | null; foreignKey?: boolean; issuer?: string }): Promise<string>;
  /** client_credentials grants answered by the token endpoint, by client id. */
  readonly grants: Array<{ clientId: string; scope?: string }>;
  close(): Promise<void>;
}

/**
 * A tiny OpenID provider for tests: discovery document, JWKS (one RS256 key made with jose) and a
 * client-credentials token endpoint for `clients` (client id → secret).
 */
export async function startOidcIssuer(clients: Record<string, string> = {}, tokenLifetimeS = 3600): Promise<OidcIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const grants: Array<{ clientId: string; scope?: string }> = [];
  let base = '';
  const sign = (claims: JWTPayload, o: { expiresIn?: string | number | null; foreignKey?: boolean; issuer?: string } = {}) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(o.issuer ?? base)
      .setIssuedAt();
    if (o.expiresIn !== null) jwt.setExpirationTime(o.expiresIn ?? '5m');
    return jwt.sign(o.foreignKey ? foreign.privateKey : privateKey);
  };

  const server = await listen(async (req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: base,
        jwks_uri: `${base}/jwks`,
        token_endpoint: `${base}/token`,
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (req.url === '/jwks') return json(200, { keys: [jwk] });
    if (req.url === '/token' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [id, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent) : [];
      if (form.get('grant_type') !== 'client_credentials' || !id || clients[id] !== secret) return json(401, { error: 'invalid_client' });
      grants.push({ clientId: id, scope: form.get('scope') ?? undefined });
      const token = await sign({ client_id: id, scope: form.get('scope') ?? '' }, { expiresIn: `${tokenLifetimeS}s` });
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: tokenLifetimeS });
    }
    json(404, { error: 'not_found' });
  });
  base = server.url;
  return { issuer: base, discoveryUrl: `${base}/.well-known/openid-configuration`, sign, grants, close: server.close };
}
