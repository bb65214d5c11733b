import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { type AuthDecision, header, type InboundAuthorizer, type InboundRequest } from './inbound-authorizer';

/** The AWS credentials signatures are checked against. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Reads AWS credentials from the standard environment variables. */
export function awsCredentialsFromEnv(env: NodeJS.ProcessEnv): AwsCredentials | undefined {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = env;
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) return undefined;
  return { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}) };
}

/** AgentCore gateways are signed for this service name. */
export const SIGNING_SERVICE = 'bedrock-agentcore';
/** How far the signing time may be from now, as AWS allows. */
const MAX_SKEW_MS = 5 * 60 * 1000;
const AUTH_PATTERN = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;

/**
 * `authorizerType: AWS_IAM`: the request must be SigV4-signed (service `bedrock-agentcore`) with the
 * access key the gateway holds. The signature is recomputed with the AWS signer over the headers the
 * caller signed and the exact body received, then compared in constant time; the region is the one
 * the caller signed for, and must equal AWS_REGION when that is set.
 */
export class SigV4Authorizer implements InboundAuthorizer {
  constructor(
    private readonly credentials: AwsCredentials | undefined,
    private readonly region: string | undefined,
    /** The service requests must be signed for. */
    private readonly signingService: string = SIGNING_SERVICE,
  ) {}

  async check(req: InboundRequest): Promise<AuthDecision> {
    if (!this.credentials) {
      return refuse(
        401,
        'this AWS_IAM gateway has no AWS credentials to check signatures against; start it with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set',
      );
    }
    const match = header(req.headers, 'authorization')?.match(AUTH_PATTERN);
    if (!match) return refuse(401, 'the request is not SigV4-signed (expected an "AWS4-HMAC-SHA256 Credential=..." Authorization header)');
    const [, credential, signedHeaderList, signature] = match;
    const [accessKeyId, date, region, service, terminator, ...rest] = credential.split('/');
    if (rest.length > 0 || terminator !== 'aws4_request' || !date || !region) return refuse(403, "the signature's credential scope is malformed");
    if (service !== this.signingService) return refuse(403, `the request is signed for service "${service}"; sign it for "${this.signingService}"`);
    if (this.region && region !== this.region)
      return refuse(403, `the request is signed for region "${region}", but this gateway runs in "${this.region}" (AWS_REGION)`);
    if (accessKeyId !== this.credentials.accessKeyId) return refuse(403, 'the request is signed with an access key this gateway does not know');

    const signingDate = parseAmzDate(header(req.headers, 'x-amz-date'));
    if (!signingDate || !signingDate.toISOString().replace(/[-:]/g, '').startsWith(date)) {
      return refuse(403, 'the request needs an X-Amz-Date header matching its credential scope');
    }
    if (Math.abs(Date.now() - signingDate.getTime()) > MAX_SKEW_MS)
      return refuse(403, 'the signature has expired or is from the future (more than 5 minutes off)');

    const signedHeaders = signedHeaderList.split(';');
    if (!signedHeaders.includes('host')) return refuse(403, 'the signature must cover the Host header');
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) {
      const value = req.headers[name];
      if (value === undefined) return refuse(403, `the signed header "${name}" is missing from the request`);
      headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const payloadHash = headers['x-amz-content-sha256'];
    if (payloadHash !== undefined && payloadHash !== createHash('sha256').update(req.body).digest('hex')) {
      return refuse(403, 'the body does not match the signed x-amz-content-sha256 (unsigned payloads are not accepted)');
    }

    const url = new URL(req.url, 'http://gateway.invalid');
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
    }
    const signer = new SignatureV4({ credentials: this.credentials, region, service, sha256: Sha256, applyChecksum: false });
    const signed = await signer.sign(
      { method: req.method, protocol: 'http:', hostname: url.hostname, path: req.url.split('?')[0], query, headers, body: req.body },
      { signingDate, signableHeaders: new Set(signedHeaders) },
    );
    const expected = String(signed.headers.authorization ?? '').match(AUTH_PATTERN);
    if (!expected || expected[2] !== signedHeaderList || !sameText(expected[3], signature)) {
      return refuse(403, 'the request signature does not match; check the secret key and that the request was not changed after signing');
    }
    return { ok: true };
  }
}

function refuse(status: 401 | 403, message: string): AuthDecision {
  return { ok: false, status, message: `${status === 401 ? 'Unauthorized' : 'Forbidden'}: ${message}`, headers: { 'www-authenticate': 'AWS4-HMAC-SHA256' } };
}

/** `20250101T120000Z` → Date. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
