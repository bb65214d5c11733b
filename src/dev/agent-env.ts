import { readEnvFile } from '../cli/env-file';
import type { GatewayEnv } from './gateway-env';

export interface AgentEnvOptions {
  readonly root: string;
  readonly port: number;
  readonly gateways: GatewayEnv;
  /** The environment `dev` runs in. @default process.env */
  readonly base?: NodeJS.ProcessEnv;
}

/**
 * The environment of a locally running agent: the secrets of `agentcore/.env.local` (the shell's
 * own variables win, as for deploy), the deployed gateways' variables, `PORT` and `LOCAL_DEV=1`
 * (which makes the generated code get CUSTOM_JWT tokens straight from the identity provider), and
 * the deploy's region when none is set.
 */
export function agentEnv(options: AgentEnvOptions): NodeJS.ProcessEnv {
  const base = options.base ?? process.env;
  return {
    ...readEnvFile(options.root),
    ...base,
    ...options.gateways.env,
    ...(base.AWS_REGION || !options.gateways.region ? {} : { AWS_REGION: options.gateways.region }),
    PORT: String(options.port),
    LOCAL_DEV: '1',
    PYTHONUNBUFFERED: '1',
  };
}
