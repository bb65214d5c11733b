import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface TestAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Signs a request the way AWS SDK clients do (service bedrock-agentcore), returning the headers to send. */
export async function signRequest(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  credentials: TestAwsCredentials,
  options: { region?: string; service?: string; payloadChecksum?: boolean } = {},
): Promise<Record<string, string>> {
  const u = new URL(url);
  const signer = new SignatureV4({
    credentials,
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'bedrock-agentcore',
    sha256: Sha256,
    applyChecksum: options.payloadChecksum ?? true,
  });
  const query: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (query[k] = v));
  const signed = await signer.sign({
    method: init.method,
    protocol: u.protocol,
    hostname: u.hostname,
    port: Number(u.port),
    path: u.pathname,
    query,
    headers: { ...init.headers, host: u.host },
    body: init.body,
  });
  const { host: _host, ...headers } = signed.headers as Record<string, string>;
  return headers;
}

/** A fetch for the MCP SDK client that SigV4-signs every request. */
export function signingFetch(credentials: TestAwsCredentials, options: { region?: string } = {}) {
  return async (url: string | URL, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const body = typeof init.body === 'string' ? init.body : undefined;
    const signed = await signRequest(String(url), { method: init.method ?? 'GET', headers, body }, credentials, options);
    return fetch(url, { ...init, headers: signed });
  };
}
