import type { ProjectConfig, RuntimeConfig } from '../model/config';

/*
 * The execution role of an agent on AgentCore Runtime, least privilege: its own logs and traces;
 * `bedrock:InvokeModel*` only for a Bedrock agent; `InvokeGateway` only on its AWS_IAM gateways;
 * workload-identity tokens only for the credential providers it uses. Pure: what the agent needs
 * is read from the config, where it lives (ARNs) is given.
 */

type Json = Record<string, unknown>;

/** Where the role's permissions point. */
export interface RuntimePolicyPlace {
  partition: string;
  region: string;
  account: string;
}

/** What the agent uses, by name in the model. */
export interface AgentNeeds {
  bedrock: boolean;
  /** Gateways with AWS_IAM inbound auth (the agent signs its calls). */
  iamGateways: string[];
  /** Credential providers the agent reads tokens from (the managed `<gateway>-oauth` of each CUSTOM_JWT gateway). */
  credentials: string[];
}

export function agentNeeds(agent: RuntimeConfig, config: ProjectConfig): AgentNeeds {
  return {
    bedrock: agent.modelProvider === 'Bedrock',
    iamGateways: config.agentCoreGateways.filter((g) => g.authorizerType === 'AWS_IAM').map((g) => g.name),
    credentials: [
      ...config.agentCoreGateways.flatMap((g) => (g.authorizerType === 'CUSTOM_JWT' && g.agentCredentialName ? [g.agentCredentialName] : [])),
      // The model provider's API key, read through AgentCore Identity on the Runtime.
      ...(agent.modelApiKey ? [agent.modelApiKey.credentialName] : []),
    ],
  };
}

/** Only AgentCore Runtime may assume the role, and only for runtimes of this account. */
export function runtimeTrustPolicy(at: RuntimePolicyPlace): Json {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': at.account },
          ArnLike: { 'aws:SourceArn': `arn:${at.partition}:bedrock-agentcore:${at.region}:${at.account}:*` },
        },
      },
    ],
  };
}

export interface RuntimePolicyInput extends RuntimePolicyPlace {
  /** The runtime's name in the account (its id, log group and workload identity start with it). */
  runtimeName: string;
  needs: AgentNeeds;
  /** ARNs of the agent's AWS_IAM gateways (a pattern when they are not created yet). */
  gatewayArns: string[];
  /** Provider (and secret) ARNs of the credentials in `needs.credentials`. */
  credentials: { credentialProviderArn: string; secretArn?: string; type: 'oauth' | 'api-key' }[];
}

export function runtimeRolePolicy(p: RuntimePolicyInput): Json {
  const arn = (service: string, resource: string, region = p.region, account = p.account) => `arn:${p.partition}:${service}:${region}:${account}:${resource}`;
  const logGroup = `log-group:/aws/bedrock-agentcore/runtimes/${p.runtimeName}-*`;
  const statements: Json[] = [
    {
      Sid: 'Logs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: [arn('logs', logGroup), arn('logs', `${logGroup}:log-stream:*`)],
    },
    // X-Ray and CloudWatch metrics name no resource; the metrics are limited to the service's namespace.
    {
      Sid: 'Traces',
      Effect: 'Allow',
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      Resource: '*',
    },
    {
      Sid: 'Metrics',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': 'bedrock-agentcore' } },
    },
  ];
  if (p.needs.bedrock) {
    statements.push({
      Sid: 'InvokeModels',
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      // Foundation models are owned by no account; inference profiles live in this one.
      Resource: [arn('bedrock', 'foundation-model/*', '*', ''), arn('bedrock', 'inference-profile/*')],
    });
  }
  if (p.gatewayArns.length > 0) {
    statements.push({ Sid: 'InvokeGateways', Effect: 'Allow', Action: 'bedrock-agentcore:InvokeGateway', Resource: p.gatewayArns });
  }
  if (p.credentials.length > 0) {
    const directory = arn('bedrock-agentcore', 'workload-identity-directory/default');
    statements.push({
      Sid: 'GetWorkloadToken',
      Effect: 'Allow',
      Action: [
        'bedrock-agentcore:GetWorkloadAccessToken',
        'bedrock-agentcore:GetWorkloadAccessTokenForJWT',
        'bedrock-agentcore:GetWorkloadAccessTokenForUserId',
      ],
      Resource: [directory, `${directory}/workload-identity/${p.runtimeName}-*`],
    });
    const vault = arn('bedrock-agentcore', 'token-vault/default');
    const oauth = p.credentials.filter((c) => c.type === 'oauth').map((c) => c.credentialProviderArn);
    const keys = p.credentials.filter((c) => c.type === 'api-key').map((c) => c.credentialProviderArn);
    if (oauth.length > 0)
      statements.push({ Sid: 'GetOauthTokens', Effect: 'Allow', Action: 'bedrock-agentcore:GetResourceOauth2Token', Resource: [vault, ...oauth] });
    if (keys.length > 0) statements.push({ Sid: 'GetApiKeys', Effect: 'Allow', Action: 'bedrock-agentcore:GetResourceApiKey', Resource: [vault, ...keys] });
    const secrets = p.credentials.flatMap((c) => (c.secretArn ? [c.secretArn] : []));
    if (secrets.length > 0) statements.push({ Sid: 'ReadCredentialSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secrets });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** Where the resources an agent uses live, once they exist (undefined: not created yet). */
export interface AgentResources {
  gatewayArn(gateway: string): string | undefined;
  credential(name: string): { credentialProviderArn: string; secretArn?: string; type: 'oauth' | 'api-key' } | undefined;
}

/**
 * The execution role's policy for an agent, or the names of what it waits for (resources created
 * in the same run, whose ARNs are not known yet). Plan and apply both build it here.
 */
export function agentRolePolicy(
  agent: RuntimeConfig,
  config: ProjectConfig,
  at: RuntimePolicyPlace & { runtimeName: string },
  resources: AgentResources,
): { policy: Json; pending: string[] } {
  const needs = agentNeeds(agent, config);
  const pending: string[] = [];
  const gatewayArns = needs.iamGateways.flatMap((g) => {
    const arn = resources.gatewayArn(g);
    if (!arn) pending.push(`gateway ${g}`);
    return arn ? [arn] : [];
  });
  const credentials = needs.credentials.flatMap((c) => {
    const ref = resources.credential(c);
    if (!ref) pending.push(`credential ${c}`);
    return ref ? [ref] : [];
  });
  return { policy: runtimeRolePolicy({ ...at, needs, gatewayArns, credentials }), pending };
}
