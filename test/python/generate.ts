/**
 * Synthesizes the project the Python tier tests: three gateways (one per inbound auth type), a
 * fourth whose identity provider deploy makes (`identityProvider: 'cognito'`, served locally with
 * the local gateway's issuer), and one agent per supported framework × model provider pair.
 *
 * Usage: npx tsx test/python/generate.ts '<json>' where json is
 *   { "outdir": "/tmp/x", "discoveryUrl": "http://127.0.0.1:1234/.well-known/openid-configuration", "clientId": "...",
 *     "backendUrl": "http://127.0.0.1:5678/mcp", "frameworks": ["Strands"], "managedServers": true }
 * Every gateway gets an `mcp-server` target named `tools` in front of backendUrl (for the local gateway).
 * With `managedServers`, `open-gw` also gets one managed MCP server per host × language (their scaffolds,
 * served from their code by the local gateway), and the project's node_modules is this checkout's, as a
 * user's project has agentcore-projen's dependencies installed.
 * Agents: one per supported model provider of each listed framework (none when the list is empty).
 * Prints one JSON line: the gateways (names, auth types, and the env var names of agentcore.json) and the
 * agents it declared (names, folders). The JWT gateway's secret is `fromEnv('PYTIER_JWT_AGENT_SECRET')`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AgentCoreProject } from '../../src/projen';
import { FRAMEWORKS, frameworkManifest, fromEnv, type ProjectConfig } from '../../src/model';

interface Request {
  readonly outdir: string;
  readonly discoveryUrl: string;
  readonly clientId: string;
  readonly backendUrl: string;
  readonly frameworks: readonly string[];
  readonly managedServers?: boolean;
}

const request = JSON.parse(process.argv[2] ?? '') as Request;

const project = new AgentCoreProject({ name: 'pytier', outdir: request.outdir });

/** Not the default AGENTCORE_CREDENTIAL_JWT_GW_OAUTH_CLIENT_SECRET: agents must read the name the model gives. */
const JWT_SECRET_ENV = 'PYTIER_JWT_AGENT_SECRET';
const backend = { name: 'tools', type: 'mcp-server', endpoint: request.backendUrl } as const;
const openGateway = project.addGateway({ name: 'open-gw', authorizerType: 'NONE' }).addTarget(backend);
const MANAGED = [
  { type: 'mcp-server', name: 'calc-lambda-py', host: 'Lambda', language: 'Python' },
  { type: 'mcp-server', name: 'calc-lambda-ts', host: 'Lambda', language: 'TypeScript' },
  { type: 'mcp-server', name: 'calc-runtime-py', host: 'AgentCoreRuntime', language: 'Python' },
  { type: 'mcp-server', name: 'calc-runtime-ts', host: 'AgentCoreRuntime', language: 'TypeScript' },
] as const;
if (request.managedServers) {
  for (const target of MANAGED) openGateway.addTarget(target);
}
project.addGateway({ name: 'iam-gw', authorizerType: 'AWS_IAM' }).addTarget(backend);
project
  .addGateway({
    name: 'jwt-gw',
    authorizerType: 'CUSTOM_JWT',
    discoveryUrl: request.discoveryUrl,
    allowedClients: [request.clientId],
    agentClientId: request.clientId,
    agentClientSecret: fromEnv(JWT_SECRET_ENV),
  })
  .addTarget(backend);
project.addGateway({ name: 'cognito-gw', authorizerType: 'CUSTOM_JWT', identityProvider: 'cognito' }).addTarget(backend);

const agents: { name: string; framework: string; modelProvider: string; dir: string }[] = [];
for (const framework of FRAMEWORKS.filter((f) => request.frameworks.includes(f))) {
  for (const modelProvider of frameworkManifest(framework).modelProviders) {
    const name = `${framework}_${modelProvider}`;
    project.addAgent({ name, framework, modelProvider });
    agents.push({ name, framework, modelProvider, dir: path.join(request.outdir, 'app', name) });
  }
}

project.synth();
if (request.managedServers) {
  const modules = path.join(request.outdir, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(path.resolve(__dirname, '../../node_modules'), modules);
}

// The env var names come from the resolved config, the contract deploy and dev follow; never derived here.
const config = JSON.parse(fs.readFileSync(path.join(request.outdir, 'agentcore', 'agentcore.json'), 'utf8')) as ProjectConfig;
console.log(
  JSON.stringify({
    gateways: config.agentCoreGateways.map((g) => ({
      name: g.name,
      authorizerType: g.authorizerType,
      snake: g.name.replace(/-/g, '_'),
      identityProvider: g.identityProvider?.type ?? null,
      env: g.env,
    })),
    agents,
    managedServers: request.managedServers ? MANAGED.map((t) => t.name) : [],
  }),
);
