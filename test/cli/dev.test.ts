import { type ChildProcess, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonCommand } from '../../src/local-run/python-command';
import { endGroup, spawnGroup } from '../helpers/process-group';
import { tempDir } from '../helpers/tmp';
import { agentcore, agentcoreOk, createProject, TSX, write } from './helpers/project';

// `dev` runs a generated agent with the deployed gateways' variables. The agent's main.py (the
// user's file) is replaced by one that records its environment and answers prompts without an LLM.
let project: string;
let port: number;
let devProcess: ChildProcess | undefined;
let devOutput = '';

const STATE = {
  version: 1,
  project: 'DevProject',
  region: 'eu-west-1',
  updatedAt: '2026-01-01T00:00:00.000Z',
  gateways: {
    'my-gateway': {
      name: 'DevProject-my-gateway',
      gatewayId: 'devproject-my-gateway-abc123',
      gatewayArn: 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:gateway/devproject-my-gateway-abc123',
      gatewayUrl: 'https://devproject-my-gateway-abc123.gateway.bedrock-agentcore.eu-west-1.amazonaws.com/mcp',
      authorizerType: 'AWS_IAM',
      roleArn: 'arn:aws:iam::123456789012:role/DevProject-gateway',
      env: {},
      targets: {},
    },
  },
  credentials: {},
  roles: {},
  pending: {},
};

const MAIN_PY = `import json, os
from http.server import BaseHTTPRequestHandler, HTTPServer

seen = {k: v for k, v in os.environ.items() if k.startswith("AGENTCORE_") or k in ("PORT", "LOCAL_DEV", "AWS_REGION")}
with open("env.json", "w") as f:
    json.dump(seen, f)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        prompt = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["prompt"]
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        if prompt == "fail":
            # What BedrockAgentCoreApp streams when the handler raises after a first piece.
            self.wfile.write(b'data: "Looking it up"\\n\\n')
            error = {"error": "the model is not available", "error_type": "RuntimeError", "message": "An error occurred during streaming"}
            self.wfile.write(f"data: {json.dumps(error)}\\n\\n".encode())
            return
        for piece in ["You said: ", prompt, " | gateway ", os.environ.get("AGENTCORE_GATEWAY_MY_GATEWAY_URL", "none")]:
            self.wfile.write(f"data: {json.dumps(piece)}\\n\\n".encode())
            self.wfile.flush()

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as net.AddressInfo;
      server.close(() => resolve(p));
    });
  });
}

async function waitFor(check: () => boolean, what: string, ms = 60_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${devOutput}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const envWithoutRegion = () => {
  const env = { ...process.env };
  delete env.AWS_REGION;
  delete env.AWS_DEFAULT_REGION;
  return env;
};

beforeAll(async () => {
  project = createProject('DevProject');
  agentcoreOk(project, 'agentcore add gateway --name my-gateway --authorizer-type AWS_IAM');
  agentcoreOk(project, 'agentcore add gateway --name not-yet');
  agentcoreOk(project, 'agentcore add credential --name SearchKey --type api-key --api-key search-k3y');
  agentcoreOk(project, 'agentcore add agent --name MyAgent --framework Strands --model-provider Bedrock');
  write(project, 'agentcore/deployed-state.json', JSON.stringify(STATE, null, 2));
  write(project, 'app/MyAgent/main.py', MAIN_PY);
  port = await freePort();
  const entry = path.join(__dirname, 'helpers', 'cli-entry.ts');
  // Its own process group: ending the group also ends the agent it starts.
  devProcess = spawnGroup(process.execPath, ['--import', TSX, entry, 'dev', '--no-install', '--port', String(port)], { cwd: project, env: envWithoutRegion() });
  devProcess.stdout!.on('data', (d) => (devOutput += d));
  devProcess.stderr!.on('data', (d) => (devOutput += d));
  await waitFor(() => fs.existsSync(path.join(project, 'app/MyAgent/env.json')), 'the agent to start');
});

afterAll(() => endGroup(devProcess));

describe('dev', () => {
  it('runs the agent with PORT, LOCAL_DEV=1, the deployed gateway variables, the secrets and the region', () => {
    const seen = JSON.parse(fs.readFileSync(path.join(project, 'app/MyAgent/env.json'), 'utf8'));
    expect(seen).toMatchObject({
      PORT: String(port),
      LOCAL_DEV: '1',
      AGENTCORE_GATEWAY_MY_GATEWAY_URL: STATE.gateways['my-gateway'].gatewayUrl,
      AGENTCORE_GATEWAY_MY_GATEWAY_AUTH_TYPE: 'AWS_IAM',
      AGENTCORE_CREDENTIAL_SEARCHKEY: 'search-k3y',
      AWS_REGION: 'eu-west-1',
    });
  });

  it('serves a gateway that is not deployed from a local gateway, and the agent gets its URL', async () => {
    const seen = JSON.parse(fs.readFileSync(path.join(project, 'app/MyAgent/env.json'), 'utf8'));
    expect(seen.AGENTCORE_GATEWAY_NOT_YET_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/not-yet\/mcp$/);
    expect(seen.AGENTCORE_GATEWAY_NOT_YET_AUTH_TYPE).toBe('NONE');
    expect(devOutput).toContain('Running agent MyAgent (Strands, Bedrock)');
    expect(devOutput).toContain(`gateway not-yet: ${seen.AGENTCORE_GATEWAY_NOT_YET_URL} (not deployed: served by a local gateway)`);
    // It is a real MCP server while the agent runs.
    const client = new Client({ name: 'dev-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(seen.AGENTCORE_GATEWAY_NOT_YET_URL)));
    const { tools } = await client.listTools();
    await client.close();
    expect(tools.map((t) => t.name)).toContain('x_amz_bedrock_agentcore_search');
  });

  it('with --no-local-gateway, says which gateways are missing because they are not deployed', async () => {
    const otherPort = await freePort();
    let output = '';
    const entry = path.join(__dirname, 'helpers', 'cli-entry.ts');
    const dev = spawnGroup(process.execPath, ['--import', TSX, entry, 'dev', '--no-install', '--no-local-gateway', '--port', String(otherPort)], {
      cwd: project,
      env: envWithoutRegion(),
    });
    dev.stdout!.on('data', (d) => (output += d));
    dev.stderr!.on('data', (d) => (output += d));
    try {
      await waitFor(() => output.includes('not deployed'), 'the start-up message');
      expect(output).toMatch(/Gateway "not-yet" is not deployed, so the agent runs without it: run `npx projen deploy` first/);
    } finally {
      await endGroup(dev);
    }
  });

  it('dev "prompt" sends the prompt to the running agent and streams the answer', async () => {
    await waitFor(() => spawnSync('python3', ['-c', `import socket; socket.create_connection(("127.0.0.1", ${port}), 1)`]).status === 0, 'the agent to listen');
    const r = agentcore(project, `agentcore dev "What is the weather?" --port ${port}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`You said: What is the weather? | gateway ${STATE.gateways['my-gateway'].gatewayUrl}\n`);
    const json = agentcore(project, `agentcore dev "Hi" --port ${port} --json`);
    expect(JSON.parse(json.stdout)).toMatchObject({ success: true, response: `You said: Hi | gateway ${STATE.gateways['my-gateway'].gatewayUrl}` });
  });

  it('dev "prompt" shows an error the agent streams as an error and exits non-zero', () => {
    const r = agentcore(project, `agentcore dev "fail" --port ${port}`);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('Looking it up\n');
    expect(r.stderr).toMatch(/^The agent failed: RuntimeError: the model is not available\n/);
    const json = agentcore(project, `agentcore dev "fail" --port ${port} --json`);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      success: false,
      error: expect.stringMatching(/^The agent failed: RuntimeError: the model is not available/),
    });
  });

  it('stops the agent on Ctrl+C', async () => {
    devProcess!.kill('SIGINT');
    await waitFor(() => devProcess!.exitCode !== null || devProcess!.signalCode !== null, 'dev to exit');
    const r = agentcore(project, `agentcore dev "Hi" --port ${port}`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`No agent is listening on port ${port}`));
  });
});

describe('the Python environment of an agent without uv', () => {
  it('is a .venv made with python -m venv, filled from pyproject.toml once', () => {
    const real = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
    const bin = tempDir('agentcore-projen-path-');
    fs.symlinkSync(real, path.join(bin, 'python3'));
    const agentDir = tempDir('agentcore-projen-agent-');
    fs.writeFileSync(path.join(agentDir, 'pyproject.toml'), '[project]\nname = "a"\nversion = "0.1.0"\ndependencies = []\n');
    const savedPath = process.env.PATH;
    process.env.PATH = bin; // no uv here
    try {
      const logs: string[] = [];
      const cmd = pythonCommand(agentDir, 'main.py', { install: true, log: (l) => logs.push(l) });
      expect(cmd.command).toBe(path.join(agentDir, '.venv', 'bin', 'python'));
      expect(cmd.args).toEqual(['main.py']);
      expect(logs.join('\n')).toMatch(/Creating .*\.venv \(uv was not found/);
      expect(fs.readFileSync(path.join(agentDir, '.venv', '.agentcore-dependencies.json'), 'utf8')).toBe('[]');
      const again: string[] = [];
      pythonCommand(agentDir, 'main.py', { install: true, log: (l) => again.push(l) });
      expect(again).toEqual([]);
    } finally {
      process.env.PATH = savedPath;
      fs.rmSync(agentDir, { recursive: true, force: true });
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });
});
