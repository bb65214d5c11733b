import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for http:// URLs on this machine, accepted for local development only. */
export function isLoopbackHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

/** An https URL, or a loopback http URL for local development (deploy refuses those). */
export const endpointUrl = (example: string) =>
  z.string().refine(
    (v) => {
      try {
        return new URL(v).protocol === 'https:' || isLoopbackHttp(v);
      } catch {
        return false;
      }
    },
    {
      error: (iss) =>
        `${JSON.stringify(iss.input)} is not an https URL; AWS requires https (http is accepted only for 127.0.0.1/localhost during local development), e.g. ${JSON.stringify(example)}`,
    },
  );

const WELL_KNOWN = '/.well-known/openid-configuration';

/** An OIDC discovery URL: https (or loopback http) ending in the well-known path. */
export const discoveryUrl = endpointUrl(`https://idp.example.com${WELL_KNOWN}`).refine((v) => v.endsWith(WELL_KNOWN), {
  error: (iss) => `${JSON.stringify(iss.input)} must end with "${WELL_KNOWN}"`,
});
