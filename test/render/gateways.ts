import type { GatewayOptions } from '../../src/model/gateway';
import { fromEnv } from '../../src/model/secret';

/** One gateway per inbound auth type, as the agent rendering tests declare them. */
export const OPEN: GatewayOptions = { name: 'open-gw' };
export const IAM: GatewayOptions = { name: 'iam-gw', authorizerType: 'AWS_IAM' };
export const JWT: GatewayOptions = {
  name: 'jwt-gw',
  authorizerType: 'CUSTOM_JWT',
  discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
  allowedClients: ['agent-client'],
  agentClientId: 'agent-client',
  agentClientSecret: fromEnv('JWT_GW_SECRET'),
};
