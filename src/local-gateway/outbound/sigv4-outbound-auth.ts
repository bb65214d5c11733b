import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SigV4SigningConfig } from '../../model/config';
import { MissingSecretError } from '../../project-files/secret-lookup';
import type { AwsCredentialSource } from './developer-aws-credentials';
import type { OutboundAuth, OutboundRequest } from './outbound-auth';

/** What to tell a developer whose AWS credentials cannot be found. */
const HOW_TO_SET = 'set AWS_PROFILE (a profile of ~/.aws/config, after `aws sso login` if it uses SSO), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';

/**
 * outboundAuth "iam": where the deployed gateway signs with its role, the local gateway signs each
 * request to the target with SigV4 and the developer's own AWS credentials, for the target's
 * signing service and region (the developer's AWS_REGION when the target names none). The
 * signature covers the method, URL, every header set so far and the body, so it is applied last.
 */
export function sigV4OutboundAuth(
  target: string,
  signing: SigV4SigningConfig,
  credentials: AwsCredentialSource,
  defaultRegion: string | undefined,
): OutboundAuth {
  const region = signing.region ?? defaultRegion;
  const signer =
    region === undefined
      ? undefined
      : new SignatureV4({ service: signing.service, region, credentials: () => lookUp(target, signing, credentials), sha256: Sha256, applyChecksum: false });
  return {
    apply: async (request: OutboundRequest) => {
      if (!signer) {
        throw new MissingSecretError(
          `target "${target}" signs its requests for "${signing.service}", but no region is known to sign for; set signingRegion on the target, or AWS_REGION`,
        );
      }
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => (headers[name] = value));
      const query: Record<string, string | string[]> = {};
      for (const [k, v] of request.url.searchParams) {
        const prev = query[k];
        query[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
      }
      const signed = await signer.sign({
        method: request.method,
        protocol: request.url.protocol,
        hostname: request.url.hostname,
        ...(request.url.port ? { port: Number(request.url.port) } : {}),
        path: request.url.pathname,
        query,
        // Node sends the Host header as URL.host; it is signed as that.
        headers: { ...headers, host: request.url.host },
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
      for (const [name, value] of Object.entries(signed.headers)) {
        if (name !== 'host' && value !== undefined) request.headers.set(name, value);
      }
    },
    rejected: () => undefined,
  };
}

async function lookUp(target: string, signing: SigV4SigningConfig, credentials: AwsCredentialSource) {
  try {
    return await credentials();
  } catch (e) {
    // The chain's reason (a profile not found, an expired SSO session), its first line only: a
    // failed credential_process puts its output after that.
    const first = e instanceof Error ? e.message.split('\n')[0]!.slice(0, 200) : '';
    const why = first ? ` (${first})` : '';
    throw new MissingSecretError(
      `target "${target}" signs its requests for "${signing.service}" with your AWS credentials, and none were found${why}; ${HOW_TO_SET}, then call again`,
    );
  }
}
