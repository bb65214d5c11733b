import type { AwsCredentials } from '../inbound/sigv4-authorizer';

/** Resolves AWS credentials when a request is signed. */
export type AwsCredentialSource = () => Promise<AwsCredentials>;

/**
 * The developer's own AWS credentials, which the local gateway signs with where the deployed
 * gateway would use its role (outboundAuth "iam"). Found as every AWS tool finds them: the access
 * key variables of `env`, else the standard chain (AWS_PROFILE, SSO, the config and credentials
 * files, a credential process, web identity, container or instance metadata). Credentials are
 * kept until shortly before they expire; a failed lookup is tried again on the next request, so
 * `aws sso login` while the gateway runs is picked up.
 */
export function developerAwsCredentials(env: NodeJS.ProcessEnv): AwsCredentialSource {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = env;
  if (AWS_ACCESS_KEY_ID && AWS_SECRET_ACCESS_KEY) {
    const fixed: AwsCredentials = {
      accessKeyId: AWS_ACCESS_KEY_ID,
      secretAccessKey: AWS_SECRET_ACCESS_KEY,
      ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
    };
    return async () => fixed;
  }
  let chain: Promise<AwsCredentialSource> | undefined;
  return async () => {
    // Loaded on first use: a gateway without iam targets never reads a profile.
    chain ??= import('@aws-sdk/credential-provider-node').then(({ defaultProvider }) =>
      defaultProvider({
        ...(env.AWS_PROFILE ? { profile: env.AWS_PROFILE } : {}),
        ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
        ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
      }),
    );
    return (await chain)();
  };
}
