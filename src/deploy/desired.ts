import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CredentialConfig, GatewayConfig, ProjectConfig, TargetConfig } from '../model/config';
import { isLoopbackHttp } from '../model/urls';
import { type DesiredServer, desiredServer } from './desired-servers';
import { DeployError } from './errors';
import { PROJECT_TAG, rolePath } from './names';
import { grantForSignedCall, openApiServerUrl, type SignedCallGrant } from './signed-target-grants';

/*
 * The desired side of the plan: the resolved config turned into the resources deploy manages,
 * with their account names, and schema files read from the project root.
 */

export interface DesiredCredential {
  key: string;
  name: string;
  config: CredentialConfig;
}

export interface DesiredRole {
  /** The gateway (config name) the role serves. */
  gateway: string;
  name: string;
  path: string;
  /** Lambda functions the targets call. */
  lambdaArns: string[];
  /** Managed servers (by key) the targets reach: their function or runtime, once deployed. */
  servers: string[];
  /** API Gateway stages called with the role (targets without a credential). */
  apis: { restApiId: string; stage: string }[];
  /** Credentials (config names) the gateway's targets use. */
  credentials: string[];
  /** What the targets the gateway signs for (outboundAuth "iam") call. */
  signedCalls: SignedCallGrant[];
}

export interface DesiredTarget {
  gateway: string;
  key: string;
  config: TargetConfig;
  /** Credential (config name) of an oauth / api-key target. */
  credential?: string;
  /** Inline schema text (OpenAPI, Smithy), or parsed tool list (Lambda; a server on Lambda: read from its code, see `withServerTools`). */
  payload?: string | unknown[];
  /** The managed server the target reaches (deployed first). */
  server?: DesiredServer;
}

export interface DesiredGateway {
  key: string;
  name: string;
  config: GatewayConfig;
  /** A role deploy manages, or the role ARN given in the model. */
  role: { managed: DesiredRole } | { arn: string };
  tags: Record<string, string>;
  targets: DesiredTarget[];
}

/** The Cognito identity provider deploy makes for a gateway (`identityProvider: 'cognito'`). */
export interface DesiredIdentityProvider {
  /** The gateway (config name) it serves. */
  gateway: string;
  config: NonNullable<GatewayConfig['identityProvider']>;
  /** The credential (config name) that holds its app client for agents. */
  credential?: string;
  tags: Record<string, string>;
}

export interface Desired {
  project: string;
  credentials: DesiredCredential[];
  gateways: DesiredGateway[];
  identityProviders: DesiredIdentityProvider[];
}

/** Everything deploy would create; fails on what AWS would refuse (loopback URLs, changed files). */
export function desiredFrom(config: ProjectConfig, projectDir: string): Desired {
  const problems: string[] = [];
  const project = config.name;
  const credentials = config.credentials.map((c) => {
    if (c.type === 'oauth' && c.discoveryUrl) checkUrl(problems, `credential "${c.name}" discoveryUrl`, c.discoveryUrl);
    return { key: c.name, name: c.deployedName, config: c };
  });
  const gateways = config.agentCoreGateways.map((g): DesiredGateway => {
    const jwt = g.authorizerConfiguration?.customJwtAuthorizer;
    if (jwt) checkUrl(problems, `gateway "${g.name}" discoveryUrl`, jwt.discoveryUrl);
    const targets = g.targets.map((t) => desiredTarget(problems, projectDir, project, g.name, t));
    if (!g.roleArn && !g.managedRoleName) problems.push(`gateway "${g.name}" has neither roleArn nor managedRoleName in the config; run \`npx projen\``);
    const role: DesiredGateway['role'] = g.roleArn
      ? { arn: g.roleArn }
      : {
          managed: {
            gateway: g.name,
            name: g.managedRoleName ?? '',
            path: rolePath(project),
            lambdaArns: unique(targets.flatMap((t) => (t.config.type === 'lambda-function-arn' ? [t.config.lambdaArn] : []))),
            servers: targets.flatMap((t) => (t.server ? [t.server.key] : [])),
            apis: targets.flatMap((t) =>
              t.config.type === 'api-gateway' && t.config.outboundAuth.type === 'gateway-iam-role'
                ? [{ restApiId: t.config.restApiId, stage: t.config.stage }]
                : [],
            ),
            credentials: unique(targets.flatMap((t) => (t.credential ? [t.credential] : []))),
            signedCalls: targets.flatMap((t) => signedCallGrants(problems, g.name, t)),
          },
        };
    return {
      key: g.name,
      name: g.deployedName,
      config: g,
      role,
      tags: { ...g.tags, [PROJECT_TAG]: project },
      targets,
    };
  });
  if (problems.length > 0) {
    throw new DeployError(`cannot deploy:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const identityProviders = config.agentCoreGateways.flatMap((g): DesiredIdentityProvider[] =>
    g.identityProvider
      ? [
          {
            gateway: g.name,
            config: g.identityProvider,
            ...(g.agentCredentialName ? { credential: g.agentCredentialName } : {}),
            tags: { [PROJECT_TAG]: project },
          },
        ]
      : [],
  );
  return { project, credentials, gateways, identityProviders };
}

function desiredTarget(problems: string[], projectDir: string, project: string, gateway: string, t: TargetConfig): DesiredTarget {
  const label = `gateway "${gateway}" target "${t.name}"`;
  const credential = t.outboundAuth.credentialName;
  const base = { gateway, key: t.name, config: t, ...(credential ? { credential } : {}) };
  switch (t.type) {
    case 'mcp-server':
      if (t.managed) {
        const server = desiredServer(project, gateway, t, t.managed);
        if (!fs.existsSync(path.join(projectDir, server.codeLocation))) {
          problems.push(`${label}: its code folder ${server.codeLocation}/ is missing; restore it, or remove the target from .projenrc.ts`);
        }
        return { ...base, server };
      }
      checkUrl(problems, `${label} endpoint`, t.endpoint!);
      return base;
    case 'open-api-schema':
    case 'smithy-model': {
      const text = readSchema(problems, projectDir, label, t.schema);
      return text === undefined ? base : { ...base, payload: text };
    }
    case 'lambda-function-arn': {
      const text = readSchema(problems, projectDir, label, t.toolSchema);
      return text === undefined ? base : { ...base, payload: JSON.parse(text) as unknown[] };
    }
    default:
      return base;
  }
}

/**
 * What the managed role must allow for a target the gateway signs for: the resource its URL names
 * (an MCP server's endpoint, an OpenAPI document's first server). A URL deploy cannot read is a
 * problem: the role would get no permission, and every call would be refused.
 */
function signedCallGrants(problems: string[], gateway: string, t: DesiredTarget): SignedCallGrant[] {
  const signing = t.config.outboundAuth.signing;
  if (!signing) return [];
  const label = `gateway "${gateway}" target "${t.key}"`;
  let url: string | undefined;
  if (t.config.type === 'mcp-server') url = t.config.endpoint;
  else if (t.config.type === 'open-api-schema') {
    const fix = "to allow the gateway's role to call; give the gateway a roleArn of a role that may call the API";
    if (t.config.schema.s3Uri) {
      problems.push(`${label}: its OpenAPI document is in S3, so deploy cannot read the servers[0].url ${fix}`);
      return [];
    }
    if (typeof t.payload !== 'string') return []; // unreadable: readSchema reported it
    url = openApiServerUrl(t.payload);
    if (url === undefined) {
      problems.push(`${label}: its OpenAPI document names no servers[0].url ${fix}, or add the URL to the document`);
      return [];
    }
  }
  if (url === undefined) return [];
  if (t.config.type === 'mcp-server' && isLoopbackHttp(url)) return []; // refused on its own (see checkUrl)
  const grant = grantForSignedCall(signing, url);
  if ('problem' in grant) {
    problems.push(`${label}: ${grant.problem}`);
    return [];
  }
  return [grant];
}

/** Reads a schema file synth checked; refuses one that changed since (its sha256 moved). */
function readSchema(problems: string[], projectDir: string, label: string, ref: { path?: string; sha256?: string }): string | undefined {
  if (!ref.path) return undefined;
  const file = path.join(projectDir, ref.path);
  if (!fs.existsSync(file)) {
    problems.push(`${label}: schema file "${ref.path}" is missing; restore it or change the target in .projenrc.ts`);
    return undefined;
  }
  const text = fs.readFileSync(file, 'utf8');
  const sha = createHash('sha256').update(text).digest('hex');
  if (ref.sha256 && sha !== ref.sha256) {
    problems.push(`${label}: "${ref.path}" changed since the last synth; run \`npx projen\` so it is checked again, then deploy`);
    return undefined;
  }
  return text;
}

function checkUrl(problems: string[], where: string, url: string) {
  if (isLoopbackHttp(url)) {
    problems.push(`${where} "${url}" is a local http URL; AWS cannot reach it. Use an https URL to deploy (keep the local one for \`npx projen gateway\`)`);
  }
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
