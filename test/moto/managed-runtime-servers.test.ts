import * as fs from 'node:fs';
import * as path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploy, destroy, readDeployedState } from '../../src/deploy';
import { deployPolicy } from '../../src/deploy/deploy-policy';
import type { DeployOptions } from '../../src/deploy';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { FAKE_CREDENTIALS, emptyInput, makeProject } from '../deploy/helpers';
import { writeServerCode } from '../package/helpers/mcp-server-code';
import { motoForThisRun } from './emulated-aws';
import { type MotoServer, startMotoServer } from './moto-server';
import { type RecordingEndpoint, startRecordingEndpoint } from './recording-endpoint';

// Managed MCP servers on AgentCore Runtime: the code package goes to S3 (moto's, behind an endpoint
// that writes down every call), the runtime, its role, the gateway and its target are our fake's
// (moto leaves an updated runtime UPDATING for ever). Every client is the real SDK's.

const REGION = 'us-east-1';
const executable = motoForThisRun();

describe.skipIf(!executable)('managed MCP servers on AgentCore Runtime', () => {
  let moto: MotoServer;
  let s3Calls: RecordingEndpoint;
  let fake: FakeAws;
  let s3: S3Client;
  beforeAll(async () => {
    [moto, fake] = await Promise.all([startMotoServer(executable!), startFakeAws({ readyAfterPolls: 2 })]);
    s3Calls = await startRecordingEndpoint(moto.endpoint);
    s3 = new S3Client({ endpoint: moto.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, forcePathStyle: true });
  });
  afterAll(async () => {
    s3?.destroy();
    await s3Calls?.close();
    await Promise.all([moto?.stop(), fake?.close()]);
  });

  /** A project with one gateway and a TypeScript server `calc` on AgentCore Runtime (and, when asked, a deployed agent). */
  function project(name: string, { withAgent = false } = {}) {
    const agentFiles = {
      'app/MyAgent/pyproject.toml': '[project]\nname = "myagent"\nversion = "0.1.0"\nrequires-python = ">=3.10"\ndependencies = []\n',
      'app/MyAgent/main.py': 'def handler(payload):\n    return {"answer": "hello"}\n',
    };
    const p = makeProject(
      {
        ...emptyInput(name),
        gateways: [{ name: 'my-gateway' }],
        targets: [{ gateway: 'my-gateway', type: 'mcp-server', name: 'calc', host: 'AgentCoreRuntime', language: 'TypeScript' }],
        agents: withAgent ? [{ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' }] : [],
      },
      withAgent ? agentFiles : {},
    );
    writeServerCode(p.dir, 'calc', 'runtime-ts');
    const onMoto = { endpoint: s3Calls.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const options = (extra: DeployOptions = {}): DeployOptions => {
      const base = p.options(fake, extra);
      return { ...base, clients: { ...base.clients, s3: { ...onMoto, forcePathStyle: true }, sts: onMoto } };
    };
    return { ...p, options };
  }

  const runtimeOf = (name: string) => [...fake.control.runtimes.values()].find((r) => r.agentRuntimeName === name);
  const targetOf = (project: string) =>
    [...([...fake.control.gateways.values()].find((g) => g.name === `${project}-my-gateway`)?.targets.values() ?? [])].find((t) => t.name === 'calc');
  const objects = async (bucket: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!).sort();

  test('deploy makes an MCP runtime (NODE_22, server.js), an mcpServer target signed by the gateway role, and lets that role invoke exactly the runtime; a second deploy writes nothing', async () => {
    const p = project('RtSrv');
    const first = await deploy(p.dir, p.options());
    expect(first.outcomes['server:my-gateway/calc']).toBe('created');
    const state = readDeployedState(p.dir)!;
    const server = state.servers['my-gateway/calc']!;
    const runtime = runtimeOf('RtSrv_my_gateway_calc')!;
    expect(server).toMatchObject({
      host: 'AgentCoreRuntime',
      name: 'RtSrv_my_gateway_calc',
      arn: runtime.agentRuntimeArn,
      agentRuntimeId: runtime.agentRuntimeId,
    });
    const bucket = state.artifactBucket!.name;
    const key = `agentcore-projen/RtSrv/mcp-servers/my-gateway/calc/${server.codeSha256}.zip`;
    expect(runtime.spec).toMatchObject({
      roleArn: server.roleArn,
      networkConfiguration: { networkMode: 'PUBLIC' },
      protocolConfiguration: { serverProtocol: 'MCP' },
      agentRuntimeArtifact: { codeConfiguration: { code: { s3: { bucket, prefix: key } }, runtime: 'NODE_22', entryPoint: ['server.js'] } },
    });
    expect(await objects(bucket)).toEqual([key]);
    expect(fake.control.tags.get(runtime.agentRuntimeArn)).toEqual({ 'agentcore-projen:project': 'RtSrv' });

    // The server's role: assumed by AgentCore Runtime of this account only; its own logs and traces.
    const role = [...fake.iam.roles.values()].find((r) => r.arn === server.roleArn)!;
    expect(role.name).toBe('RtSrv-my-gateway-calc-mcp');
    expect(JSON.parse(role.trustPolicy).Statement[0]).toMatchObject({
      Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    });
    const permissions = JSON.parse(role.policies.get('mcp-server')!);
    expect(permissions.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['Logs', 'Traces', 'Metrics']);

    // The target reaches the runtime's invocation URL, signed by the gateway role for bedrock-agentcore.
    const target = targetOf('RtSrv')!;
    const url = `https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/${encodeURIComponent(runtime.agentRuntimeArn)}/invocations?qualifier=DEFAULT`;
    expect(target.spec.targetConfiguration).toEqual({ mcp: { mcpServer: { endpoint: url } } });
    expect(target.spec.credentialProviderConfigurations).toEqual([
      { credentialProviderType: 'GATEWAY_IAM_ROLE', credentialProvider: { iamCredentialProvider: { service: 'bedrock-agentcore', region: 'us-east-1' } } },
    ]);
    const gatewayRole = [...fake.iam.roles.values()].find((r) => r.name === state.roles['my-gateway']!.roleName)!;
    expect(JSON.parse(gatewayRole.policies.get('gateway-targets')!)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'InvokeAgentRuntimeTargets',
          Effect: 'Allow',
          Action: 'bedrock-agentcore:InvokeAgentRuntime',
          Resource: [runtime.agentRuntimeArn, `${runtime.agentRuntimeArn}/runtime-endpoint/DEFAULT`],
        },
      ],
    });

    fake.resetCalls();
    s3Calls.calls.length = 0;
    const second = await deploy(p.dir, p.options());
    expect(new Set(Object.values(second.outcomes))).toEqual(new Set(['unchanged']));
    expect(fake.writes()).toEqual([]);
    expect(s3Calls.writes()).toEqual([]);
  });

  test('beside a deployed agent, the server runtime (same <project>_ prefix) is not taken for an agent that left: a second deploy keeps it and writes nothing', async () => {
    const p = project('RtSrvAgent', { withAgent: true });
    await deploy(p.dir, p.options());
    const server = runtimeOf('RtSrvAgent_my_gateway_calc')!;
    fake.resetCalls();
    s3Calls.calls.length = 0;
    const again = await deploy(p.dir, p.options());
    expect(again.plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
    expect(fake.writes()).toEqual([]);
    expect(s3Calls.writes()).toEqual([]);
    expect(runtimeOf('RtSrvAgent_my_gateway_calc')).toMatchObject({ agentRuntimeId: server.agentRuntimeId, status: 'READY' });
    await destroy(p.dir, p.options());
    expect(runtimeOf('RtSrvAgent_my_gateway_calc')).toBeUndefined();
    expect(runtimeOf('RtSrvAgent_MyAgent')).toBeUndefined();
  });

  test('editing the server uploads one new package and updates that runtime only; the old package goes', async () => {
    const p = project('RtSrvEdit');
    await deploy(p.dir, p.options());
    const file = path.join(p.dir, 'app/mcp/calc/server.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("res.end('ok')", "res.end('ready')"));
    fake.resetCalls();
    const result = await deploy(p.dir, p.options());
    expect(result.outcomes['server:my-gateway/calc']).toBe('updated');
    expect(fake.writes().map((c) => c.op)).toEqual(['UpdateAgentRuntime']);
    const after = readDeployedState(p.dir)!;
    const key = `agentcore-projen/RtSrvEdit/mcp-servers/my-gateway/calc/${after.servers['my-gateway/calc']!.codeSha256}.zip`;
    expect(await objects(after.artifactBucket!.name)).toEqual([key]);
    expect(runtimeOf('RtSrvEdit_my_gateway_calc')!.version).toBe(2);
  });

  test('destroy removes the target, the runtime, its role, the packages and the bucket; every call is one --print-policy grants', async () => {
    const p = project('RtSrvGone');
    fake.resetCalls();
    await deploy(p.dir, p.options());
    const state = readDeployedState(p.dir)!;
    await destroy(p.dir, p.options());
    expect(runtimeOf('RtSrvGone_my_gateway_calc')).toBeUndefined();
    expect([...fake.iam.roles.values()].some((r) => r.arn === state.servers['my-gateway/calc']!.roleArn)).toBe(false);
    expect(targetOf('RtSrvGone')).toBeUndefined();
    expect(readDeployedState(p.dir)).toBeUndefined();
    const granted = new Set(
      deployPolicy(p.config, undefined, { partition: 'aws', region: REGION, account: '123456789012' }).Statement.flatMap((st) => st.Action),
    );
    const service = { agentcore: 'bedrock-agentcore', iam: 'iam', cognito: 'cognito-idp' };
    expect([...new Set(fake.calls.map((c) => `${service[c.service]}:${c.op}`))].filter((a) => !granted.has(a))).toEqual([]);
  });
});
