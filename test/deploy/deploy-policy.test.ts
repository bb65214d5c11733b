import * as agentcoreSdk from '@aws-sdk/client-bedrock-agentcore-control';
import * as iamSdk from '@aws-sdk/client-iam';
import { describe, expect, test } from 'vitest';
import { deploy, deployPolicyFor, destroy, type PolicyDocument } from '../../src/deploy';
import { deployPolicy } from '../../src/deploy/deploy-policy';
import type { ProjectInput } from '../../src/model/input';
import { awsEnv, emptyInput, everything, makeProject, quickStart, runCli, TOOLS, withFake } from './helpers';

// `deploy --print-policy`: the minimal policy for the principal that deploys a model. Checked
// as a policy (shape, real action names, narrow resources) and against what deploy really sends.

const AT = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

function givenRoles(): ProjectInput {
  return {
    ...emptyInput('Handed'),
    gateways: [
      { name: 'front', roleArn: 'arn:aws:iam::111122223333:role/FrontGatewayRole' },
      { name: 'back', roleArn: 'arn:aws:iam::111122223333:role/BackGatewayRole' },
    ],
    targets: [{ gateway: 'front', type: 'mcp-server', name: 'search', endpoint: 'https://search.example.com/mcp' }],
  };
}

/** Statements of list calls, which name no resource in IAM. */
const LISTS = new Set(['ListGateways', 'ListAgentRuntimes']);

/** Actions that authorize something other than an API call of their own. */
const PERMISSION_ONLY = new Set(['iam:PassRole']);

/** The checks a policy validator makes that matter here; returns the problems found. */
function validate(policy: PolicyDocument): string[] {
  const problems: string[] = [];
  const doc = JSON.parse(JSON.stringify(policy)) as PolicyDocument;
  if (doc.Version !== '2012-10-17') problems.push(`Version ${doc.Version}`);
  if (!Array.isArray(doc.Statement) || doc.Statement.length === 0) problems.push('no Statement');
  const sids = new Set<string>();
  for (const s of doc.Statement) {
    if (!/^[A-Za-z0-9]+$/.test(s.Sid) || sids.has(s.Sid)) problems.push(`Sid ${s.Sid}`);
    sids.add(s.Sid);
    if (s.Effect !== 'Allow') problems.push(`${s.Sid}: Effect ${s.Effect}`);
    if (s.Action.length === 0 || s.Resource.length === 0) problems.push(`${s.Sid}: empty Action or Resource`);
    for (const a of s.Action) {
      const [service, op] = a.split(':');
      // Each action names a real API operation of the service's SDK.
      if (service === 'bedrock-agentcore' && !(`${op}Command` in agentcoreSdk)) problems.push(`${s.Sid}: unknown action ${a}`);
      if (service === 'iam' && !PERMISSION_ONLY.has(a) && !(`${op}Command` in iamSdk)) problems.push(`${s.Sid}: unknown action ${a}`);
      if (!/^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/.test(a)) problems.push(`${s.Sid}: malformed action ${a}`);
    }
    for (const r of s.Resource) {
      if (r === '*' && !LISTS.has(s.Sid)) problems.push(`${s.Sid}: Resource "*"`);
      if (r !== '*' && !/^arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|\*)?:.+$/.test(r)) problems.push(`${s.Sid}: malformed ARN ${r}`);
    }
  }
  return problems;
}

/** IAM's wildcard match of a Resource pattern. */
function matches(pattern: string, arn: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(arn);
}

function allows(policy: PolicyDocument, action: string, arn?: string): boolean {
  return policy.Statement.some((s) => s.Action.includes(action) && (arn === undefined || s.Resource.some((r) => matches(r, arn))));
}

function configOf(input: ProjectInput, files: Record<string, string> = {}) {
  return makeProject(input, files).config;
}

describe('the deploy policy of a model', () => {
  test('with every gateway giving roleArn: no IAM action but iam:PassRole, on exactly those roles, for bedrock-agentcore only', () => {
    const policy = deployPolicy(configOf(givenRoles()), undefined, AT);
    expect(validate(policy)).toEqual([]);
    const iam = policy.Statement.filter((s) => s.Action.some((a) => a.startsWith('iam:')));
    expect(iam).toEqual([
      {
        Sid: 'PassServiceRoles',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: ['arn:aws:iam::111122223333:role/FrontGatewayRole', 'arn:aws:iam::111122223333:role/BackGatewayRole'],
        Condition: { StringEquals: { 'iam:PassedToService': 'bedrock-agentcore.amazonaws.com' } },
      },
    ]);
    expect(policy.Statement.flatMap((s) => s.Action).filter((a) => /CredentialProvider|secretsmanager/.test(a))).toEqual([]);
  });

  test('of the quick start: IAM role actions only on the project role path, gateways only the project ones (but create)', () => {
    const policy = deployPolicy(configOf(quickStart()), undefined, AT);
    expect(validate(policy)).toEqual([]);
    const roles = policy.Statement.filter((s) => s.Action.some((a) => a.startsWith('iam:')));
    expect(roles.flatMap((s) => s.Resource)).toEqual([
      'arn:aws:iam::123456789012:role/agentcore-projen/MyProject/*',
      'arn:aws:iam::123456789012:role/agentcore-projen/MyProject/*',
    ]);
    expect(allows(policy, 'iam:CreateRole', 'arn:aws:iam::123456789012:role/agentcore-projen/MyProject/MyProject-my-gateway-gateway')).toBe(true);
    expect(allows(policy, 'iam:CreateRole', 'arn:aws:iam::123456789012:role/Admin')).toBe(false);
    expect(allows(policy, 'bedrock-agentcore:DeleteGateway', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/myproject-my-gateway-a1b2c3d4e5')).toBe(
      true,
    );
    expect(allows(policy, 'bedrock-agentcore:DeleteGateway', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/other-gw-a1b2c3d4e5')).toBe(false);
    expect(policy.Statement.flatMap((s) => s.Action).filter((a) => /CredentialProvider|secretsmanager/.test(a))).toEqual([]);
  });

  test('of the quick start: what deploying its agent needs, on the project runtimes, its artifact bucket and role path only', () => {
    const policy = deployPolicy(configOf(quickStart('MyProject', { deployAgent: true })), undefined, AT);
    expect(validate(policy)).toEqual([]);
    const runtime = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/MyProject_MyAgent-a1b2c3d4e5';
    expect(allows(policy, 'bedrock-agentcore:CreateAgentRuntime', runtime)).toBe(true);
    expect(allows(policy, 'bedrock-agentcore:UpdateAgentRuntime', runtime)).toBe(true);
    expect(allows(policy, 'bedrock-agentcore:DeleteAgentRuntime', `${runtime}/runtime-endpoint/DEFAULT`)).toBe(true);
    expect(allows(policy, 'bedrock-agentcore:DeleteAgentRuntime', 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/Other_MyAgent-a1b2c3d4e5')).toBe(
      false,
    );
    const bucket = 'arn:aws:s3:::myproject-agentcore-123456789012-us-east-1';
    expect(allows(policy, 's3:CreateBucket', bucket)).toBe(true);
    expect(allows(policy, 's3:PutObject', `${bucket}/agentcore-projen/MyProject/MyAgent/${'ab'.repeat(32)}.zip`)).toBe(true);
    expect(allows(policy, 's3:PutObject', 'arn:aws:s3:::someone-elses-bucket/x.zip')).toBe(false);
    const role = 'arn:aws:iam::123456789012:role/agentcore-projen/MyProject/MyProject-MyAgent-runtime';
    expect(allows(policy, 'iam:PassRole', role)).toBe(true);
    expect(allows(policy, 'iam:CreateRole', role)).toBe(true);
  });

  test('with a bucket the model names: objects under the project prefix in it, listing it, and no bucket-level write', () => {
    const policy = deployPolicy(configOf({ ...quickStart('MyProject', { deployAgent: true }), artifactBucket: 'shared-artifacts' }), undefined, AT);
    expect(validate(policy)).toEqual([]);
    const bucket = 'arn:aws:s3:::shared-artifacts';
    expect(allows(policy, 's3:PutObject', `${bucket}/agentcore-projen/MyProject/MyAgent/${'ab'.repeat(32)}.zip`)).toBe(true);
    expect(allows(policy, 's3:DeleteObject', `${bucket}/someone/else.txt`)).toBe(false);
    expect(allows(policy, 's3:ListBucket', bucket)).toBe(true);
    for (const action of ['s3:CreateBucket', 's3:DeleteBucket', 's3:PutBucketTagging', 's3:PutEncryptionConfiguration'])
      expect(allows(policy, action)).toBe(false);
  });

  test('an agent with deploy: false needs nothing; one with executionRoleArn needs only iam:PassRole on it', () => {
    const local: ProjectInput = { ...givenRoles(), agents: [{ name: 'Local', framework: 'Strands', modelProvider: 'Bedrock', deploy: false }] };
    const none = deployPolicy(configOf(local), undefined, AT);
    expect(none.Statement.flatMap((s) => s.Action).filter((a) => /AgentRuntime|^s3:/.test(a))).toEqual([]);
    const executionRoleArn = 'arn:aws:iam::111122223333:role/MyAgentRole';
    const given: ProjectInput = { ...givenRoles(), agents: [{ name: 'Remote', framework: 'Strands', modelProvider: 'Bedrock', executionRoleArn }] };
    const policy = deployPolicy(configOf(given), undefined, AT);
    expect(validate(policy)).toEqual([]);
    expect(allows(policy, 'iam:PassRole', executionRoleArn)).toBe(true);
    expect(policy.Statement.flatMap((s) => s.Action).filter((a) => a.startsWith('iam:') && a !== 'iam:PassRole')).toEqual([]);
    expect(allows(policy, 'bedrock-agentcore:CreateAgentRuntime')).toBe(true);
  });

  test('grants every call deploy, re-deploy and destroy make, on the resources they make (every target type)', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      const policy = deployPolicy(p.config, undefined, AT);
      expect(validate(policy)).toEqual([]);
      await deploy(p.dir, p.options(fake));
      const made = {
        gateways: [...fake.control.gateways.values()].map((g) => g.gatewayArn),
        credentials: [...fake.control.identities.oauth.values(), ...fake.control.identities.apiKeys.values()],
        roles: [...fake.iam.roles.values()].map((r) => r.arn),
      };
      await deploy(p.dir, p.options(fake));
      await destroy(p.dir, p.options(fake));
      const service = { agentcore: 'bedrock-agentcore', iam: 'iam' };
      const called = [...new Set(fake.calls.map((c) => `${service[c.service]}:${c.op}`))];
      expect(called.filter((a) => !allows(policy, a))).toEqual([]);
      for (const arn of made.gateways) expect(allows(policy, 'bedrock-agentcore:UpdateGateway', arn), arn).toBe(true);
      for (const c of made.credentials) {
        const op = c.arn.includes('/oauth2credentialprovider/') ? 'Oauth2' : 'ApiKey';
        expect(allows(policy, `bedrock-agentcore:Delete${op}CredentialProvider`, c.arn), c.arn).toBe(true);
        expect(allows(policy, 'secretsmanager:CreateSecret', c.secretArn), c.secretArn).toBe(true);
      }
      for (const arn of made.roles) expect(allows(policy, 'iam:PutRolePolicy', arn), arn).toBe(true);
      expect(allows(policy, 'iam:PassRole', 'arn:aws:iam::111122223333:role/ExistingGatewayRole')).toBe(true);
    });
  });
});

describe('npx projen deploy --print-policy', () => {
  test('prints the policy as JSON without an AWS call; the account comes from the deployed state', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(givenRoles(), { 'tools.json': TOOLS });
      const before = await runCli(p.dir, ['deploy', '--print-policy'], awsEnv(fake));
      expect(before.status).toBe(0);
      expect(fake.calls).toEqual([]);
      const unknown = JSON.parse(before.stdout) as PolicyDocument;
      expect(validate(unknown)).toEqual([]);
      expect(unknown.Statement.find((s) => s.Sid === 'ManageProjectGateways')!.Resource).toEqual(['arn:aws:bedrock-agentcore:us-east-1:*:gateway/handed-*']);
      expect(before.stderr).toContain('Pass --account <id> to name it');

      await deploy(p.dir, p.options(fake));
      const after = await deployPolicyFor(p.dir, { region: 'us-east-1' });
      expect(after.accountKnown).toBe(true);
      expect(after.policy.Statement.find((s) => s.Sid === 'ManageProjectGateways')!.Resource).toEqual([
        'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/handed-*',
      ]);
    });
  });
});
