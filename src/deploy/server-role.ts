import type { McpHost } from '../model/managed-server';
import { runtimeRolePolicy, runtimeTrustPolicy } from './runtime-role';

/*
 * The execution role of a managed MCP server, least privilege: the server writes its own logs and
 * nothing else (its tools may need more: the user grants that on the role, see the README). On
 * Lambda only Lambda may assume it; on AgentCore Runtime only the Runtime of this account, with the
 * logs and traces every runtime writes. Pure: names and place in, documents out.
 */

type Json = Record<string, unknown>;

export interface ServerRolePlace {
  partition: string;
  region: string;
  account: string;
}

/** Name of the role's inline policy. */
export const SERVER_POLICY_NAME = 'mcp-server';

export function serverTrustPolicy(host: McpHost, at: ServerRolePlace): Json {
  if (host === 'AgentCoreRuntime') return runtimeTrustPolicy(at);
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
}

/** `name`: the function's or the runtime's name in the account (its log group is named after it). */
export function serverRolePolicy(host: McpHost, name: string, at: ServerRolePlace): Json {
  if (host === 'AgentCoreRuntime') {
    return runtimeRolePolicy({ ...at, runtimeName: name, needs: { bedrock: false, iamGateways: [], credentials: [] }, gatewayArns: [], credentials: [] });
  }
  const logGroup = `arn:${at.partition}:logs:${at.region}:${at.account}:log-group:/aws/lambda/${name}`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'LogGroup', Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: logGroup },
      { Sid: 'LogEvents', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroup}:log-stream:*` },
    ],
  };
}
