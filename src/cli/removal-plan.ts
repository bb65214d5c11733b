import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CredentialConfig, ProjectConfig } from '../model/config';
import { loadProjectConfigIfPresent } from '../project-files/project-config';
import { readSecretsFile, secretsFileOf } from '../project-files/secrets-file';

/** The resource a `remove` command takes out of the model. */
export type RemovedResource =
  | { readonly kind: 'agent'; readonly name: string }
  | { readonly kind: 'gateway'; readonly name: string }
  | { readonly kind: 'gateway-target'; readonly name: string; readonly gateway?: string }
  | { readonly kind: 'credential'; readonly name: string };

/** What a remove deletes besides the declaration in `.projenrc.ts`. */
export interface RemovalPlan {
  /** Generated files that synth deletes, relative to the project root. */
  readonly files: readonly string[];
  /** Variables deleted from `agentcore/.env.local`: the secrets of credentials that leave the model. */
  readonly secrets: readonly string[];
}

/** True when the remove deletes nothing but the declaration. */
export function deletesNothingElse(plan: RemovalPlan): boolean {
  return plan.files.length === 0 && plan.secrets.length === 0;
}

/** projen's list of the files it generated (and deletes when they leave the project). */
const GENERATED_FILES = '.projen/files.json';

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

function credentialVariables(c: CredentialConfig): string[] {
  return c.type === 'api-key' ? [c.env.apiKey] : [c.env.clientId, c.env.clientSecret].filter((v): v is string => v !== undefined);
}

/** Credentials that exist only because of the resource: a CUSTOM_JWT gateway's agent client, a target's inline OAuth. */
function credentialsOf(config: ProjectConfig, resource: RemovedResource): string[] {
  const inline = (targets: ProjectConfig['agentCoreGateways'][number]['targets']) =>
    targets
      .map((t) => t.outboundAuth.credentialName)
      .filter((name) => config.credentials.some((c) => c.name === name && c.type === 'oauth' && c.origin === 'target-inline')) as string[];
  switch (resource.kind) {
    case 'credential':
      return [resource.name];
    case 'gateway': {
      const gateway = config.agentCoreGateways.find((g) => g.name === resource.name);
      return gateway ? [...(gateway.agentCredentialName ? [gateway.agentCredentialName] : []), ...inline(gateway.targets)] : [];
    }
    case 'gateway-target':
      return config.agentCoreGateways
        .filter((g) => resource.gateway === undefined || g.name === resource.gateway)
        .flatMap((g) => inline(g.targets.filter((t) => t.name === resource.name)));
    case 'agent':
      return [];
  }
}

/** Folders whose generated files go with the resource: an agent's, and those of managed MCP servers. */
function codeFoldersOf(config: ProjectConfig, resource: RemovedResource): string[] {
  const managed = (targets: ProjectConfig['agentCoreGateways'][number]['targets']) =>
    targets.flatMap((t) => (t.type === 'mcp-server' && t.managed ? [t.managed.codeLocation.replace(/\/+$/, '')] : []));
  switch (resource.kind) {
    case 'agent':
      return config.runtimes.filter((r) => r.name === resource.name).map((r) => r.codeLocation.replace(/\/+$/, ''));
    case 'gateway':
      return config.agentCoreGateways.filter((g) => g.name === resource.name).flatMap((g) => managed(g.targets));
    case 'gateway-target':
      return config.agentCoreGateways
        .filter((g) => resource.gateway === undefined || g.name === resource.gateway)
        .flatMap((g) => managed(g.targets.filter((t) => t.name === resource.name)));
    case 'credential':
      return [];
  }
}

/**
 * What removing `resource` deletes, read from the last synth (`agentcore/agentcore.json` and
 * projen's list of generated files): an agent's generated files, and the secrets in
 * `agentcore/.env.local` of the credentials that go with the resource (and a managed MCP server's generated handler), unless a credential that
 * stays reads the same variable. Nothing is listed for a resource the last synth does not have.
 */
export function removalPlan(root: string, resource: RemovedResource): RemovalPlan {
  const config = loadProjectConfigIfPresent(root);
  if (!config) return { files: [], secrets: [] };

  const folders = codeFoldersOf(config, resource);
  const generated = readJson<{ files?: string[] }>(path.join(root, GENERATED_FILES))?.files ?? [];
  const files = generated.filter((f) => folders.some((folder) => f.startsWith(`${folder}/`)) && fs.existsSync(path.join(root, f)));

  const going = new Set(credentialsOf(config, resource));
  const kept = new Set(config.credentials.filter((c) => !going.has(c.name)).flatMap(credentialVariables));
  const stored = readSecretsFile(secretsFileOf(root));
  // A gateway whose identity provider deploy makes also takes its local issuer's secret.
  const removedGateway = resource.kind === 'gateway' ? config.agentCoreGateways.find((g) => g.name === resource.name) : undefined;
  const issuerSecret = removedGateway?.env.localIssuerSecret;
  const secrets = [...config.credentials.filter((c) => going.has(c.name)).flatMap(credentialVariables), ...(issuerSecret ? [issuerSecret] : [])].filter(
    (v) => !kept.has(v) && v in stored,
  );
  return { files, secrets: [...new Set(secrets)] };
}
