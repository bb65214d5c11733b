import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { STATE_PATH } from '../project-files/paths';

/*
 * `agentcore/deployed-state.json`: what the last deploy left in the account (ids, ARNs, gateway
 * URLs), for `dev` and for people. Every plan reads the service for what the resources are; the
 * state says which of them the project made (see ownership.ts), so keep it with the project.
 * Never a secret: credentials keep only a slow one-way fingerprint to notice a rotated secret.
 * This module does not load the AWS SDK, so `dev` can read the state cheaply.
 */

export { STATE_PATH };

const targetState = z.object({
  targetId: z.string(),
});

const gatewayState = z.object({
  /** Name in the account (`<project>-<gateway>`). */
  name: z.string(),
  gatewayId: z.string(),
  gatewayArn: z.string(),
  gatewayUrl: z.string().optional(),
  authorizerType: z.string(),
  roleArn: z.string(),
  /** Env var names and values an agent uses to reach this gateway. */
  env: z.record(z.string(), z.string()),
  targets: z.record(z.string(), targetState),
});

const credentialState = z.object({
  name: z.string(),
  type: z.enum(['oauth', 'api-key']),
  credentialProviderArn: z.string(),
  /** scrypt of the secret values, salted with the project and credential name. */
  secretFingerprint: z.string().optional(),
});

const roleState = z.object({ roleName: z.string(), roleArn: z.string() });

/** An agent deployed to AgentCore Runtime. */
const runtimeState = z.object({
  /** Name in the account (`<project>_<agent>`: runtime names take no hyphen). */
  name: z.string(),
  agentRuntimeId: z.string(),
  agentRuntimeArn: z.string(),
  agentRuntimeVersion: z.string().optional(),
  /** The execution role the runtime assumes. */
  roleArn: z.string(),
  /** The code package the runtime runs. */
  artifact: z.object({ bucket: z.string(), key: z.string(), sha256: z.string() }).optional(),
});

/**
 * The Cognito user pool deploy made for a gateway (`identityProvider: 'cognito'`), with what it
 * made in it. The app client's secret is never kept: it is read from Cognito when needed.
 */
const identityProviderState = z.object({
  userPoolName: z.string(),
  userPoolId: z.string(),
  userPoolArn: z.string(),
  domain: z.string().optional(),
  resourceServer: z.string().optional(),
  clientId: z.string().optional(),
  /** The pool's OIDC discovery URL (what the gateway's authorizer names). */
  discoveryUrl: z.string(),
});

/** A managed MCP server deploy hosts (a Lambda function, or an AgentCore runtime), by `<gateway>/<target>`. */
const serverState = z.object({
  host: z.enum(['Lambda', 'AgentCoreRuntime']),
  /** Name in the account (the function's or the runtime's). */
  name: z.string(),
  /** The function ARN (Lambda) or the runtime ARN. */
  arn: z.string(),
  /** AgentCore Runtime: the runtime id. */
  agentRuntimeId: z.string().optional(),
  /** The execution role deploy made for it. */
  roleArn: z.string(),
  /** SHA-256 of the code package deployed, hex. */
  codeSha256: z.string(),
});

/** The S3 bucket agent packages are uploaded to; `created` when deploy made it (destroy removes only those). */
const artifactBucketState = z.object({ name: z.string(), created: z.boolean() });

/**
 * The intent to create, written before the create is sent: after a crash the resource is known to
 * be the project's, and a create sent again with the same token returns it instead of a second.
 */
const pendingCreate = z.object({ clientToken: z.string(), request: z.string() });

export const deployedState = z.object({
  version: z.literal(1),
  project: z.string(),
  region: z.string(),
  updatedAt: z.string(),
  gateways: z.record(z.string(), gatewayState),
  credentials: z.record(z.string(), credentialState),
  roles: z.record(z.string(), roleState),
  pending: z.record(z.string(), pendingCreate),
  /** Agents on AgentCore Runtime, by agent name (absent in states written before agents were deployed). */
  runtimes: z.record(z.string(), runtimeState).default({}),
  artifactBucket: artifactBucketState.optional(),
  /** Identity providers deploy made, by gateway name (absent in states written before there were any). */
  identityProviders: z.record(z.string(), identityProviderState).default({}),
  /** Managed MCP servers, by `<gateway>/<target>` (absent in states written before they were deployed). */
  servers: z.record(z.string(), serverState).default({}),
});

export type DeployedState = z.infer<typeof deployedState>;
export type GatewayState = z.infer<typeof gatewayState>;
export type CredentialState = z.infer<typeof credentialState>;
export type IdentityProviderState = z.infer<typeof identityProviderState>;
export type ServerState = z.infer<typeof serverState>;

export function emptyState(project: string, region: string): DeployedState {
  return {
    version: 1,
    project,
    region,
    updatedAt: new Date().toISOString(),
    gateways: {},
    credentials: {},
    roles: {},
    pending: {},
    runtimes: {},
    identityProviders: {},
    servers: {},
  };
}

/** The state of the last deploy, or undefined when there is none (or it is unreadable). */
export function readDeployedState(projectDir: string): DeployedState | undefined {
  const file = path.join(projectDir, STATE_PATH);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = deployedState.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Holds the state in memory and writes it after each step. Writes are atomic (temp file +
 * rename) and serialized, so a crash leaves either the old or the new file, never half of one.
 */
export class StateStore {
  /** The write in progress, if any. */
  private writing: Promise<void> = Promise.resolve();
  /** A write queued behind it; every change made before it starts is included. */
  private queued: Promise<void> | undefined;

  constructor(
    private readonly projectDir: string,
    readonly state: DeployedState,
  ) {}

  /** Changes the state and writes it; resolves when the change is on disk. */
  update(change: (s: DeployedState) => void): Promise<void> {
    change(this.state);
    this.state.updatedAt = new Date().toISOString();
    // Changes that arrive while a write is queued ride along with it (one write, not one each).
    this.queued ??= this.writing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        this.writing = this.write(`${JSON.stringify(this.state, null, 2)}\n`);
        return this.writing;
      });
    return this.queued;
  }

  private async write(text: string) {
    const file = path.join(this.projectDir, STATE_PATH);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, text);
    await fs.promises.rename(tmp, file);
  }

  /** Removes the file (after destroy left nothing). */
  async remove(): Promise<void> {
    await this.queued;
    await this.writing;
    await fs.promises.rm(path.join(this.projectDir, STATE_PATH), { force: true });
  }
}
