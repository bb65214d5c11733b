import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, startLocalGateway, type LocalGateway } from '../../src/local-gateway';
import { SigV4Authorizer } from '../../src/local-gateway/inbound/sigv4-authorizer';
import type { ProjectInput } from '../../src/model/input';
import { endGroup, spawnGroup } from '../helpers/process-group';
import { tempDir } from '../helpers/tmp';
import { connectClient, textOf } from './helpers/clients';
import { listen, readRawBody } from './helpers/listen';
import { type McpBackend, startMcpBackend } from './helpers/mcp-backend';
import { writePetApiSchema } from './helpers/pet-api';
import { resolveConfig } from './helpers/project';

// outboundAuth "iam" in the local gateway: each request to the target is SigV4-signed with the
// developer's own AWS credentials, for the target's service and region. The targets below check
// every signature for real (the AWS signer recomputes it over the exact request received).

const DEVELOPER = { accessKeyId: 'AKIDLOCALDEVELOPER', secretAccessKey: 'local-developer-secret-key', sessionToken: 'developer-session-token' };
const DEVELOPER_ENV = {
  AWS_ACCESS_KEY_ID: DEVELOPER.accessKeyId,
  AWS_SECRET_ACCESS_KEY: DEVELOPER.secretAccessKey,
  AWS_SESSION_TOKEN: DEVELOPER.sessionToken,
  AWS_REGION: 'us-east-1',
};

/** An API for the open-api-schema target that answers only requests signed for execute-api in `region`. */
async function startSignedPetApi(region: string) {
  const verifier = new SigV4Authorizer(DEVELOPER, region, 'execute-api');
  const received: { method: string; url: string; authorization?: string; token?: string }[] = [];
  const server = await listen(async (req, res) => {
    const body = await readRawBody(req);
    const decision = await verifier.check({ method: req.method!, url: req.url!, headers: req.headers, body });
    const send = (status: number, data: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
    if (!decision.ok) return send(403, { message: decision.message });
    received.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, token: req.headers['x-amz-security-token'] as string });
    const one = /^\/pets\/([^/]+)$/.exec(req.url!);
    if (req.method === 'GET' && one) return send(200, { id: one[1], name: 'Rex' });
    if (req.method === 'POST' && req.url === '/pets') return send(201, { id: 42, ...(JSON.parse(body.toString('utf8')) as object) });
    return send(404, { message: 'no such route' });
  });
  return { ...server, received };
}

function signedModel(weather: McpBackend, plain: McpBackend): Partial<ProjectInput> & Pick<ProjectInput, 'gateways'> {
  return {
    gateways: [{ name: 'gw' }],
    targets: [
      {
        gateway: 'gw',
        name: 'weather',
        type: 'mcp-server',
        endpoint: weather.endpoint,
        outboundAuth: 'iam',
        signingService: 'execute-api',
        signingRegion: 'eu-west-1',
      },
      { gateway: 'gw', name: 'pets', type: 'open-api-schema', schema: 'pets.json', outboundAuth: 'iam', signingService: 'execute-api' },
      { gateway: 'gw', name: 'plain', type: 'mcp-server', endpoint: plain.endpoint },
    ],
  };
}

describe('outbound IAM (SigV4) to mcp-server and open-api-schema targets', () => {
  const weatherChecks: { ok: boolean; authorization?: string }[] = [];
  let weather: McpBackend;
  let plain: McpBackend;
  let pets: Awaited<ReturnType<typeof startSignedPetApi>>;
  let root: string;
  let gateway: LocalGateway;

  beforeAll(async () => {
    const verifier = new SigV4Authorizer(DEVELOPER, 'eu-west-1', 'execute-api');
    weather = await startMcpBackend({
      verifyRequest: async (req) => {
        const decision = await verifier.check(req);
        weatherChecks.push({ ok: decision.ok, authorization: req.headers.authorization });
        return decision;
      },
    });
    plain = await startMcpBackend();
    pets = await startSignedPetApi('us-east-1');
    root = tempDir();
    writePetApiSchema(root, 'pets.json', pets.url);
    gateway = await startLocalGateway(resolveConfig(root, signedModel(weather, plain)), { root, env: DEVELOPER_ENV, logger: silentLogger });
  });

  afterAll(async () => {
    await gateway?.close();
    await weather?.close();
    await plain?.close();
    await pets?.close();
  });

  it("signs every request to an MCP server for its service and region with the developer's credentials", async () => {
    const c = await connectClient(gateway.urls.gw);
    try {
      expect((await c.listTools()).tools.map((t) => t.name)).toContain('weather___get_weather');
      expect(textOf(await c.callTool({ name: 'weather___get_weather', arguments: { city: 'Dublin' } }))).toBe('Weather in Dublin: sunny, 21 °C');
    } finally {
      await c.close();
    }
    expect(weatherChecks.length).toBeGreaterThanOrEqual(3); // initialize, tools/list, tools/call
    expect(weatherChecks.every((check) => check.ok)).toBe(true);
    expect(weatherChecks[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDLOCALDEVELOPER\/\d{8}\/eu-west-1\/execute-api\/aws4_request, /);
  });

  it("signs OpenAPI calls, body included, for the developer's AWS_REGION when the target names no region", async () => {
    const c = await connectClient(gateway.urls.gw);
    try {
      expect(textOf(await c.callTool({ name: 'pets___getPet', arguments: { petId: '7' } }))).toBe('{"id":"7","name":"Rex"}');
      const created = await c.callTool({ name: 'pets___createPet', arguments: { body: { name: 'Fido', tag: 'good' } } });
      expect(JSON.parse(textOf(created))).toEqual({ id: 42, name: 'Fido', tag: 'good' });
    } finally {
      await c.close();
    }
    expect(pets.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /pets/7', 'POST /pets']);
    expect(pets.received[1]!.authorization).toMatch(/Credential=AKIDLOCALDEVELOPER\/\d{8}\/us-east-1\/execute-api\/aws4_request/);
    expect(pets.received[1]!.token).toBe(DEVELOPER.sessionToken);
  });

  it('is refused by the target when signed with another secret key (the check is real)', async () => {
    const wrong = await startLocalGateway(resolveConfig(root, signedModel(weather, plain)), {
      root,
      env: { ...DEVELOPER_ENV, AWS_SECRET_ACCESS_KEY: 'not-the-developer-secret' },
      logger: silentLogger,
    });
    const c = await connectClient(wrong.urls.gw);
    try {
      const refused = await c.callTool({ name: 'pets___getPet', arguments: { petId: '7' } });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/HTTP 403.*signature does not match/);
    } finally {
      await c.close();
      await wrong.close();
    }
  });
});

describe('outbound IAM without AWS credentials (agentcore-projen gateway)', () => {
  let weather: McpBackend;
  let plain: McpBackend;
  let pets: Awaited<ReturnType<typeof startSignedPetApi>>;
  let child: ChildProcess | undefined;
  let url: string;
  let stderr = '';

  beforeAll(async () => {
    weather = await startMcpBackend();
    plain = await startMcpBackend();
    pets = await startSignedPetApi('us-east-1');
    const root = tempDir();
    writePetApiSchema(root, 'pets.json', pets.url);
    fs.mkdirSync(path.join(root, 'agentcore'));
    fs.writeFileSync(path.join(root, 'agentcore/agentcore.json'), JSON.stringify(resolveConfig(root, signedModel(weather, plain))));
    // A machine with no AWS credentials anywhere: no key variables, no profile files, no instance metadata.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    Object.assign(env, {
      HOME: root,
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: path.join(root, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    child = spawnGroup(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve-for-tests.ts'), path.join(root, 'agentcore/agentcore.json')], {
      cwd: path.resolve(__dirname, '../..'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.startsWith('AGENTCORE_GATEWAY_GW_URL='));
        if (line) resolve(line.slice('AGENTCORE_GATEWAY_GW_URL='.length));
      });
      child!.on('exit', (code) => reject(new Error(`the gateway exited with ${code}:\n${stderr}`)));
    });
  });

  afterAll(async () => {
    await endGroup(child);
    await weather?.close();
    await plain?.close();
    await pets?.close();
  });

  it('fails the signed tool calls with a message naming the target and what to set, and serves the other targets', async () => {
    const c = await connectClient(url);
    try {
      const api = await c.callTool({ name: 'pets___getPet', arguments: { petId: '7' } });
      expect(api.isError).toBe(true);
      expect(textOf(api)).toMatch(
        /target "pets" signs its requests for "execute-api" with your AWS credentials, and none were found.*set AWS_PROFILE .*or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
      );
      const mcp = await c.callTool({ name: 'weather___get_weather', arguments: { city: 'Oslo' } });
      expect(mcp.isError).toBe(true);
      expect(textOf(mcp)).toMatch(/target "weather" signs its requests for "execute-api" with your AWS credentials, and none were found/);
      expect(textOf(await c.callTool({ name: 'plain___get_weather', arguments: { city: 'Oslo' } }))).toBe('Weather in Oslo: sunny, 21 °C');
    } finally {
      await c.close();
    }
    expect(pets.received).toEqual([]);
    expect(weather.authorizations).toEqual([]);
    expect(stderr).toMatch(/target "weather" is unavailable: target "weather" signs its requests .*AWS_PROFILE/);
  });
});
