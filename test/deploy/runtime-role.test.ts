import { describe, expect, test } from 'vitest';
import { agentNeeds, runtimeRolePolicy, runtimeTrustPolicy } from '../../src/deploy/runtime-role';
import type { ProjectInput } from '../../src/model/input';
import { fromEnv } from '../../src/model/secret';
import { emptyInput, makeProject, quickStart } from './helpers';

// The execution role of an agent on AgentCore Runtime: exactly what the agent uses, nothing more.

const AT = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

type Statement = { Sid: string; Action: string | string[]; Resource: string | string[] };
const statements = (policy: Record<string, unknown>) => policy.Statement as Statement[];
const actions = (policy: Record<string, unknown>) => statements(policy).flatMap((s) => [s.Action].flat());

function policyOf(
  input: ProjectInput,
  agent: string,
  arns: { gatewayArns?: string[]; credentials?: { credentialProviderArn: string; secretArn?: string; type: 'oauth' | 'api-key' }[] } = {},
) {
  const { config } = makeProject(input);
  const runtime = config.runtimes.find((r) => r.name === agent)!;
  return runtimeRolePolicy({
    ...AT,
    runtimeName: runtime.deployedName!,
    needs: agentNeeds(runtime, config),
    gatewayArns: arns.gatewayArns ?? [],
    credentials: arns.credentials ?? [],
  });
}

function mixed(): ProjectInput {
  return {
    ...emptyInput('Mixed'),
    gateways: [
      { name: 'open-gw' },
      { name: 'iam-gw', authorizerType: 'AWS_IAM' },
      {
        name: 'jwt-gw',
        authorizerType: 'CUSTOM_JWT',
        discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
        allowedAudience: ['my-api'],
        agentClientId: 'agent-client',
        agentClientSecret: fromEnv('JWT_AGENT_SECRET'),
      },
    ],
    targets: [],
    agents: [
      { name: 'Planner', framework: 'Strands', modelProvider: 'Bedrock' },
      { name: 'Writer', framework: 'OpenAIAgents', modelProvider: 'OpenAI' },
    ],
  };
}

describe('the execution role of an agent', () => {
  test('of the quick start: its own logs, traces and Bedrock models; no gateway or token call (its gateway has no inbound auth)', () => {
    const policy = policyOf(quickStart('MyProject', { deployAgent: true }), 'MyAgent');
    expect(statements(policy).map((s) => s.Sid)).toEqual(['Logs', 'Traces', 'Metrics', 'InvokeModels']);
    const logs = statements(policy).find((s) => s.Sid === 'Logs')!;
    expect(logs.Resource).toEqual([
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/MyProject_MyAgent-*',
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/MyProject_MyAgent-*:log-stream:*',
    ]);
    expect(actions(policy).filter((a) => a.startsWith('bedrock-agentcore:') || a.startsWith('secretsmanager:'))).toEqual([]);
  });

  test('grants InvokeModel only to a Bedrock agent, InvokeGateway only on the AWS_IAM gateways, tokens only from the gateway credential', () => {
    const gatewayArns = ['arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/mixed-iam-gw-abc123'];
    const credentials = [
      {
        type: 'oauth' as const,
        credentialProviderArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/Mixed-jwt-gw-oauth',
        secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bedrock-agentcore-identity!default/oauth2/Mixed-jwt-gw-oauth-Ab12',
      },
    ];
    const planner = policyOf(mixed(), 'Planner', { gatewayArns, credentials });
    const writer = policyOf(mixed(), 'Writer', { gatewayArns, credentials });
    expect(actions(planner)).toContain('bedrock:InvokeModel');
    expect(actions(writer).filter((a) => a.startsWith('bedrock:'))).toEqual([]);
    for (const policy of [planner, writer]) {
      expect(statements(policy).find((s) => s.Sid === 'InvokeGateways')?.Resource).toEqual(gatewayArns);
      expect(statements(policy).find((s) => s.Sid === 'GetOauthTokens')?.Resource).toEqual([
        'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default',
        credentials[0]!.credentialProviderArn,
      ]);
      expect(statements(policy).find((s) => s.Sid === 'ReadCredentialSecrets')?.Resource).toEqual([credentials[0]!.secretArn]);
    }
    expect(statements(planner).find((s) => s.Sid === 'GetWorkloadToken')?.Resource).toContain(
      'arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/Mixed_Planner-*',
    );
    const { config } = makeProject(mixed());
    expect(agentNeeds(config.runtimes[0]!, config)).toEqual({ bedrock: true, iamGateways: ['iam-gw'], credentials: ['jwt-gw-oauth'] });
  });

  test('is assumable only by AgentCore Runtime on behalf of this account', () => {
    expect(runtimeTrustPolicy(AT)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock-agentcore:us-east-1:123456789012:*' },
          },
        },
      ],
    });
  });
});

test('an agent on a provider that needs a key may read exactly that key, through AgentCore Identity', () => {
  const input: ProjectInput = { ...emptyInput('Keys'), agents: [{ name: 'Writer', framework: 'OpenAIAgents', modelProvider: 'OpenAI' }] };
  const { config } = makeProject(input);
  const writer = config.runtimes.find((r) => r.name === 'Writer')!;
  expect(agentNeeds(writer, config).credentials).toEqual([writer.modelApiKey!.credentialName]);
  const key = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/Keys-writer-openai-key';
  const policy = policyOf(input, 'Writer', { credentials: [{ credentialProviderArn: key, type: 'api-key' }] });
  expect(statements(policy).find((s) => s.Sid === 'GetApiKeys')?.Resource).toContain(key);
  expect(actions(policy)).not.toContain('bedrock:InvokeModel');
});
