/**
 * Synthesizes the project the Python tier tests: three gateways (one per inbound auth type) and one
 * agent per supported framework × model provider pair.
 *
 * Usage: npx tsx test/python/generate.ts '<json>' where json is
 *   { "outdir": "/tmp/x", "discoveryUrl": "http://127.0.0.1:1234/.well-known/openid-configuration", "clientId": "...",
 *     "backendUrl": "http://127.0.0.1:5678/mcp", "frameworks": ["Strands"] }
 * Every gateway gets an `mcp-server` target named `tools` in front of backendUrl (for the local gateway).
 * Agents: one per supported model provider of each listed framework (none when the list is empty).
 * Prints one JSON line: the gateways and agents it declared (names, auth types, env var names, folders).
 */
import * as path from 'node:path';
import { AgentCoreProject } from '../../src/projen';
import {
  agentCredentialName,
  credentialEnvVars,
  FRAMEWORKS,
  frameworkManifest,
  fromEnv,
  gatewayEnvVars,
  type AuthorizerType,
} from '../../src/model';

interface Request {
  readonly outdir: string;
  readonly discoveryUrl: string;
  readonly clientId: string;
  readonly backendUrl: string;
  readonly frameworks: readonly string[];
}

const request = JSON.parse(process.argv[2] ?? '') as Request;

const project = new AgentCoreProject({ name: 'pytier', outdir: request.outdir });

const jwtCredential = credentialEnvVars(agentCredentialName('jwt-gw'));
const gateways: { name: string; authorizerType: AuthorizerType }[] = [
  { name: 'open-gw', authorizerType: 'NONE' },
  { name: 'iam-gw', authorizerType: 'AWS_IAM' },
  { name: 'jwt-gw', authorizerType: 'CUSTOM_JWT' },
];
const backend = { name: 'tools', type: 'mcp-server', endpoint: request.backendUrl } as const;
project.addGateway({ name: 'open-gw', authorizerType: 'NONE' }).addTarget(backend);
project.addGateway({ name: 'iam-gw', authorizerType: 'AWS_IAM' }).addTarget(backend);
project
  .addGateway({
    name: 'jwt-gw',
    authorizerType: 'CUSTOM_JWT',
    discoveryUrl: request.discoveryUrl,
    allowedClients: [request.clientId],
    agentClientId: request.clientId,
    agentClientSecret: fromEnv(jwtCredential.clientSecret),
  })
  .addTarget(backend);

const agents: { name: string; framework: string; modelProvider: string; dir: string }[] = [];
for (const framework of FRAMEWORKS.filter((f) => request.frameworks.includes(f))) {
  for (const modelProvider of frameworkManifest(framework).modelProviders) {
    const name = `${framework}_${modelProvider}`;
    project.addAgent({ name, framework, modelProvider });
    agents.push({ name, framework, modelProvider, dir: path.join(request.outdir, 'app', name) });
  }
}

project.synth();

console.log(
  JSON.stringify({
    gateways: gateways.map((g) => ({
      ...g,
      snake: g.name.replace(/-/g, '_'),
      env: gatewayEnvVars(g.name),
      ...(g.authorizerType === 'CUSTOM_JWT' ? { credentialEnv: jwtCredential } : {}),
    })),
    agents,
  }),
);
