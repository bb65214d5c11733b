/** The fields of an OpenID provider's discovery document the gateway uses. */
export interface OidcMetadata {
  readonly issuer: string;
  readonly jwks_uri?: string;
  readonly token_endpoint?: string;
  readonly token_endpoint_auth_methods_supported?: readonly string[];
}

/**
 * Fetches OIDC discovery documents, one request per URL at a time. A success is kept for the
 * life of the gateway; a failure is not, so an identity provider started after the gateway works.
 */
export class OidcDiscovery {
  private readonly cache = new Map<string, Promise<OidcMetadata>>();

  constructor(private readonly timeoutMs: number) {}

  get(discoveryUrl: string): Promise<OidcMetadata> {
    let pending = this.cache.get(discoveryUrl);
    if (!pending) {
      pending = this.fetch(discoveryUrl);
      this.cache.set(discoveryUrl, pending);
      pending.catch(() => this.cache.delete(discoveryUrl));
    }
    return pending;
  }

  private async fetch(discoveryUrl: string): Promise<OidcMetadata> {
    let res: Response;
    try {
      res = await fetch(discoveryUrl, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } });
    } catch (e) {
      throw new Error(`cannot reach the OIDC discovery URL ${discoveryUrl}: ${describeFetchError(e)}`);
    }
    if (!res.ok) throw new Error(`the OIDC discovery URL ${discoveryUrl} answered HTTP ${res.status}`);
    const doc = (await res.json().catch(() => undefined)) as Partial<OidcMetadata> | undefined;
    if (!doc || typeof doc.issuer !== 'string') {
      throw new Error(`the OIDC discovery URL ${discoveryUrl} did not return a discovery document with an "issuer"`);
    }
    return doc as OidcMetadata;
  }
}

/** The useful reason of a network failure (ECONNREFUSED, timeout); fetch() hides it in `cause`. */
export function describeFetchError(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError') return 'timed out';
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof Error) return (cause as { code?: string }).code ?? cause.message;
    return e.message;
  }
  return String(e);
}
