import * as sdk from '@aws-sdk/client-bedrock-agentcore-control';
import {
  BedrockAgentCoreControlClient,
  ConflictException,
  CreateGatewayCommand,
  CreateGatewayTargetCommand,
  DeleteGatewayCommand,
  GetGatewayCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { CreateRoleCommand, DeleteRoleCommand, GetRolePolicyCommand, IAMClient, ListRolesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeAws, FakeControlPlane, startFakeAws } from '../fixtures/fake-control-plane';
import { FAKE_CREDENTIALS } from './helpers';

// The fake is only worth something if the real SDK accepts it as the service: these tests drive
// it with the SDK clients and check the wire behaviour the SDK relies on: routes, status codes,
// error names, timestamps, paging and eventual readiness.

let fake: FakeAws;
let client: BedrockAgentCoreControlClient;
let iam: IAMClient;

beforeAll(async () => {
  fake = await startFakeAws({ readyAfterPolls: 2, pageSize: 2 });
  const config = { endpoint: fake.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
  client = new BedrockAgentCoreControlClient(config);
  iam = new IAMClient(config);
});

afterAll(async () => {
  client.destroy();
  iam.destroy();
  await fake.close();
});

const ROLE = 'arn:aws:iam::111122223333:role/GatewayRole';

describe('route table', () => {
  test('every gateway, target, identity and tag route of the SDK maps to the operation of the same name', () => {
    const ops = Object.keys(sdk)
      .filter(
        (k) =>
          k.endsWith('$') &&
          /^(Create|Get|Update|Delete|List)(Gateway|GatewayTarget|Gateways|GatewayTargets|Oauth2CredentialProviders?|ApiKeyCredentialProviders?)\$$|^(TagResource|UntagResource|ListTagsForResource)\$$/.test(
            k,
          ),
      )
      .map((k) => k.slice(0, -1));
    expect(ops.length).toBeGreaterThanOrEqual(23);
    for (const op of ops) {
      const schema = (sdk as unknown as Record<string, unknown[]>)[`${op}$`]!;
      const [method, uri] = (schema[3] as { http: [string, string, number] }).http;
      const path = uri.replace('{gatewayIdentifier}', 'g-abcdefghij').replace('{targetId}', 'ABCDEFGHIJ').replace('{resourceArn}', 'arn');
      expect(FakeControlPlane.operationOf(method, path), `${method} ${uri}`).toBe(op);
    }
  });
});

describe('gateways', () => {
  const create = (name: string, extra: Record<string, unknown> = {}) =>
    client.send(new CreateGatewayCommand({ name, roleArn: ROLE, authorizerType: 'NONE', ...extra }));

  test('a created gateway is CREATING, then READY after the configured number of polls, with Date timestamps', async () => {
    const created = await create('wire-gw-1');
    expect(created.status).toBe('CREATING');
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.gatewayId).toMatch(/^wire-gw-1-[0-9a-z]{10}$/);
    const first = await client.send(new GetGatewayCommand({ gatewayIdentifier: created.gatewayId }));
    const second = await client.send(new GetGatewayCommand({ gatewayIdentifier: created.gatewayId }));
    expect([first.status, second.status]).toEqual(['CREATING', 'READY']);
    expect(second.gatewayUrl).toMatch(/^https:\/\/wire-gw-1-.*\/mcp$/);
  });

  test('a duplicate name is a 409 ConflictException, unless the clientToken repeats the same request', async () => {
    const token = 'a'.repeat(40);
    const first = await create('wire-gw-2', { clientToken: token });
    const replay = await create('wire-gw-2', { clientToken: token });
    expect(replay.gatewayId).toBe(first.gatewayId);
    const err = await create('wire-gw-2').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictException);
    expect((err as ConflictException).$metadata.httpStatusCode).toBe(409);
    const mismatch = await create('wire-gw-2', { clientToken: token, description: 'different' }).catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(ValidationException);
    expect((mismatch as ValidationException).reason).toBe('IdempotentParameterMismatchException');
  });

  test('constraints the SDK does not check are refused with a fieldList', async () => {
    const err = (await create('bad_name', { authorizerType: 'CUSTOM_JWT' }).catch((e: unknown) => e)) as ValidationException;
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.fieldList?.map((f) => f.name).sort()).toEqual(['authorizerConfiguration', 'name']);
  });

  test('an unknown id is a ResourceNotFoundException', async () => {
    await expect(client.send(new GetGatewayCommand({ gatewayIdentifier: 'missing-abcdefghij' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test('a gateway with targets cannot be deleted', async () => {
    const g = await create('wire-gw-3');
    await client.send(new GetGatewayCommand({ gatewayIdentifier: g.gatewayId }));
    await client.send(new GetGatewayCommand({ gatewayIdentifier: g.gatewayId }));
    await client.send(
      new CreateGatewayTargetCommand({
        gatewayIdentifier: g.gatewayId,
        name: 't1',
        targetConfiguration: { mcp: { mcpServer: { endpoint: 'https://mcp.example.com/mcp' } } },
      }),
    );
    await expect(client.send(new DeleteGatewayCommand({ gatewayIdentifier: g.gatewayId }))).rejects.toBeInstanceOf(ConflictException);
  });

  test('lists page through nextToken with the SDK paginator', async () => {
    const names: string[] = [];
    for await (const page of sdk.paginateListGateways({ client, pageSize: 2 }, {})) names.push(...(page.items ?? []).map((g) => g.name!));
    expect(names).toEqual(expect.arrayContaining(['wire-gw-1', 'wire-gw-2', 'wire-gw-3']));
    expect(fake.count('ListGateways')).toBeGreaterThanOrEqual(2);
  });

  test('an mcpServer endpoint must be https', async () => {
    const g = [...fake.control.gateways.values()].find((x) => x.name === 'wire-gw-3')!;
    const err = (await client
      .send(
        new CreateGatewayTargetCommand({
          gatewayIdentifier: g.gatewayId,
          name: 't2',
          targetConfiguration: { mcp: { mcpServer: { endpoint: 'http://127.0.0.1:9000/mcp' } } },
        }),
      )
      .catch((e: unknown) => e)) as ValidationException;
    expect(err.fieldList?.[0]?.name).toBe('targetConfiguration.mcp.mcpServer.endpoint');
  });
});

describe('agent runtimes', () => {
  const runtime = (bucket = 'my-artifacts', prefix = 'agent/abc.zip') => ({
    roleArn: ROLE,
    agentRuntimeArtifact: { codeConfiguration: { code: { s3: { bucket, prefix } }, runtime: 'PYTHON_3_12' as const, entryPoint: ['main.py'] } },
    networkConfiguration: { networkMode: 'PUBLIC' as const },
    protocolConfiguration: { serverProtocol: 'HTTP' as const },
    environmentVariables: { AGENTCORE_GATEWAY_MY_GATEWAY_URL: 'https://gw.example.com/mcp' },
  });

  test('every agent runtime route of the SDK maps to the operation of the same name', () => {
    for (const op of ['CreateAgentRuntime', 'GetAgentRuntime', 'UpdateAgentRuntime', 'DeleteAgentRuntime', 'ListAgentRuntimes']) {
      const schema = (sdk as unknown as Record<string, unknown[]>)[`${op}$`]!;
      const [method, uri] = (schema[3] as { http: [string, string, number] }).http;
      expect(FakeControlPlane.operationOf(method, uri.replace('{agentRuntimeId}', 'Wire_Agent-abcdefghij')), `${method} ${uri}`).toBe(op);
    }
  });

  test('a created runtime is CREATING, then READY; an update makes a new version; a delete makes it gone', async () => {
    const created = await client.send(new sdk.CreateAgentRuntimeCommand({ agentRuntimeName: 'Wire_Agent', ...runtime(), tags: { team: 'a' } }));
    expect(created.status).toBe('CREATING');
    expect(created.agentRuntimeId).toMatch(/^Wire_Agent-[a-zA-Z0-9]{10}$/);
    const agentRuntimeId = created.agentRuntimeId!;
    await client.send(new sdk.GetAgentRuntimeCommand({ agentRuntimeId }));
    const ready = await client.send(new sdk.GetAgentRuntimeCommand({ agentRuntimeId }));
    expect(ready).toMatchObject({ status: 'READY', agentRuntimeVersion: '1', environmentVariables: runtime().environmentVariables });
    expect(ready.agentRuntimeArtifact?.codeConfiguration?.code?.s3?.prefix).toBe('agent/abc.zip');
    expect(ready.createdAt).toBeInstanceOf(Date);
    const tags = await client.send(new sdk.ListTagsForResourceCommand({ resourceArn: created.agentRuntimeArn }));
    expect(tags.tags).toEqual({ team: 'a' });
    const again = await client.send(new sdk.CreateAgentRuntimeCommand({ agentRuntimeName: 'Wire_Agent', ...runtime() })).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictException);
    const updated = await client.send(new sdk.UpdateAgentRuntimeCommand({ agentRuntimeId, ...runtime('my-artifacts', 'agent/def.zip') }));
    expect(updated).toMatchObject({ status: 'UPDATING', agentRuntimeVersion: '2' });
    const listed = await client.send(new sdk.ListAgentRuntimesCommand({}));
    expect(listed.agentRuntimes?.map((r) => r.agentRuntimeName)).toContain('Wire_Agent');
    await client.send(new sdk.GetAgentRuntimeCommand({ agentRuntimeId }));
    await client.send(new sdk.GetAgentRuntimeCommand({ agentRuntimeId }));
    expect((await client.send(new sdk.DeleteAgentRuntimeCommand({ agentRuntimeId }))).status).toBe('DELETING');
    const gone = await client.send(new sdk.GetAgentRuntimeCommand({ agentRuntimeId })).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  test('a runtime that fails says why in failureReason; a bad name or env var is refused with a fieldList', async () => {
    fake.failResource({ kind: 'runtime', name: 'Wire_Broken', on: 'create', reasons: ['main.py not found in the package'] });
    const { agentRuntimeId } = await client.send(new sdk.CreateAgentRuntimeCommand({ agentRuntimeName: 'Wire_Broken', ...runtime() }));
    await client.send(new sdk.GetAgentRuntimeCommand({ agentRuntimeId }));
    const failed = await client.send(new sdk.GetAgentRuntimeCommand({ agentRuntimeId }));
    expect(failed).toMatchObject({ status: 'CREATE_FAILED', failureReason: 'main.py not found in the package' });
    const badName = (await client
      .send(new sdk.CreateAgentRuntimeCommand({ agentRuntimeName: 'wire-agent', ...runtime() }))
      .catch((e: unknown) => e)) as ValidationException;
    expect(badName.fieldList?.[0]?.name).toBe('agentRuntimeName');
    const badEnv = (await client
      .send(new sdk.CreateAgentRuntimeCommand({ agentRuntimeName: 'Wire_Env', ...runtime(), environmentVariables: { 'BAD-NAME': 'x' } }))
      .catch((e: unknown) => e)) as ValidationException;
    expect(badEnv.fieldList?.[0]?.name).toBe('environmentVariables.BAD-NAME');
  });
});

describe('credential providers', () => {
  test('identity timestamps are epoch seconds, deletes answer 204, secrets are never returned', async () => {
    const created = await client.send(new sdk.CreateApiKeyCredentialProviderCommand({ name: 'wire-key', apiKey: 'secret-value-123' }));
    expect(created.credentialProviderArn).toContain('apikeycredentialprovider/wire-key');
    const got = await client.send(new sdk.GetApiKeyCredentialProviderCommand({ name: 'wire-key' }));
    expect(got.createdTime).toBeInstanceOf(Date);
    expect(JSON.stringify(got)).not.toContain('secret-value-123');
    const deleted = await client.send(new sdk.DeleteApiKeyCredentialProviderCommand({ name: 'wire-key' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
  });
});

describe('IAM (Query protocol)', () => {
  test('roles are created, listed by path, given inline policies (returned URL-encoded) and deleted', async () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock-agentcore.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'wire-role', Path: '/wire/', AssumeRolePolicyDocument: trust }));
    expect(role.Role?.Arn).toBe('arn:aws:iam::123456789012:role/wire/wire-role');
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'wire-role', PolicyName: 'p', PolicyDocument: policy }));
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'wire-role', PolicyName: 'p' }));
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument!))).toEqual(JSON.parse(policy));
    const listed = await iam.send(new ListRolesCommand({ PathPrefix: '/wire/' }));
    expect(listed.Roles?.map((r) => r.RoleName)).toEqual(['wire-role']);
    const conflict = await iam.send(new DeleteRoleCommand({ RoleName: 'wire-role' })).catch((e: unknown) => e);
    expect((conflict as Error).name).toBe('DeleteConflictException');
    const again = await iam.send(new CreateRoleCommand({ RoleName: 'wire-role', AssumeRolePolicyDocument: trust })).catch((e: unknown) => e);
    expect((again as Error).name).toBe('EntityAlreadyExistsException');
    const missing = await iam.send(new GetRolePolicyCommand({ RoleName: 'nope', PolicyName: 'p' })).catch((e: unknown) => e);
    expect((missing as Error).name).toBe('NoSuchEntityException');
  });

  test('an unsigned request is refused', async () => {
    const res = await fetch(`${fake.endpoint}/gateways/`);
    expect(res.status).toBe(403);
  });
});
