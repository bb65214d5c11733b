import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploy, destroy, readDeployedState } from '../../src/deploy';
import { deployPolicy } from '../../src/deploy/deploy-policy';
import type { DeployOptions } from '../../src/deploy';
import type { ManagedServerConfig, ToolDefinition } from '../../src/model/managed-server';
import { packageMcpServer } from '../../src/package';
import { managedServerTools } from '../../src/tool-schema';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { FAKE_CREDENTIALS, emptyInput, makeProject } from '../deploy/helpers';
import { writeServerCode } from '../package/helpers/mcp-server-code';
import { motoForThisRun } from './emulated-aws';
import { type MotoServer, startMotoServer } from './moto-server';
import { type RecordedCall, type RecordingEndpoint, startRecordingEndpoint } from './recording-endpoint';

// Managed MCP servers on Lambda, deployed for real: Lambda, IAM and STS are moto's (an emulator we
// did not write), reached through an endpoint that writes down every call; gateways and targets are
// our fake's (moto leaves an updated target UPDATING for ever). Every client is the real SDK's.

const REGION = 'us-east-1';
const executable = motoForThisRun();

/** The IAM action of a call to moto: the query API's Action (IAM), or Lambda's REST route. */
function actionOf(c: RecordedCall): string {
  if (c.action) return `iam:${c.action}`;
  const fn = /^\/2015-03-31\/functions(?:\/[^/]+(\/code|\/configuration)?)?\/?$/.exec(c.path);
  if (!fn) return `unknown:${c.method} ${c.path}`;
  const [, sub] = fn;
  if (c.method === 'POST') return 'lambda:CreateFunction';
  if (c.method === 'DELETE') return 'lambda:DeleteFunction';
  if (sub === '/code') return 'lambda:UpdateFunctionCode';
  if (sub === '/configuration') return c.method === 'PUT' ? 'lambda:UpdateFunctionConfiguration' : 'lambda:GetFunctionConfiguration';
  return 'lambda:GetFunction';
}

/** The schemas of the tools of app/mcp/calc/tools.ts, as the gateway holds them. */
const TOOLS: ToolDefinition[] = [
  {
    name: 'add',
    description: 'Adds two numbers.',
    inputSchema: {
      type: 'object',
      properties: { a: { type: 'number', description: 'The first number.' }, b: { type: 'number', description: 'The second number.' } },
      required: ['a', 'b'],
    },
  },
  {
    name: 'greet',
    description: 'Greets someone by name.',
    inputSchema: { type: 'object', properties: { name: { type: 'string', description: 'Who to greet.' } }, required: ['name'] },
  },
];

describe.skipIf(!executable)('managed MCP servers on Lambda', () => {
  let moto: MotoServer;
  let aws: RecordingEndpoint;
  let fake: FakeAws;
  let lambda: LambdaClient;
  let iam: IAMClient;
  beforeAll(async () => {
    [moto, fake] = await Promise.all([startMotoServer(executable!), startFakeAws({ readyAfterPolls: 2, roleUsable: () => true })]);
    aws = await startRecordingEndpoint(moto.endpoint);
    const onMoto = { endpoint: moto.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    lambda = new LambdaClient(onMoto);
    iam = new IAMClient(onMoto);
  });
  afterAll(async () => {
    lambda?.destroy();
    iam?.destroy();
    await aws?.close();
    await Promise.all([moto?.stop(), fake?.close()]);
  });

  /** A project with one gateway and a server `calc` on Lambda (TypeScript unless told). */
  function project(name: string, language: 'TypeScript' | 'Python' = 'TypeScript') {
    const p = makeProject({
      ...emptyInput(name),
      gateways: [{ name: 'my-gateway' }],
      targets: [{ gateway: 'my-gateway', type: 'mcp-server', name: 'calc', host: 'Lambda', language }],
    });
    writeServerCode(p.dir, 'calc', language === 'Python' ? 'lambda-py' : 'lambda-ts');
    const onMoto = { endpoint: aws.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const options = (extra: DeployOptions = {}): DeployOptions => {
      const base = p.options(fake, extra);
      return { ...base, clients: { agentcore: base.clients!.agentcore!, iam: onMoto, lambda: onMoto, sts: onMoto, s3: { ...onMoto, forcePathStyle: true } } };
    };
    return { ...p, options };
  }

  const functionOf = (name: string) => lambda.send(new GetFunctionCommand({ FunctionName: name }));
  /** The target `calc` on the project's gateway. */
  const targetOf = (project: string) =>
    [...([...fake.control.gateways.values()].find((g) => g.name === `${project}-my-gateway`)?.targets.values() ?? [])].find((t) => t.name === 'calc');
  const inlinePolicy = async (role: string, policy: string) =>
    JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: policy }))).PolicyDocument!));

  test('deploy creates an ARM64 nodejs22.x function with the bundle, a logs-only role, and a lambda target with the derived tools; a second deploy writes nothing', async () => {
    const p = project('SrvFirst');
    const first = await deploy(p.dir, p.options());
    expect(first.outcomes['server:my-gateway/calc']).toBe('created');
    expect(first.outcomes['target:my-gateway/calc']).toBe('created');

    const state = readDeployedState(p.dir)!;
    const server = state.servers['my-gateway/calc']!;
    expect(server).toMatchObject({ host: 'Lambda', name: 'SrvFirst-my-gateway-calc' });
    const fn = await functionOf('SrvFirst-my-gateway-calc');
    expect(fn.Configuration).toMatchObject({
      FunctionArn: server.arn,
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'handler.handler',
      Role: server.roleArn,
    });
    // The code is the bundle of handler.ts, byte for byte.
    const pkg = await packageMcpServer({ projectDir: p.dir, server: { host: 'Lambda', language: 'TypeScript', codeLocation: 'app/mcp/calc' }, label: 't' });
    expect(fn.Configuration!.CodeSha256).toBe(Buffer.from(pkg.sha256, 'hex').toString('base64'));
    expect(fn.Tags).toMatchObject({ 'agentcore-projen:project': 'SrvFirst' });

    // The function's role: assumed by Lambda only, allowed its own logs only.
    const roleName = server.roleArn.split('/').pop()!;
    expect(server.roleArn).toMatch(/:role\/agentcore-projen\/SrvFirst\/SrvFirst-my-gateway-calc-mcp$/);
    const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!;
    const trust = JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!));
    expect(trust.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames).toEqual(['mcp-server']);
    const logs = await inlinePolicy(roleName, 'mcp-server');
    expect(logs.Statement.flatMap((s: { Action: string | string[] }) => s.Action)).toEqual([
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    expect(logs.Statement.flatMap((s: { Resource: string }) => s.Resource)).toEqual([
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/SrvFirst-my-gateway-calc',
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/SrvFirst-my-gateway-calc:log-stream:*',
    ]);

    // The gateway's role may invoke exactly that function, and nothing else.
    const gatewayRole = state.roles['my-gateway']!.roleName;
    expect(await inlinePolicy(gatewayRole, 'gateway-targets')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'InvokeLambdaTargets', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [server.arn] }],
    });

    // The target calls the function with the gateway's role and describes the tools derived from the code.
    const target = targetOf('SrvFirst')!;
    // The derived schema, as the service can hold it (its tool model has no additionalProperties).
    const managed = (p.config.agentCoreGateways[0]!.targets[0] as { managed: ManagedServerConfig }).managed;
    const derived = await managedServerTools(p.dir, managed);
    expect(derived).toEqual(TOOLS.map((t) => ({ ...t, inputSchema: { ...t.inputSchema, additionalProperties: false } })));
    expect(target.spec.targetConfiguration).toEqual({ mcp: { lambda: { lambdaArn: server.arn, toolSchema: { inlinePayload: TOOLS } } } });
    expect(target.spec.credentialProviderConfigurations).toEqual([{ credentialProviderType: 'GATEWAY_IAM_ROLE' }]);

    aws.calls.length = 0;
    fake.resetCalls();
    const second = await deploy(p.dir, { ...p.options(), confirm: () => Promise.reject(new Error('nothing to confirm')) });
    expect(new Set(Object.values(second.outcomes))).toEqual(new Set(['unchanged']));
    expect(second.plan.changes.find((c) => c.id === 'server:my-gateway/calc')?.action).toBe('no-op');
    expect(aws.writes()).toEqual([]);
    expect(fake.writes()).toEqual([]);
  });

  test('a Python server: a python3.12 ARM64 function running handler.handler, its target describing the tools read from tools.py', async () => {
    const p = project('SrvPython', 'Python');
    await deploy(p.dir, p.options());
    const server = readDeployedState(p.dir)!.servers['my-gateway/calc']!;
    expect((await functionOf('SrvPython-my-gateway-calc')).Configuration).toMatchObject({
      Runtime: 'python3.12',
      Architectures: ['arm64'],
      Handler: 'handler.handler',
      CodeSha256: Buffer.from(server.codeSha256, 'hex').toString('base64'),
    });
    const payload = (targetOf('SrvPython')!.spec.targetConfiguration as { mcp: { lambda: { toolSchema: { inlinePayload: ToolDefinition[] } } } }).mcp.lambda
      .toolSchema.inlinePayload;
    expect(payload.map((t) => [t.name, t.description, Object.keys(t.inputSchema.properties as object), t.inputSchema.required])).toEqual([
      ['add', expect.stringContaining('Adds two numbers.'), ['a', 'b'], ['a', 'b']],
      ['greet', expect.stringContaining('Greets someone by name.'), ['name'], ['name']],
    ]);
    aws.calls.length = 0;
    fake.resetCalls();
    await deploy(p.dir, p.options());
    expect([...aws.writes(), ...fake.writes().map((c) => c.op)]).toEqual([]);
  });

  test('editing a tool updates that function code only: one write, nothing else changes', async () => {
    const p = project('SrvEdit');
    await deploy(p.dir, p.options());
    const before = readDeployedState(p.dir)!.servers['my-gateway/calc']!;
    const tools = path.join(p.dir, 'app/mcp/calc/tools.ts');
    fs.writeFileSync(tools, fs.readFileSync(tools, 'utf8').replace('Hello, ', 'Hi, '));
    aws.calls.length = 0;
    fake.resetCalls();
    const result = await deploy(p.dir, p.options());
    expect(result.outcomes['server:my-gateway/calc']).toBe('updated');
    expect(aws.writes()).toEqual(['PUT /2015-03-31/functions/SrvEdit-my-gateway-calc/code']);
    expect(fake.writes()).toEqual([]);
    const after = readDeployedState(p.dir)!.servers['my-gateway/calc']!;
    expect(after.codeSha256).not.toBe(before.codeSha256);
    expect((await functionOf('SrvEdit-my-gateway-calc')).Configuration!.CodeSha256).toBe(Buffer.from(after.codeSha256, 'hex').toString('base64'));
  });

  test('a tool with an enum: the target tells its choices in the description (the service has no enum), and a re-deploy writes nothing', async () => {
    const p = project('SrvEnum');
    const tools = path.join(p.dir, 'app/mcp/calc/tools.ts');
    const travel = [
      '/** Plans a trip. */',
      'export function plan(input: {',
      '  /** How to travel. */',
      "  mode: 'train' | 'car';",
      '}): string {',
      '  return input.mode;',
      '}',
    ].join('\n');
    fs.appendFileSync(tools, `\n${travel}\n`);
    await deploy(p.dir, p.options());
    const payload = (targetOf('SrvEnum')!.spec.targetConfiguration as { mcp: { lambda: { toolSchema: { inlinePayload: ToolDefinition[] } } } }).mcp.lambda
      .toolSchema.inlinePayload;
    expect(payload.find((t) => t.name === 'plan')?.inputSchema).toEqual({
      type: 'object',
      properties: { mode: { type: 'string', description: 'How to travel. One of: "train", "car".' } },
      required: ['mode'],
    });
    aws.calls.length = 0;
    fake.resetCalls();
    await deploy(p.dir, p.options());
    expect([...aws.writes(), ...fake.writes()]).toEqual([]);
  });

  test('destroy deletes the target, then the function and its role; the code stays', async () => {
    const p = project('SrvGone');
    await deploy(p.dir, p.options());
    const server = readDeployedState(p.dir)!.servers['my-gateway/calc']!;
    const dry = await destroy(p.dir, { ...p.options(), dryRun: true });
    expect(dry.plan.changes.find((c) => c.id === 'server:my-gateway/calc')).toMatchObject({ action: 'delete', name: 'SrvGone-my-gateway-calc' });
    const result = await destroy(p.dir, p.options());
    expect(result.outcomes['delete:server:my-gateway/calc']).toBe('deleted');
    await expect(functionOf('SrvGone-my-gateway-calc')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(iam.send(new GetRoleCommand({ RoleName: server.roleArn.split('/').pop()! }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect(targetOf('SrvGone')).toBeUndefined();
    expect(readDeployedState(p.dir)).toBeUndefined();
    expect(fs.readFileSync(path.join(p.dir, 'app/mcp/calc/tools.ts'), 'utf8')).toContain('export function add');
  });

  test('a deploy stopped right after CreateFunction converges on re-run with one function', async () => {
    const p = project('SrvCrash');
    const crash = (step: { what: string }) => {
      if (step.what === 'CreateFunction answered') throw new Error('simulated crash');
    };
    await expect(deploy(p.dir, p.options({ afterStep: crash }))).rejects.toThrow('simulated crash');
    const result = await deploy(p.dir, p.options());
    expect(result.outcomes['server:my-gateway/calc']).toBe('unchanged');
    expect(result.outcomes['target:my-gateway/calc']).toBe('created');
    expect(readDeployedState(p.dir)!.servers['my-gateway/calc']!.arn).toBe((await functionOf('SrvCrash-my-gateway-calc')).Configuration!.FunctionArn);
  });

  test('moving the server to AgentCore Runtime deletes the function, makes the runtime and points the target at it', async () => {
    const p = project('SrvMove');
    await deploy(p.dir, p.options());
    writeServerCode(p.dir, 'calc', 'runtime-ts');
    p.resynth((input) => ({ ...input, targets: input.targets.map((t) => ({ ...t, host: 'AgentCoreRuntime' as const })) }));
    const result = await deploy(p.dir, p.options());
    expect(result.outcomes['server:my-gateway/calc']).toBe('created');
    expect(result.outcomes['target:my-gateway/calc']).toBe('replaced');
    await expect(functionOf('SrvMove-my-gateway-calc')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const server = readDeployedState(p.dir)!.servers['my-gateway/calc']!;
    const runtime = [...fake.control.runtimes.values()].find((r) => r.agentRuntimeName === 'SrvMove_my_gateway_calc')!;
    expect(server).toMatchObject({ host: 'AgentCoreRuntime', arn: runtime.agentRuntimeArn });
    expect(Object.keys((targetOf('SrvMove')!.spec.targetConfiguration as { mcp: object }).mcp)).toEqual(['mcpServer']);
    const trust = JSON.parse(
      decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: server.roleArn.split('/').pop()! }))).Role!.AssumeRolePolicyDocument!),
    );
    expect(trust.Statement[0].Principal).toEqual({ Service: 'bedrock-agentcore.amazonaws.com' });
  });

  test('a function of the same name that nothing shows the project made is refused, never changed', async () => {
    const p = project('SrvForeign');
    const roleArn = (await iam.send(new GetRoleCommand({ RoleName: 'x' })).catch(() => undefined))?.Role?.Arn;
    expect(roleArn).toBeUndefined();
    // Someone else's function, with someone else's role.
    const { CreateRoleCommand } = await import('@aws-sdk/client-iam');
    const theirs = await iam.send(
      new CreateRoleCommand({ RoleName: 'theirs', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }) }),
    );
    const zip = fs.readFileSync(
      (await packageMcpServer({ projectDir: p.dir, server: { host: 'Lambda', language: 'TypeScript', codeLocation: 'app/mcp/calc' }, label: 't' })).zipFile,
    );
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'SrvForeign-my-gateway-calc',
        Runtime: 'nodejs20.x',
        Handler: 'index.h',
        Role: theirs.Role!.Arn!,
        Code: { ZipFile: zip },
      }),
    );
    await expect(deploy(p.dir, p.options())).rejects.toThrow(
      /a Lambda function named "SrvForeign-my-gateway-calc" already exists in us-east-1 and nothing shows this project made it/,
    );
    expect((await functionOf('SrvForeign-my-gateway-calc')).Configuration).toMatchObject({ Runtime: 'nodejs20.x', Handler: 'index.h' });
  });

  test('every call deploy, a code edit and destroy make is one --print-policy grants, on the project resources', async () => {
    const p = project('SrvPolicy');
    aws.calls.length = 0;
    fake.resetCalls();
    await deploy(p.dir, p.options());
    const tools = path.join(p.dir, 'app/mcp/calc/tools.ts');
    fs.writeFileSync(tools, fs.readFileSync(tools, 'utf8').replace('Hello, ', 'Hey, '));
    await deploy(p.dir, p.options());
    await destroy(p.dir, p.options());
    const policy = deployPolicy(p.config, undefined, { partition: 'aws', region: REGION, account: '123456789012' });
    const granted = new Set(policy.Statement.flatMap((st) => st.Action));
    const made = new Set([...aws.calls.map(actionOf), ...fake.calls.map((c) => `bedrock-agentcore:${c.op}`)]);
    expect([...made].filter((a) => !granted.has(a))).toEqual([]);
    expect(made).toContain('lambda:UpdateFunctionCode');
    expect(policy.Statement.find((st) => st.Sid === 'ManageProjectFunctions')?.Resource).toEqual([
      'arn:aws:lambda:us-east-1:123456789012:function:SrvPolicy-*',
    ]);
    expect(policy.Statement.find((st) => st.Sid === 'PassFunctionRoles')).toMatchObject({
      Action: ['iam:PassRole'],
      Resource: ['arn:aws:iam::123456789012:role/agentcore-projen/SrvPolicy/*'],
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    });
  });
});
