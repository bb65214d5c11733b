import { type ChildProcess, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDeployedState } from '../../src/deploy';
import { type LocalGateway, silentLogger, startLocalGateway } from '../../src/local-gateway';
import { loadProjectConfig } from '../../src/project-files/project-config';
import { awsEnv, runCli } from '../deploy/helpers';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { endGroup, spawnGroup } from '../helpers/process-group';
import { agentcore, agentcoreOk, createProject, TSX, write } from './helpers/project';

// A gateway with `identityProvider: 'cognito'` from the command line: `add gateway`, `token`
// (local issuer, then the deployed pool), the local gateway, and `dev` with and without
// --use-deployed-identity.

const MAIN_PY = `import json, os
from http.server import BaseHTTPRequestHandler, HTTPServer

seen = {k: v for k, v in os.environ.items() if k.startswith("AGENTCORE_") or k == "LOCAL_DEV"}
with open("env.json", "w") as f:
    json.dump(seen, f)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
`;

let project: string;
let fake: FakeAws;

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

async function listTools(url: string, token?: string): Promise<string[]> {
  const client = new Client({ name: 'idp-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {});
  try {
    await client.connect(transport);
    return (await client.listTools()).tools.map((t) => t.name);
  } finally {
    await client.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `dev` until the agent recorded its environment; returns that environment and what dev printed. */
async function devEnv(args: string[], env: NodeJS.ProcessEnv): Promise<{ seen: Record<string, string>; output: string; dev: ChildProcess }> {
  const file = path.join(project, 'app/MyAgent/env.json');
  fs.rmSync(file, { force: true });
  const entry = path.join(__dirname, 'helpers', 'cli-entry.ts');
  const dev = spawnGroup(process.execPath, ['--import', TSX, entry, 'dev', '--no-install', '--port', String(await freePort()), ...args], {
    cwd: project,
    env: { ...process.env, ...env },
  });
  let output = '';
  dev.stdout!.on('data', (d) => (output += d));
  dev.stderr!.on('data', (d) => (output += d));
  // The agent writes the file once it starts; it is complete once it parses.
  const end = Date.now() + 60_000;
  let seen: Record<string, string> | undefined;
  while (!seen) {
    try {
      seen = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      if (Date.now() > end || dev.exitCode !== null) {
        await endGroup(dev);
        throw new Error(`the agent did not start:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { seen, output, dev };
}

beforeAll(async () => {
  fake = await startFakeAws({ readyAfterPolls: 1 });
  project = createProject('IdpCli');
  agentcoreOk(project, 'agentcore add gateway --name secure --authorizer-type CUSTOM_JWT --identity-provider cognito --scopes read,write');
  agentcoreOk(project, 'agentcore add agent --name MyAgent --framework Strands --model-provider Bedrock');
  // The agent stays local (the fake has no S3 to ship it to).
  const projenrc = path.join(project, '.projenrc.ts');
  fs.writeFileSync(projenrc, fs.readFileSync(projenrc, 'utf8').replace("modelProvider: 'Bedrock'", "modelProvider: 'Bedrock', deploy: false"));
  const synth = spawnSync(process.execPath, ['--import', TSX, '.projenrc.ts'], { cwd: project, encoding: 'utf8' });
  if (synth.status !== 0) throw new Error(synth.stderr);
  write(project, 'app/MyAgent/main.py', MAIN_PY);
}, 120_000);

afterAll(async () => {
  await fake?.close();
});

describe('identityProvider: cognito from the command line', () => {
  it('add gateway --identity-provider writes the option, and the local issuer secret to agentcore/.env.local only', () => {
    const source = fs.readFileSync(path.join(project, '.projenrc.ts'), 'utf8');
    expect(source).toContain("identityProvider: 'cognito'");
    expect(source).toContain("scopes: ['read', 'write']");
    const envLocal = fs.readFileSync(path.join(project, 'agentcore/.env.local'), 'utf8');
    const secret = /^AGENTCORE_GATEWAY_SECURE_LOCAL_ISSUER_SECRET=(\S{20,})$/m.exec(envLocal)?.[1];
    expect(secret).toBeDefined();
    expect(source).not.toContain(secret);
    const config = loadProjectConfig(project);
    expect(config.agentCoreGateways[0]).toMatchObject({
      authorizerType: 'CUSTOM_JWT',
      identityProvider: { type: 'cognito', userPoolName: 'IdpCli-secure', resourceServer: 'IdpCli-secure', scopes: ['read', 'write'] },
    });
  });

  it('refuses the options the pool supplies, naming the one to drop, and leaves .projenrc.ts as it was', () => {
    const before = fs.readFileSync(path.join(project, '.projenrc.ts'), 'utf8');
    const r = agentcore(
      project,
      'agentcore add gateway --name other --authorizer-type CUSTOM_JWT --identity-provider cognito --discovery-url https://idp.example.com/.well-known/openid-configuration',
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/gateway "other" › discoveryUrl: cannot be given with identityProvider: "cognito".*drop discoveryUrl/);
    expect(fs.readFileSync(path.join(project, '.projenrc.ts'), 'utf8')).toBe(before);
  });

  it('token prints a token of the local issuer that the local gateway accepts (and nothing else is let in)', async () => {
    const r = agentcoreOk(project, 'agentcore token --gateway secure');
    const token = r.stdout.trim();
    expect(payloadOf(token)).toMatchObject({ client_id: 'agentcore-projen-local', scope: 'IdpCli-secure/read IdpCli-secure/write' });
    let gw: LocalGateway | undefined;
    try {
      gw = await startLocalGateway(loadProjectConfig(project), { root: project, env: {}, logger: silentLogger });
      expect(await listTools(gw.urls.secure!, token)).toContain('x_amz_bedrock_agentcore_search');
      await expect(listTools(gw.urls.secure!)).rejects.toThrow(/401|Unauthorized/);
      const forged = `${token.slice(0, token.lastIndexOf('.'))}.${Buffer.from('not the signature').toString('base64url')}`;
      await expect(listTools(gw.urls.secure!, forged)).rejects.toThrow(/401|Unauthorized/);
    } finally {
      await gw?.close();
    }
  });

  it('token names the variable to set when the local issuer has no secret, and refuses a gateway without an identity provider', () => {
    const envLocal = path.join(project, 'agentcore/.env.local');
    const saved = fs.readFileSync(envLocal, 'utf8');
    try {
      fs.writeFileSync(envLocal, saved.replace(/^AGENTCORE_GATEWAY_SECURE_LOCAL_ISSUER_SECRET=.*$/m, ''), { mode: 0o600 });
      const r = agentcore(project, 'agentcore token --gateway secure', { AGENTCORE_GATEWAY_SECURE_LOCAL_ISSUER_SECRET: '' });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('set AGENTCORE_GATEWAY_SECURE_LOCAL_ISSUER_SECRET in agentcore/.env.local');
    } finally {
      fs.writeFileSync(envLocal, saved, { mode: 0o600 });
    }
    expect(agentcore(project, 'agentcore token --gateway nope').stderr).toContain('there is no gateway named "nope"; the gateways are: secure');
  });

  it('dev serves the gateway locally: the agent gets the local issuer and a client it can use', async () => {
    const { seen, dev } = await devEnv([], {});
    try {
      expect(seen.LOCAL_DEV).toBe('1');
      expect(seen.AGENTCORE_GATEWAY_SECURE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/secure\/mcp$/);
      expect(seen.AGENTCORE_GATEWAY_SECURE_DISCOVERY_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/secure\/local-idp\/\.well-known\/openid-configuration$/);
      expect(seen.AGENTCORE_CREDENTIAL_SECURE_OAUTH_CLIENT_ID).toBe('agentcore-projen-local');
      // What the generated code does with LOCAL_DEV=1: discovery, client-credentials grant, bearer token.
      const discovery = (await (await fetch(seen.AGENTCORE_GATEWAY_SECURE_DISCOVERY_URL!)).json()) as { token_endpoint: string };
      const basic = Buffer.from(`${seen.AGENTCORE_CREDENTIAL_SECURE_OAUTH_CLIENT_ID}:${seen.AGENTCORE_CREDENTIAL_SECURE_OAUTH_CLIENT_SECRET}`).toString(
        'base64',
      );
      const answer = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(answer.status).toBe(200);
      const { access_token } = (await answer.json()) as { access_token: string };
      expect(await listTools(seen.AGENTCORE_GATEWAY_SECURE_URL!, access_token)).toContain('x_amz_bedrock_agentcore_search');
      const wrong = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('agentcore-projen-local:guess').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      expect(wrong.status).toBe(401);
    } finally {
      await endGroup(dev);
    }
  });

  it('deployed: token gets a token of the pool, and dev --use-deployed-identity hands the agent the pool and its client (the secret only in memory)', async () => {
    const deployed = await runCli(project, ['deploy', '--yes'], awsEnv(fake));
    expect(deployed.stderr).toBe('');
    expect(deployed.status).toBe(0);
    const pool = [...fake.cognito.pools.values()][0]!;
    const client = [...pool.clients.values()][0]!;

    const r = await runCli(project, ['token', '--gateway', 'secure', '--json'], awsEnv(fake));
    expect(r.status).toBe(0);
    const answer = JSON.parse(r.stdout) as { source: string; accessToken: string; expiresIn: number };
    expect(answer).toMatchObject({ source: 'deployed', expiresIn: 3600 });
    expect(payloadOf(answer.accessToken)).toMatchObject({ client_id: client.id, scope: 'IdpCli-secure/read IdpCli-secure/write' });
    const local = await runCli(project, ['token', '--gateway', 'secure', '--local'], awsEnv(fake));
    expect(payloadOf(local.stdout.trim()).client_id).toBe('agentcore-projen-local');

    const withPool = await devEnv(['--use-deployed-identity'], awsEnv(fake));
    try {
      const state = readDeployedState(project)!;
      expect(withPool.seen).toMatchObject({
        AGENTCORE_GATEWAY_SECURE_URL: state.gateways.secure!.gatewayUrl,
        AGENTCORE_GATEWAY_SECURE_DISCOVERY_URL: `${fake.endpoint}/${pool.id}/.well-known/openid-configuration`,
        AGENTCORE_CREDENTIAL_SECURE_OAUTH_CLIENT_ID: client.id,
        AGENTCORE_CREDENTIAL_SECURE_OAUTH_CLIENT_SECRET: client.secret,
      });
      expect(withPool.output).not.toContain(client.secret);
      expect(r.stdout + r.stderr + deployed.stdout).not.toContain(client.secret);
      for (const file of ['.projenrc.ts', 'agentcore/agentcore.json', 'agentcore/deployed-state.json', 'agentcore/.env.local']) {
        expect(fs.readFileSync(path.join(project, file), 'utf8'), file).not.toContain(client.secret);
      }
    } finally {
      await endGroup(withPool.dev);
    }
    // Without the flag, the deployed gateway is still served locally, with the local issuer.
    const offline = await devEnv([], awsEnv(fake));
    try {
      expect(offline.seen.AGENTCORE_GATEWAY_SECURE_URL).toMatch(/^http:\/\/127\.0\.0\.1:/);
      expect(offline.seen.AGENTCORE_CREDENTIAL_SECURE_OAUTH_CLIENT_SECRET).not.toBe(client.secret);
    } finally {
      await endGroup(offline.dev);
    }
  });

  it('remove gateway takes the local issuer secret out of agentcore/.env.local, after asking', () => {
    const envLocal = path.join(project, 'agentcore/.env.local');
    const asked = agentcore(project, 'agentcore remove gateway --name secure');
    expect(asked.status).not.toBe(0);
    expect(asked.stderr).toContain('AGENTCORE_GATEWAY_SECURE_LOCAL_ISSUER_SECRET');
    expect(fs.readFileSync(envLocal, 'utf8')).toContain('AGENTCORE_GATEWAY_SECURE_LOCAL_ISSUER_SECRET=');
    agentcoreOk(project, 'agentcore remove gateway --name secure --yes');
    expect(fs.readFileSync(envLocal, 'utf8')).not.toContain('AGENTCORE_GATEWAY_SECURE_LOCAL_ISSUER_SECRET');
    expect(fs.readFileSync(path.join(project, '.projenrc.ts'), 'utf8')).not.toContain("identityProvider: 'cognito'");
  });
});
