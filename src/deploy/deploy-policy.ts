import type { ProjectConfig } from '../model/config';
import { artifactBucketName, artifactPrefix } from './artifact-names';
import { projectPrefix, rolePath } from './names';
import type { DeployedState } from './state';

/*
 * The IAM policy the principal that runs deploy, diff and destroy needs for one model (and what
 * the deployed state still holds): every action deploy may call, each on the narrowest resource
 * it can name (agents: runtimes, the artifact bucket, execution roles). Pure: the model, the state and where (partition, region, account) in, a policy
 * document out. Kinds the project does not involve get no statement at all: a model whose
 * gateways all give `roleArn` gets no IAM action but `iam:PassRole` on exactly those roles.
 */

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyPlace {
  partition: string;
  region: string;
  /** The account deploy works in; `*` when it is not known. */
  account: string;
}

const AGENTCORE = 'bedrock-agentcore';

export function deployPolicy(config: ProjectConfig, state: DeployedState | undefined, at: PolicyPlace): PolicyDocument {
  const project = config.name;
  const arn = (service: string, resource: string, region = at.region) => `arn:${at.partition}:${service}:${region}:${at.account}:${resource}`;
  const agentcore = (actions: string[]) => actions.map((a) => `${AGENTCORE}:${a}`);
  const statements: PolicyStatement[] = [];
  const allow = (Sid: string, Action: string[], Resource: string[], Condition?: PolicyStatement['Condition']) =>
    statements.push({ Sid, Effect: 'Allow', Action, Resource: [...new Set(Resource)], ...(Condition ? { Condition } : {}) });

  const gateways = config.agentCoreGateways.length > 0 || Object.keys(state?.gateways ?? {}).length > 0;
  const deployed = config.runtimes.filter((r) => r.deployedName !== undefined);
  const servers = config.agentCoreGateways.flatMap((g) => g.targets.flatMap((t) => (t.type === 'mcp-server' && t.managed ? [t.managed] : [])));
  const recordedServers = Object.values(state?.servers ?? {});
  const onLambda = servers.some((m) => m.host === 'Lambda') || recordedServers.some((s) => s.host === 'Lambda');
  const onRuntime = servers.some((m) => m.host === 'AgentCoreRuntime') || recordedServers.some((s) => s.host === 'AgentCoreRuntime');
  // Agents and managed servers on AgentCore Runtime (a server's runtime is `<project>_<gateway>_<target>`).
  const runtimes = deployed.length > 0 || Object.keys(state?.runtimes ?? {}).length > 0 || onRuntime;
  if (gateways) {
    // Gateway ids are the lower-cased name plus a suffix, so the project's all start alike.
    const ours = arn(AGENTCORE, `gateway/${projectPrefix(project).toLowerCase()}*`);
    // A list names no resource in IAM: it can only be granted on "*".
    allow('ListGateways', agentcore(['ListGateways']), ['*']);
    // The id of a gateway being created is not known yet; tags are set in the same call.
    allow('CreateGateways', agentcore(['CreateGateway', 'TagResource']), [arn(AGENTCORE, 'gateway/*')]);
    allow(
      'ManageProjectGateways',
      agentcore([
        'GetGateway',
        'UpdateGateway',
        'DeleteGateway',
        'ListTagsForResource',
        'TagResource',
        'UntagResource',
        'ListGatewayTargets',
        'GetGatewayTarget',
        'CreateGatewayTarget',
        'UpdateGatewayTarget',
        'DeleteGatewayTarget',
      ]),
      [ours],
    );
  }
  if (runtimes) {
    allow('ListAgentRuntimes', agentcore(['ListAgentRuntimes']), ['*']);
    allow('CreateAgentRuntimes', agentcore(['CreateAgentRuntime', 'TagResource']), [arn(AGENTCORE, 'runtime/*')]);
    // Runtime ids are the name (`<project>_<agent>`) plus a suffix; the DEFAULT endpoint lives under the runtime.
    allow(
      'ManageProjectAgentRuntimes',
      agentcore(['GetAgentRuntime', 'UpdateAgentRuntime', 'DeleteAgentRuntime', 'ListTagsForResource', 'TagResource', 'UntagResource']),
      [arn(AGENTCORE, `runtime/${project}_*`)],
    );
    const bucket = `arn:${at.partition}:s3:::${config.artifactBucket ?? artifactBucketName(project, at.account, at.region)}`;
    // A bucket the model names is only read and written under the project's prefix, never made or deleted.
    const bucketActions = config.artifactBucket
      ? ['s3:ListBucket']
      : [
          's3:CreateBucket',
          's3:PutEncryptionConfiguration',
          's3:PutBucketPublicAccessBlock',
          's3:PutBucketTagging',
          's3:GetBucketTagging',
          's3:ListBucket',
          's3:DeleteBucket',
        ];
    allow('ArtifactBucket', bucketActions, [bucket]);
    allow('Artifacts', ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], [`${bucket}/${artifactPrefix(project)}*`]);
  }
  if (onLambda) {
    // Managed MCP servers on Lambda: functions named `<project>-<gateway>-<target>`; tags are set in CreateFunction.
    allow(
      'ManageProjectFunctions',
      [
        'lambda:GetFunction',
        'lambda:GetFunctionConfiguration',
        'lambda:CreateFunction',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:DeleteFunction',
        'lambda:TagResource',
      ],
      [arn('lambda', `function:${projectPrefix(project)}*`)],
    );
  }
  if (gateways || runtimes) {
    // The service gives each gateway and runtime a workload identity, made and removed with the
    // caller's permissions (AWS's management policies grant these for that reason).
    const directory = arn(AGENTCORE, 'workload-identity-directory/default');
    allow('WorkloadIdentities', agentcore(['CreateWorkloadIdentity', 'DeleteWorkloadIdentity']), [directory, `${directory}/workload-identity/*`]);
  }

  // Identity providers deploy makes: Cognito user pools. Their ids are random, so only the region's
  // pools can be named; a list names no resource at all.
  if (config.agentCoreGateways.some((g) => g.identityProvider) || Object.keys(state?.identityProviders ?? {}).length > 0) {
    const cognito = (actions: string[]) => actions.map((a) => `cognito-idp:${a}`);
    allow('ListUserPools', cognito(['ListUserPools']), ['*']);
    allow(
      'ManageProjectUserPools',
      cognito([
        'CreateUserPool',
        'DescribeUserPool',
        'DeleteUserPool',
        'TagResource',
        'CreateUserPoolDomain',
        'DeleteUserPoolDomain',
        'CreateResourceServer',
        'DescribeResourceServer',
        'UpdateResourceServer',
        'CreateUserPoolClient',
        'DescribeUserPoolClient',
        'UpdateUserPoolClient',
        'ListUserPoolClients',
      ]),
      [arn('cognito-idp', 'userpool/*')],
    );
  }

  const credentialTypes = new Set([...config.credentials.map((c) => c.type), ...Object.values(state?.credentials ?? {}).map((c) => c.type)]);
  const vault = arn(AGENTCORE, 'token-vault/default');
  for (const type of ['oauth', 'api-key'] as const) {
    if (!credentialTypes.has(type)) continue;
    const [op, kind, secrets] = type === 'oauth' ? ['Oauth2', 'oauth2credentialprovider', 'oauth2'] : ['ApiKey', 'apikeycredentialprovider', 'apikey'];
    allow(
      type === 'oauth' ? 'ManageOauthCredentialProviders' : 'ManageApiKeyCredentialProviders',
      agentcore([
        `Get${op}CredentialProvider`,
        `Create${op}CredentialProvider`,
        `Update${op}CredentialProvider`,
        `Delete${op}CredentialProvider`,
        'TagResource',
        'ListTagsForResource',
      ]),
      [vault, `${vault}/${kind}/${projectPrefix(project)}*`],
    );
    // The token vault keeps each secret in Secrets Manager in this account, written with the
    // caller's permissions; deploy never reads one back.
    allow(
      type === 'oauth' ? 'OauthCredentialSecrets' : 'ApiKeyCredentialSecrets',
      ['secretsmanager:CreateSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:DeleteSecret'],
      [arn('secretsmanager', `secret:bedrock-agentcore-identity!default/${secrets}/${projectPrefix(project)}*`)],
    );
  }

  // Gateways and agents without a role ARN get one deploy makes under the project's role path.
  const managed = config.agentCoreGateways.some((g) => !g.roleArn) || deployed.some((r) => !r.executionRoleArn) || servers.length > 0;
  const projectRoles = `arn:${at.partition}:iam::${at.account}:role${rolePath(project)}*`;
  const given = [
    ...config.agentCoreGateways.flatMap((g) => (g.roleArn ? [g.roleArn] : [])),
    ...deployed.flatMap((r) => (r.executionRoleArn ? [r.executionRoleArn] : [])),
  ];
  const passed = [...given, ...(managed ? [projectRoles] : [])];
  if (passed.length > 0) {
    allow('PassServiceRoles', ['iam:PassRole'], passed, { StringEquals: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' } });
  }
  if (servers.some((m) => m.host === 'Lambda')) {
    // A function's execution role is passed to Lambda, not to AgentCore.
    allow('PassFunctionRoles', ['iam:PassRole'], [projectRoles], { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } });
  }
  if (managed || Object.keys(state?.roles ?? {}).length > 0 || Object.values(state?.runtimes ?? {}).length > 0 || recordedServers.length > 0) {
    allow(
      'ManageProjectRoles',
      [
        'iam:GetRole',
        'iam:CreateRole',
        'iam:TagRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:GetRolePolicy',
        'iam:PutRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:ListRolePolicies',
        'iam:DeleteRole',
      ],
      [projectRoles],
    );
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The partition of a region (`cn-north-1` → `aws-cn`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** The account of the ARNs the last deploy recorded, if any. */
export function accountOf(state: DeployedState | undefined): string | undefined {
  const arns = [
    ...Object.values(state?.gateways ?? {}).map((g) => g.gatewayArn),
    ...Object.values(state?.credentials ?? {}).map((c) => c.credentialProviderArn),
    ...Object.values(state?.roles ?? {}).map((r) => r.roleArn),
    ...Object.values(state?.runtimes ?? {}).map((r) => r.agentRuntimeArn),
    ...Object.values(state?.identityProviders ?? {}).map((p) => p.userPoolArn),
  ];
  for (const a of arns) {
    const account = a.split(':')[4];
    if (account && /^\d{12}$/.test(account)) return account;
  }
  return undefined;
}
