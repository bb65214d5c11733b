import type { CredentialConfig } from '../../model/config';
import { describeFetchError, type OidcDiscovery } from '../oidc-discovery';
import type { SecretLookup } from '../../project-files/secret-lookup';

type OAuthCredential = Extract<CredentialConfig, { type: 'oauth' }>;

/** Refresh a token this long before the provider says it expires, so it never expires in flight. */
const EXPIRY_MARGIN_MS = 30_000;
/** When a token response has no `expires_in`. */
const DEFAULT_LIFETIME_S = 300;

/**
 * Outbound OAuth: client-credentials access tokens from the token endpoint named by a credential's
 * discovery URL, cached per scope set until shortly before they expire. Concurrent callers share
 * one token request.
 */
export class OAuthTokenSource {
  private readonly tokens = new Map<string, { value: string; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly credential: OAuthCredential,
    private readonly secrets: SecretLookup,
    private readonly discovery: OidcDiscovery,
    private readonly timeoutMs: number,
  ) {}

  /** A valid access token for these scopes (the credential's scopes when none are given). */
  async token(scopes?: readonly string[]): Promise<string> {
    const wanted = scopes && scopes.length > 0 ? scopes : this.credential.scopes;
    const key = [...wanted].sort().join(' ');
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    let request = this.pending.get(key);
    if (!request) {
      request = this.request(wanted).then(
        ({ value, lifetimeS }) => {
          this.tokens.set(key, { value, expiresAt: Date.now() + Math.max(lifetimeS * 1000 - EXPIRY_MARGIN_MS, (lifetimeS * 1000) / 2) });
          this.pending.delete(key);
          return value;
        },
        (e) => {
          this.pending.delete(key);
          throw e;
        },
      );
      this.pending.set(key, request);
    }
    return request;
  }

  /** Forgets cached tokens (after a backend refused one). */
  invalidate(): void {
    this.tokens.clear();
  }

  private async request(scopes: readonly string[]): Promise<{ value: string; lifetimeS: number }> {
    const name = this.credential.name;
    const clientId = this.credential.clientId ?? this.secrets.require(this.credential.env.clientId!, `the client id of credential "${name}"`);
    const clientSecret = this.secrets.require(this.credential.env.clientSecret, `the client secret of credential "${name}"`);
    const discoveryUrl = this.credential.discoveryUrl;
    if (!discoveryUrl) {
      throw new Error(`credential "${name}" holds the app client of an identity provider deploy makes; it has no discovery URL before that pool exists`);
    }
    const metadata = await this.discovery.get(discoveryUrl);
    if (!metadata.token_endpoint) throw new Error(`credential "${name}": the identity provider publishes no token_endpoint`);

    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scopes.length > 0) form.set('scope', scopes.join(' '));
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    // client_secret_basic is the OAuth default; use the form only when the provider asks for it.
    const methods = metadata.token_endpoint_auth_methods_supported;
    if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
      form.set('client_id', clientId);
      form.set('client_secret', clientSecret);
    } else {
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
    }
    let res: Response;
    try {
      res = await fetch(metadata.token_endpoint, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw new Error(`credential "${name}": cannot reach the token endpoint: ${describeFetchError(e)}`);
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
    if (!res.ok || typeof body.access_token !== 'string') {
      const reason = typeof body.error === 'string' ? ` (${body.error})` : '';
      throw new Error(`credential "${name}": the token endpoint refused the client-credentials request: HTTP ${res.status}${reason}`);
    }
    const lifetimeS = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_S;
    return { value: body.access_token, lifetimeS };
  }
}
