import type { BedrockAgentCoreControlClient, BedrockAgentCoreControlClientConfig } from '@aws-sdk/client-bedrock-agentcore-control';
import type { CognitoIdentityProviderClient, CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import type { IAMClient, IAMClientConfig } from '@aws-sdk/client-iam';
import type { LambdaClient, LambdaClientConfig } from '@aws-sdk/client-lambda';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { STSClient, STSClientConfig } from '@aws-sdk/client-sts';
import { DeployAborted, DeployError } from './errors';

/*
 * The AWS clients, loaded lazily so nothing but deploy/diff/destroy pays for the SDK.
 * Region, credentials and endpoints come from the SDK's own chain (AWS_REGION, AWS_PROFILE,
 * AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL, AWS_ENDPOINT_URL_IAM, ...).
 * Throttling and 5xx are retried by the SDK's retry strategy. Unless the user chose otherwise
 * (AWS_MAX_ATTEMPTS, AWS_RETRY_MODE), deploy allows more attempts than the SDK default and uses
 * the adaptive mode, which slows the client down once the service starts throttling.
 */

export type AgentCoreSdk = typeof import('@aws-sdk/client-bedrock-agentcore-control');
export type IamSdk = typeof import('@aws-sdk/client-iam');
export type S3Sdk = typeof import('@aws-sdk/client-s3');
export type StsSdk = typeof import('@aws-sdk/client-sts');
export type CognitoSdk = typeof import('@aws-sdk/client-cognito-identity-provider');

/** The Cognito client, for the identity providers deploy makes (loaded on first use). */
export interface IdentityClients {
  cognitoSdk: CognitoSdk;
  cognito: CognitoIdentityProviderClient;
}

export type LambdaSdk = typeof import('@aws-sdk/client-lambda');

/** The Lambda client, for managed MCP servers hosted on Lambda (loaded on first use). */
export interface LambdaClients {
  lambdaSdk: LambdaSdk;
  lambda: LambdaClient;
}

/** The clients only deploying agents needs (loaded on first use). */
export interface StorageClients {
  s3Sdk: S3Sdk;
  s3: S3Client;
  stsSdk: StsSdk;
  sts: STSClient;
}

export interface ClientConfigs {
  /** Extra config for the AgentCore control client (tests: endpoint, credentials, retryStrategy). */
  agentcore?: BedrockAgentCoreControlClientConfig;
  /** Extra config for the IAM client. */
  iam?: IAMClientConfig;
  /** Extra config for the S3 client (agent packages). */
  s3?: S3ClientConfig;
  /** Extra config for the STS client (the account the artifact bucket is named after). */
  sts?: STSClientConfig;
  /** Extra config for the Cognito client (identity providers deploy makes). */
  cognito?: CognitoIdentityProviderClientConfig;
  /** Extra config for the Lambda client (managed MCP servers on Lambda). */
  lambda?: LambdaClientConfig;
}

/** Attempts per call (first try + retries) when neither the user nor the caller set one. */
const DEFAULT_MAX_ATTEMPTS = 8;

/** Either client; each command is built with its SDK's typed constructor. */
export interface Sendable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(...args: any[]): Promise<unknown>;
}

export interface Aws {
  sdk: AgentCoreSdk;
  iamSdk: IamSdk;
  agentcore: BedrockAgentCoreControlClient;
  iam: IAMClient;
  region: string;
  /** S3 and STS, created on first use (only a model with deployed agents needs them). */
  storage(): Promise<StorageClients>;
  /** Cognito, created on first use (only a model or state with an identity provider needs it). */
  identity(): Promise<IdentityClients>;
  /** Lambda, created on first use (only a model with servers on Lambda needs it). */
  functions(): Promise<LambdaClients>;
  /** Sends one command through the concurrency limit; the SDK does the retrying. */
  send<T>(client: Sendable, command: object): Promise<T>;
  destroy(): void;
}

export interface AwsOptions {
  configs?: ClientConfigs;
  /** Most calls in flight at once. */
  concurrency: number;
  signal?: AbortSignal;
}

export async function connect(opts: AwsOptions): Promise<Aws> {
  const [sdk, iamSdk] = await Promise.all([import('@aws-sdk/client-bedrock-agentcore-control'), import('@aws-sdk/client-iam')]);
  // The user's own retry settings (read by the SDK from the environment or profile) win.
  const retry = {
    ...(process.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: DEFAULT_MAX_ATTEMPTS }),
    ...(process.env.AWS_RETRY_MODE ? {} : { retryMode: 'adaptive' }),
  };
  const agentcore = new sdk.BedrockAgentCoreControlClient({ ...retry, ...opts.configs?.agentcore });
  let region: string;
  try {
    region = await regionOf(agentcore);
  } catch (e) {
    agentcore.destroy();
    throw e;
  }
  // IAM is global, but the client still needs a region to sign; use the same one.
  const iam = new iamSdk.IAMClient({ region, ...retry, ...opts.configs?.iam });
  const limit = limiter(opts.concurrency);
  let storage: Promise<StorageClients> | undefined;
  let made: StorageClients | undefined;
  let identity: Promise<IdentityClients> | undefined;
  let cognito: CognitoIdentityProviderClient | undefined;
  let functions: Promise<LambdaClients> | undefined;
  let lambda: LambdaClient | undefined;
  return {
    sdk,
    iamSdk,
    agentcore,
    iam,
    region,
    storage: () =>
      (storage ??= (async () => {
        const [s3Sdk, stsSdk] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/client-sts')]);
        // An endpoint of one's own (moto, LocalStack, a proxy) serves buckets by path, not by host name.
        const custom = !!(process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3 || opts.configs?.s3?.endpoint);
        made = {
          s3Sdk,
          s3: new s3Sdk.S3Client({ region, ...retry, ...(custom ? { forcePathStyle: true } : {}), ...opts.configs?.s3 }),
          stsSdk,
          sts: new stsSdk.STSClient({ region, ...retry, ...opts.configs?.sts }),
        };
        return made;
      })()),
    identity: () =>
      (identity ??= (async () => {
        const cognitoSdk = await import('@aws-sdk/client-cognito-identity-provider');
        cognito = new cognitoSdk.CognitoIdentityProviderClient({ region, ...retry, ...opts.configs?.cognito });
        return { cognitoSdk, cognito };
      })()),
    functions: () =>
      (functions ??= (async () => {
        const lambdaSdk = await import('@aws-sdk/client-lambda');
        lambda = new lambdaSdk.LambdaClient({ region, ...retry, ...opts.configs?.lambda });
        return { lambdaSdk, lambda };
      })()),
    send: <T>(client: Sendable, command: object) =>
      limit(async () => {
        if (opts.signal?.aborted) throw new DeployAborted();
        return (await client.send(command, { abortSignal: opts.signal })) as T;
      }),
    destroy() {
      agentcore.destroy();
      iam.destroy();
      made?.s3.destroy();
      made?.sts.destroy();
      cognito?.destroy();
      lambda?.destroy();
    },
  };
}

/** The region of the AWS chain (AWS_REGION, the profile, ...), read without a network call. */
export async function chainRegion(config?: BedrockAgentCoreControlClientConfig): Promise<string> {
  const sdk = await import('@aws-sdk/client-bedrock-agentcore-control');
  const client = new sdk.BedrockAgentCoreControlClient({ ...config });
  try {
    return await regionOf(client);
  } finally {
    client.destroy();
  }
}

async function regionOf(client: BedrockAgentCoreControlClient): Promise<string> {
  try {
    return await client.config.region();
  } catch {
    throw new DeployError('no AWS region is set; set AWS_REGION (or a region in your AWS_PROFILE) and run again');
  }
}

/** Runs at most `n` tasks at once, in arrival order. */
export function limiter(n: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (active >= n) return;
    const start = queue.shift();
    if (start) {
      active++;
      start();
    }
  };
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}
