import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { GatewayConfig, ProjectConfig, TargetConfig } from '../model/config';
import { parseProjectConfig } from '../project-files/project-config';
import { GatewayEndpoint } from './gateway-endpoint';
import { maxAnswerBytesFrom } from './http/answer-limit';
import { sendJsonRpcError, JSON_RPC } from './http/json-rpc-response';
import { type LoopbackNames, loopbackNames, NO_NAMES } from './http/loopback-names';
import { allowAll, type InboundAuthorizer } from './inbound/inbound-authorizer';
import { JwtAuthorizer } from './inbound/jwt-authorizer';
import { LocalIssuerAuthorizer } from './inbound/local-issuer-authorizer';
import { LOCAL_ISSUER_PATH, type LocalIssuerClient, localDiscovery, localTokenResponse } from './local-issuer';
import { LOCAL_ISSUER_CLIENT_ID } from '../model/identity-provider';
import { readBody } from './http/read-body';
import { randomBytes } from 'node:crypto';
import { type AwsCredentials, awsCredentialsFromEnv, SigV4Authorizer } from './inbound/sigv4-authorizer';
import { type GatewayLogger, stderrLogger } from './logger';
import { OidcDiscovery } from './oidc-discovery';
import { developerAwsCredentials } from './outbound/developer-aws-credentials';
import { type OutboundAuthContext, outboundAuthFor } from './outbound/outbound-auth';
import { SecretLookup } from '../project-files/secret-lookup';
import { secretsFileOf } from '../project-files/secrets-file';
import { TargetSlot, type TargetSlotTimings } from './target-slot';
import { AwsOnlyBackend } from './targets/aws-only-backend';
import { awsOnlyTools } from './targets/aws-only-tools';
import { managedBackend, type ManagedBackendOptions } from './managed/managed-backend';
import { McpServerBackend } from './targets/mcp-server-backend';
import { OpenApiBackend } from './targets/openapi-backend';
import { failingBackend, type TargetBackend } from './targets/target-backend';
import { ToolCatalog } from './tool-catalog';

export interface LocalGatewayOptions {
  /** Project root: schema files are relative to it. @default process.cwd() */
  readonly root?: string;
  /** Port on 127.0.0.1 that serves every gateway. @default 0 (a free port) */
  readonly port?: number;
  /** Where secrets and AWS credentials are read first. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Secrets file read after the environment. @default '<root>/agentcore/.env.local' */
  readonly envFile?: string;
  /**
   * Local MCP servers that stand in for targets that only run in AWS (api-gateway, smithy-model,
   * lambda-function-arn), or for any other target: `{ '<gateway>/<target>': 'http://127.0.0.1:9000/mcp' }`.
   * @default {}
   */
  readonly standIns?: Readonly<Record<string, string>>;
  /** Credentials AWS_IAM gateways check signatures against. @default AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN of `env` */
  readonly awsCredentials?: AwsCredentials;
  /** Longest wait for one tool call to a target. @default 30000 */
  readonly callTimeoutMs?: number;
  /** Longest wait for a target's tool list (and for identity providers). @default 5000 */
  readonly listTimeoutMs?: number;
  /** How long a target's tool list is reused before it is fetched again. @default 10000 */
  readonly listTtlMs?: number;
  /** How long a failed target is skipped before it is tried again. @default 5000 */
  readonly retryAfterMs?: number;
  /** Tools per tools/list page. @default 100 */
  readonly pageSize?: number;
  /** Largest request body accepted, in bytes. @default 1048576 (1 MiB) */
  readonly maxBodyBytes?: number;
  /**
   * Largest answer taken from a target, in bytes: a JSON answer, or one event of an event stream.
   * A larger one fails that call with a tool error and its connection is dropped; the target stays
   * in service. Parsed JSON can take up to ~40 times its size in memory, so raise this only for
   * targets you trust. @default AGENTCORE_LOCAL_GATEWAY_MAX_ANSWER_BYTES of `env`, else 1048576 (1 MiB)
   */
  readonly maxAnswerBytes?: number;
  /**
   * Longest wait for a managed server started locally (an `mcp-server` target with a `host`) to
   * listen, once its dependencies are installed. @default 60000
   */
  readonly serverStartTimeoutMs?: number;
  /** @default messages on stderr */
  readonly logger?: GatewayLogger;
}

export interface LocalGateway {
  /** Gateway name → its MCP URL. */
  readonly urls: Readonly<Record<string, string>>;
  /**
   * The variables that wire each gateway into an agent: `AGENTCORE_GATEWAY_<NAME>_URL` and
   * `_AUTH_TYPE`; for a gateway whose identity provider deploy makes, also its local issuer's
   * discovery URL and client id (never the secret: see `issuers`).
   */
  readonly env: Readonly<Record<string, string>>;
  /** Gateway name → its local issuer's client, secret included (in memory only: `dev` hands it to the agent). */
  readonly issuers: Readonly<Record<string, LocalIssuerClient>>;
  readonly port: number;
  /** Stops listening, drops open connections and closes the target sessions. */
  close(): Promise<void>;
}

/**
 * Serves every gateway of a resolved config on 127.0.0.1 as an MCP server at
 * `http://127.0.0.1:<port>/<gateway>/mcp`. Resolves once it listens and each target has had one
 * chance (bounded by `listTimeoutMs`) to list its tools; a target that is down is reported and
 * retried later, never fatal.
 */
export async function startLocalGateway(config: ProjectConfig, options: LocalGatewayOptions = {}): Promise<LocalGateway> {
  const checked = parseProjectConfig(config);
  const root = path.resolve(options.root ?? process.cwd());
  const env = options.env ?? process.env;
  const logger = options.logger ?? stderrLogger;
  const timings: TargetSlotTimings = {
    callTimeoutMs: options.callTimeoutMs ?? 30_000,
    listTimeoutMs: options.listTimeoutMs ?? 5_000,
    listTtlMs: options.listTtlMs ?? 10_000,
    retryAfterMs: options.retryAfterMs ?? 5_000,
  };
  const discovery = new OidcDiscovery(timings.listTimeoutMs);
  const outbound: OutboundAuthContext = {
    credentials: checked.credentials,
    secrets: new SecretLookup(env, options.envFile ?? secretsFileOf(root)),
    discovery,
    timeoutMs: timings.listTimeoutMs,
    aws: { credentials: developerAwsCredentials(env), region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION },
  };
  const standIns = checkStandIns(checked, options.standIns ?? {});
  const maxAnswerBytes = maxAnswerBytesFrom(options.maxAnswerBytes, env);
  const awsCredentials = options.awsCredentials ?? awsCredentialsFromEnv(env);
  const managed: ManagedBackendOptions = {
    root,
    logger,
    connectTimeoutMs: timings.listTimeoutMs,
    maxAnswerBytes,
    startTimeoutMs: options.serverStartTimeoutMs ?? 60_000,
  };

  // A gateway whose identity provider deploy makes checks tokens of its local issuer instead.
  const issuerSecrets = new Map<string, string>();
  for (const g of checked.agentCoreGateways) {
    if (!g.identityProvider) continue;
    const variable = g.env.localIssuerSecret;
    let secret = variable ? outbound.secrets.get(variable) : undefined;
    if (!secret) {
      secret = randomBytes(24).toString('base64url');
      logger.info(
        `gateway "${g.name}": its local issuer uses a secret made for this run; set ${variable ?? 'its local issuer secret'} in agentcore/.env.local ` +
          'so `agentcore-projen token --local` and agents started outside `dev` can get tokens',
      );
    }
    issuerSecrets.set(g.name, secret);
  }

  const endpoints = new Map<string, GatewayEndpoint>();
  let names: LoopbackNames = NO_NAMES;
  const catalogs: ToolCatalog[] = [];
  const slots: TargetSlot[] = [];
  const backends: TargetBackend[] = [];
  for (const gateway of checked.agentCoreGateways) {
    const gatewaySlots = gateway.targets.map((t) => {
      const backend = backendFor(gateway, t, standIns.get(`${gateway.name}/${t.name}`), root, outbound, timings, maxAnswerBytes, managed);
      backends.push(backend);
      if (backend instanceof AwsOnlyBackend) {
        logger.info(
          `gateway "${gateway.name}": target "${t.name}" (${t.type}) only runs in AWS; its tools are listed and answer "not available locally" (serve them locally with --stand-in ${gateway.name}/${t.name}=<MCP server URL>)`,
        );
      }
      return new TargetSlot(gateway.name, t.name, backend, timings, logger, gateway.exceptionLevel === 'DEBUG');
    });
    slots.push(...gatewaySlots);
    const catalog = new ToolCatalog(gatewaySlots, gateway.semanticSearch, options.pageSize ?? 100);
    catalogs.push(catalog);
    const issuerSecret = issuerSecrets.get(gateway.name);
    const authorizer = issuerSecret ? new LocalIssuerAuthorizer(gateway, issuerSecret) : authorizerFor(gateway, discovery, awsCredentials, env, logger);
    endpoints.set(gateway.name, new GatewayEndpoint(gateway.name, catalog, authorizer, options.maxBodyBytes ?? 1024 * 1024, logger, () => names));
  }

  const server = http.createServer((req, res) => {
    const issuer = req.url?.match(new RegExp(`^/([^/?]+)/${LOCAL_ISSUER_PATH}/(\\.well-known/openid-configuration|oauth2/token)$`));
    const issuerGateway = issuer ? checked.agentCoreGateways.find((g) => g.name === issuer[1] && issuerSecrets.has(g.name)) : undefined;
    if (issuer && issuerGateway) {
      serveIssuer(req, res, issuerGateway, issuerSecrets.get(issuerGateway.name)!, issuer[2]!, port).catch((e: unknown) => {
        logger.warn(`gateway "${issuerGateway.name}": local issuer: ${e instanceof Error ? e.message : String(e)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    const name = req.url?.match(/^\/([^/?]+)\/mcp\/?(\?.*)?$/)?.[1];
    const endpoint = name === undefined ? undefined : endpoints.get(name);
    if (!endpoint) {
      req.resume();
      const known = [...endpoints.keys()].map((n) => `/${n}/mcp`).join(', ') || '(none: the config has no gateways)';
      sendJsonRpcError(res, 404, JSON_RPC.invalidRequest, `Not found: gateways are served at ${known}`);
      return;
    }
    endpoint.handle(req, res).catch((e) => {
      logger.warn(`gateway "${endpoint.name}": ${e instanceof Error ? e.message : String(e)}`);
      sendJsonRpcError(res, 500, -32603, 'Internal error in the local gateway');
    });
  });
  let port = 0;
  // Managed servers start (and install their dependencies) without the listing's time limit; one that
  // fails is reported by its first listing and tried again later, like any target that is down.
  const closeAll = () => Promise.all(catalogs.map((c) => c.close()));
  try {
    await Promise.all(backends.map((b) => b.start?.().catch(() => undefined)));
    await Promise.all([listen(server, options.port ?? 0), ...slots.map((s) => s.refresh())]);
  } catch (e) {
    await closeAll();
    throw e;
  }
  port = (server.address() as AddressInfo).port;
  names = loopbackNames(port);

  const urls: Record<string, string> = {};
  const wiring: Record<string, string> = {};
  const issuers: Record<string, LocalIssuerClient> = {};
  for (const g of checked.agentCoreGateways) {
    urls[g.name] = `http://127.0.0.1:${port}/${g.name}/mcp`;
    wiring[g.env.url] = urls[g.name];
    wiring[g.env.authType] = g.authorizerType;
    const secret = issuerSecrets.get(g.name);
    if (secret && g.env.discoveryUrl && g.env.clientId) {
      const discoveryUrl = `${issuerBase(port, g.name)}/.well-known/openid-configuration`;
      issuers[g.name] = { discoveryUrl, clientId: LOCAL_ISSUER_CLIENT_ID, clientSecret: secret };
      wiring[g.env.discoveryUrl] = discoveryUrl;
      wiring[g.env.clientId] = LOCAL_ISSUER_CLIENT_ID;
    }
  }
  return {
    urls,
    env: wiring,
    issuers,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await closeAll();
    },
  };
}

/** Where a gateway's local issuer answers. */
function issuerBase(port: number, gateway: string): string {
  return `http://127.0.0.1:${port}/${gateway}/${LOCAL_ISSUER_PATH}`;
}

/** The discovery document (GET) and token endpoint (POST) of a gateway's local issuer. */
async function serveIssuer(req: http.IncomingMessage, res: http.ServerResponse, gateway: GatewayConfig, secret: string, what: string, port: number) {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (what.startsWith('.well-known')) {
    req.resume();
    if (req.method !== 'GET') return send(405, { error: 'method_not_allowed' });
    return send(200, localDiscovery(gateway, issuerBase(port, gateway.name)));
  }
  if (req.method !== 'POST') {
    req.resume();
    return send(405, { error: 'method_not_allowed' });
  }
  const body = await readBody(req, 64 * 1024);
  const answer = await localTokenResponse(gateway, secret, req.headers.authorization, new URLSearchParams(body.toString('utf8')));
  return send(answer.status, answer.body);
}

function backendFor(
  gateway: GatewayConfig,
  target: TargetConfig,
  standIn: string | undefined,
  root: string,
  outbound: OutboundAuthContext,
  timings: TargetSlotTimings,
  maxAnswerBytes: number,
  managed: ManagedBackendOptions,
): TargetBackend {
  try {
    if (standIn)
      return new McpServerBackend(standIn, outboundAuthFor({ ...target, outboundAuth: { type: 'none' } }, outbound), timings.listTimeoutMs, maxAnswerBytes);
    switch (target.type) {
      case 'mcp-server':
        if (target.managed) return managedBackend(target.name, target.managed, managed);
        return new McpServerBackend(target.endpoint!, outboundAuthFor(target, outbound), timings.listTimeoutMs, maxAnswerBytes);
      case 'open-api-schema':
        if (!target.schema.path) {
          return failingBackend(`its OpenAPI schema is in S3 (${target.schema.s3Uri}); the local gateway reads schemas from project files, so give it a path`);
        }
        return new OpenApiBackend(path.resolve(root, target.schema.path), outboundAuthFor(target, outbound), maxAnswerBytes);
      default:
        return new AwsOnlyBackend(gateway.name, target.name, target.type, awsOnlyTools(target, root));
    }
  } catch (e) {
    return failingBackend(e instanceof Error ? e.message : String(e));
  }
}

function authorizerFor(
  gateway: GatewayConfig,
  discovery: OidcDiscovery,
  credentials: AwsCredentials | undefined,
  env: NodeJS.ProcessEnv,
  logger: GatewayLogger,
): InboundAuthorizer {
  switch (gateway.authorizerType) {
    case 'NONE':
      return allowAll;
    case 'CUSTOM_JWT': {
      const jwt = gateway.authorizerConfiguration?.customJwtAuthorizer;
      if (!jwt) throw new Error(`gateway "${gateway.name}" is CUSTOM_JWT but has no authorizerConfiguration; run \`npx projen\` to regenerate the config`);
      return new JwtAuthorizer(gateway.name, jwt, discovery);
    }
    case 'AWS_IAM':
      if (!credentials) {
        logger.warn(`gateway "${gateway.name}" is AWS_IAM, but AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set, so every request will be refused`);
      }
      return new SigV4Authorizer(credentials, env.AWS_REGION ?? env.AWS_DEFAULT_REGION);
  }
}

/** Stand-ins must name a target of the config and be http(s) URLs. */
function checkStandIns(config: ProjectConfig, standIns: Readonly<Record<string, string>>): Map<string, string> {
  const known = new Set(config.agentCoreGateways.flatMap((g) => g.targets.map((t) => `${g.name}/${t.name}`)));
  const result = new Map<string, string>();
  for (const [key, url] of Object.entries(standIns)) {
    if (!known.has(key)) {
      throw new Error(`stand-in "${key}": no such target; use "<gateway>/<target>", one of: ${[...known].join(', ') || '(no targets)'}`);
    }
    if (!/^https?:\/\/[^/]/.test(url)) throw new Error(`stand-in "${key}": ${JSON.stringify(url)} is not an http(s) URL of an MCP server`);
    result.set(key, url);
  }
  return result;
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${port} on 127.0.0.1 is already in use; pick another with --port, or 0 for a free one`) : e),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
}
