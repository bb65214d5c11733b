import { SecretLookup } from '../project-files/secret-lookup';
import { secretsFileOf } from '../project-files/secrets-file';
import type { GatewayEnv } from './gateway-env';

export interface AgentEnvOptions {
  readonly root: string;
  readonly port: number;
  readonly gateways: GatewayEnv;
  /** The environment `dev` runs in. @default process.env */
  readonly base?: NodeJS.ProcessEnv;
}

/**
 * The environment of a locally running agent: the secrets of `agentcore/.env.local`, looked up as
 * deploy looks them up (a shell variable wins unless it is empty), the deployed gateways' variables, `PORT` and `LOCAL_DEV=1`
 * (which makes the generated code get CUSTOM_JWT tokens straight from the identity provider), and
 * the deploy's region when none is set.
 */
export function agentEnv(options: AgentEnvOptions): NodeJS.ProcessEnv {
  const base = options.base ?? process.env;
  return {
    ...base,
    ...new SecretLookup(base, secretsFileOf(options.root)).fileSecrets(),
    ...options.gateways.env,
    ...(base.AWS_REGION || !options.gateways.region ? {} : { AWS_REGION: options.gateways.region }),
    PORT: String(options.port),
    LOCAL_DEV: '1',
    PYTHONUNBUFFERED: '1',
  };
}
