import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BedrockAgentCoreControlClient, CreateGatewayCommand, GetGatewayCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { type FakeDataPlane, startFakeDataPlane } from '../fixtures/fake-data-plane/data-plane';
import { tempDir } from '../helpers/tmp';
import { TSX } from './helpers/project';

// `status` reads the state and asks the control plane (the real SDK, against the fakes) for each
// resource's status now: GetAgentRuntime from the fake runtime, GetGateway from the fake control plane.
const ENTRY = path.join(__dirname, 'helpers', 'cli-entry.ts');
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
// A role of another account: the fake IAM lets the gateway use it without creating it.
const ROLE = 'arn:aws:iam::111122223333:role/GatewayRole';
const ARN = 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/StatusProject_MyAgent-abc1234567';

let aws: FakeAws;
let plane: FakeDataPlane;
let project: string;
let gatewayId: string;
let gatewayUrl: string;

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, ENTRY, 'status', ...args], {
      cwd: project,
      env: {
        ...process.env,
        NO_COLOR: '1',
        AWS_ENDPOINT_URL: plane.endpoint,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_MAX_ATTEMPTS: '1',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  aws = await startFakeAws({ readyAfterPolls: 1 });
  plane = await startFakeDataPlane({ fallback: aws.endpoint });
  const client = new BedrockAgentCoreControlClient({ endpoint: aws.endpoint, region: 'eu-west-1', credentials: CREDENTIALS, maxAttempts: 1 });
  const created = await client.send(new CreateGatewayCommand({ name: 'StatusProject-my-gateway', roleArn: ROLE, authorizerType: 'NONE' }));
  gatewayId = created.gatewayId!;
  gatewayUrl = (await client.send(new GetGatewayCommand({ gatewayIdentifier: gatewayId }))).gatewayUrl!;
  client.destroy();
  plane.addRuntime({
    name: 'StatusProject_MyAgent',
    agentRuntimeId: 'StatusProject_MyAgent-abc1234567',
    agentRuntimeArn: ARN,
    agentRuntimeVersion: '3',
    status: 'READY',
    agent: () => ({ format: 'json', pieces: [''] }),
  });
  project = tempDir('agentcore-projen-status-');
  fs.mkdirSync(path.join(project, 'agentcore'));
  fs.writeFileSync(path.join(project, '.projenrc.ts'), '');
  const gateway = (name: string, id: string, url?: string) => ({
    name,
    gatewayId: id,
    gatewayArn: `arn:aws:bedrock-agentcore:eu-west-1:123456789012:gateway/${id}`,
    gatewayUrl: url,
    authorizerType: 'NONE',
    roleArn: ROLE,
    env: {},
    targets: {},
  });
  const state = {
    version: 1,
    project: 'StatusProject',
    region: 'eu-west-1',
    updatedAt: '2026-01-01T00:00:00.000Z',
    gateways: {
      'my-gateway': gateway('StatusProject-my-gateway', gatewayId, gatewayUrl),
      gone: gateway('StatusProject-gone', 'statusproject-gone-zzzzzzzzzz'),
    },
    credentials: {},
    roles: {},
    pending: {},
    // Version 2 was deployed; the service has 3 now (someone deployed since).
    runtimes: {
      MyAgent: {
        name: 'StatusProject_MyAgent',
        agentRuntimeId: 'StatusProject_MyAgent-abc1234567',
        agentRuntimeArn: ARN,
        agentRuntimeVersion: '2',
        roleArn: ROLE,
      },
    },
  };
  fs.writeFileSync(path.join(project, 'agentcore', 'deployed-state.json'), JSON.stringify(state));
});

afterAll(async () => {
  await plane.close();
  await aws.close();
});

describe('status', () => {
  it('--json lists every deployed agent and gateway with its live status, version, endpoint and URL', async () => {
    const r = await run(['--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.agents).toEqual([
      {
        name: 'MyAgent',
        resourceName: 'StatusProject_MyAgent',
        id: 'StatusProject_MyAgent-abc1234567',
        status: 'READY',
        version: '3',
        endpoint: 'DEFAULT',
        url: `https://bedrock-agentcore.eu-west-1.amazonaws.com/runtimes/${encodeURIComponent(ARN)}/invocations?qualifier=DEFAULT`,
      },
    ]);
    expect(out.gateways).toEqual([
      { name: 'my-gateway', resourceName: 'StatusProject-my-gateway', id: gatewayId, status: 'READY', url: gatewayUrl },
      expect.objectContaining({ name: 'gone', status: 'NOT_FOUND' }),
    ]);
    expect(aws.count('GetGateway')).toBeGreaterThanOrEqual(2);
  });

  it('shows them to a person, one line each, with the URL below', async () => {
    const r = await run([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('agent MyAgent (StatusProject_MyAgent): READY  version 3  endpoint DEFAULT');
    expect(r.stdout).toContain(`gateway my-gateway (StatusProject-my-gateway): READY\n    ${gatewayUrl}`);
    expect(r.stdout).toContain('gateway gone (StatusProject-gone): NOT_FOUND');
  });
});
