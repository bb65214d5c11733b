import * as nodeFs from 'node:fs';
import { agentInput } from './agent';
import { customJwtAuthorizer } from './authorizer';
import type { CredentialConfig, GatewayConfig, OutboundAuthConfig, ProjectConfig, RuntimeConfig, TargetConfig, Unnamed } from './config';
import { credentialInput } from './credential';
import { frameworkManifest, type ModelProvider } from './frameworks';
import { MODEL_API_KEY_ENV, modelApiKeyCredentialName } from './model-api-key';
import { gatewayInput, type GatewayOptions } from './gateway';
import type { ProjectInput } from './input';
import { Findings } from './findings';
import { ModelError, show } from './issues';
import {
  deployedName,
  runtimeName,
  agentRoleName,
  RUNTIME_NAME,
  MAX_DEPLOYED_CREDENTIAL_NAME,
  MAX_DEPLOYED_GATEWAY_NAME,
  agentCredentialName,
  credentialEnvVars,
  envToken,
  gatewayEnvVars,
  gatewayRoleName,
  PROJECT_NAME,
} from './names';
import { checkSchemaFile, type FileReader, schemaKindOf } from './schema-files';
import { managedServerCodeLocation, managedServerName, managedServerRoleName } from './managed-server';
import { OUTBOUND_AUTH_FIELDS, resolveOutboundAuth } from './outbound-auth';
import { secretEnvName } from './secret';
import { bucketNameProblem } from './bucket-name';
import { agentDefaultsInput, type AgentDefaults, DEFAULT_PYTHON_VERSION, pythonRuntimeOf } from './runtime-settings';
import { targetInput, type TargetOptions } from './target';

/** Where a model's relative paths point. */
export interface ResolveContext {
  /** Project root: schema paths are relative to it and must stay inside it. */
  readonly root: string;
  /** File access for schema checks. @default node:fs */
  readonly fs?: FileReader;
}

/** A validated model: the config synth writes, and what to warn about. */
export interface ResolvedProject {
  /** The config written to `agentcore/agentcore.json`. */
  readonly config: ProjectConfig;
  /** Things that work locally but not when deployed (loopback http URLs). */
  readonly warnings: readonly string[];
}

/**
 * Validates a project model and resolves it into the config synth writes. Every problem is
 * collected; if there is any, a ModelError lists them all and nothing is returned.
 */
export function resolveProject(input: ProjectInput, ctx: ResolveContext): ResolvedProject {
  const r = new Resolver(input, ctx);
  return r.run();
}

class Resolver {
  private readonly f = new Findings();
  private readonly fs: FileReader;
  /** Credentials as resolved, before the names they get in the account are added. */
  private readonly credentials: Unnamed<CredentialConfig>[] = [];
  /** The credentials that hold agents' model API keys. */
  private readonly modelKeyCredentials = new Set<Unnamed<CredentialConfig>>();
  /** Managed servers' code folders, and who keeps code there: each folder belongs to one target. */
  private readonly managedCode = new Map<string, string>();

  constructor(
    private readonly input: ProjectInput,
    private readonly ctx: ResolveContext,
  ) {
    this.fs = ctx.fs ?? nodeFs;
  }

  run(): ResolvedProject {
    const { input } = this;
    if (typeof input.name !== 'string' || !PROJECT_NAME.test(input.name)) {
      this.f.fail('project › name', `${show(input.name)} is invalid; start with a letter and use up to 23 letters or digits, e.g. "MyProject"`);
    }
    this.declaredCredentials();
    const gateways = this.gateways();
    const runtimes = this.agents(this.agentDefaults());
    const artifactBucket = this.artifactBucket();
    this.checkCredentialNames();
    if (this.f.issues.length > 0) throw new ModelError(this.f.issues);
    return {
      config: {
        name: input.name,
        version: 1,
        agentCoreGateways: gateways.map((g) => ({
          ...g,
          deployedName: deployedName(input.name, g.name),
          ...(g.roleArn ? {} : { managedRoleName: gatewayRoleName(input.name, g.name) }),
        })),
        credentials: this.credentials.map((c) => ({ ...c, deployedName: deployedName(input.name, c.name) })).sort((a, b) => a.name.localeCompare(b.name)),
        runtimes,
        ...(artifactBucket ? { artifactBucket } : {}),
      },
      warnings: this.f.warnings,
    };
  }

  private declaredCredentials() {
    for (const raw of this.input.credentials) {
      const label = `credential ${show(raw?.name)}`;
      const c = this.f.parse(credentialInput, raw, label);
      if (!c) continue;
      const env = credentialEnvVars(c.name);
      if (c.type === 'api-key') {
        this.credentials.push({ name: c.name, type: 'api-key', env: { apiKey: secretEnvName(c.apiKey, env.apiKey) } });
      } else {
        this.f.warnIfLoopback(`${label} › discoveryUrl`, c.discoveryUrl);
        this.credentials.push({
          name: c.name,
          type: 'oauth',
          origin: 'declared',
          discoveryUrl: c.discoveryUrl,
          vendor: c.vendor ?? 'CustomOauth2',
          scopes: c.scopes ?? [],
          ...(typeof c.clientId === 'string' ? { clientId: c.clientId } : {}),
          env: {
            ...(typeof c.clientId === 'string' ? {} : { clientId: secretEnvName(c.clientId, env.clientId) }),
            clientSecret: secretEnvName(c.clientSecret, env.clientSecret),
          },
        });
      }
    }
  }

  private gateways(): Unnamed<GatewayConfig>[] {
    const result: Unnamed<GatewayConfig>[] = [];
    const byToken = new Map<string, string>();
    for (const raw of this.input.gateways) {
      const label = `gateway ${show(raw?.name)}`;
      const g = this.f.parse(gatewayInput, raw, label);
      this.gatewayRules(label, raw);
      if (!g) continue;
      const token = envToken(g.name);
      const other = byToken.get(token);
      if (other === g.name) {
        this.f.fail(`${label} › name`, `gateway ${show(g.name)} is declared twice; give each gateway a unique name`);
        continue;
      }
      if (other !== undefined) {
        this.f.fail(
          `${label} › name`,
          `${show(g.name)} and ${show(other)} both map to the env var ${gatewayEnvVars(g.name).url}, so agents could not tell them apart; rename one of them`,
        );
        continue;
      }
      byToken.set(token, g.name);
      this.checkDeployedLength(`${label} › name`, g.name, MAX_DEPLOYED_GATEWAY_NAME, 'gateway');
      result.push(this.gatewayConfig(label, g));
    }
    this.orphanTargets(new Set(result.map((g) => g.name)));
    return result;
  }

  /** Cross-field rules of a gateway, checked on the raw options so they report alongside field errors. */
  private gatewayRules(label: string, g: GatewayOptions) {
    if (!g || typeof g !== 'object') return;
    const auth = g.authorizerType ?? 'NONE';
    const jwtFields = ['discoveryUrl', 'allowedAudience', 'allowedClients', 'allowedScopes', 'customClaims', 'agentClientId', 'agentClientSecret'] as const;
    if (auth !== 'CUSTOM_JWT') {
      for (const f of jwtFields) {
        if (g[f] !== undefined) {
          this.f.fail(
            `${label} › ${f}`,
            `only applies to authorizerType "CUSTOM_JWT" (this gateway is ${show(auth)}); remove ${f} or set authorizerType: 'CUSTOM_JWT'`,
          );
        }
      }
      return;
    }
    if (g.discoveryUrl === undefined) {
      this.f.fail(`${label} › discoveryUrl`, "is required for CUSTOM_JWT; set it to your identity provider's https://.../.well-known/openid-configuration URL");
    }
    if (!g.allowedAudience && !g.allowedClients && !g.allowedScopes && !g.customClaims) {
      this.f.fail(
        `${label} › allowedAudience`,
        'CUSTOM_JWT needs at least one of allowedAudience, allowedClients, allowedScopes or customClaims; add the audience or client ids your tokens carry',
      );
    }
    if ((g.agentClientId === undefined) !== (g.agentClientSecret === undefined)) {
      const missing = g.agentClientId === undefined ? 'agentClientId' : 'agentClientSecret';
      this.f.fail(
        `${label} › ${missing}`,
        `agentClientId and agentClientSecret go together; add ${missing}${missing === 'agentClientSecret' ? " (e.g. fromEnv('MY_AGENT_CLIENT_SECRET'))" : ''} or remove the other`,
      );
    }
  }

  private gatewayConfig(label: string, g: ReturnType<typeof gatewayInput.parse>): Unnamed<GatewayConfig> {
    const authorizerType = g.authorizerType ?? 'NONE';
    let agentCredential: string | undefined;
    const agentClientEnv = authorizerType === 'CUSTOM_JWT' ? this.agentClientEnv(g) : undefined;
    if (agentClientEnv && g.discoveryUrl) {
      this.f.warnIfLoopback(`${label} › discoveryUrl`, g.discoveryUrl);
      if (g.agentClientId && g.agentClientSecret) {
        agentCredential = agentCredentialName(g.name);
        this.credentials.push({
          name: agentCredential,
          type: 'oauth',
          origin: 'gateway-agent-client',
          discoveryUrl: g.discoveryUrl,
          vendor: 'CustomOauth2',
          scopes: g.allowedScopes ?? [],
          clientId: g.agentClientId,
          env: { clientSecret: agentClientEnv.clientSecret },
        });
      }
    }
    const targets = this.targetsOf(g.name);
    return {
      name: g.name,
      ...(g.description ? { description: g.description } : {}),
      authorizerType,
      ...(authorizerType === 'CUSTOM_JWT' && g.discoveryUrl ? { authorizerConfiguration: customJwtAuthorizer(g, g.discoveryUrl) } : {}),
      ...(agentCredential ? { agentCredentialName: agentCredential } : {}),
      semanticSearch: g.semanticSearch ?? true,
      exceptionLevel: g.exceptionLevel ?? 'NONE',
      ...(g.roleArn ? { roleArn: g.roleArn } : {}),
      tags: g.tags ?? {},
      env: { ...gatewayEnvVars(g.name), ...agentClientEnv },
      targets,
    };
  }

  /**
   * Where a CUSTOM_JWT gateway's agent client id and secret are read from: deploy (for the managed
   * credential) and agents with LOCAL_DEV=1 both read these, so a `fromEnv` name reaches both.
   */
  private agentClientEnv(g: ReturnType<typeof gatewayInput.parse>): { clientId: string; clientSecret: string } {
    const defaults = credentialEnvVars(agentCredentialName(g.name));
    return { clientId: defaults.clientId, clientSecret: secretEnvName(g.agentClientSecret, defaults.clientSecret) };
  }

  private targetsOf(gateway: string): TargetConfig[] {
    const result: TargetConfig[] = [];
    const seen = new Set<string>();
    for (const raw of this.input.targets) {
      if (raw?.gateway !== gateway) continue;
      const { gateway: _ignored, ...options } = raw;
      const label = `gateway ${show(gateway)} › target ${show(options.name)}`;
      const t = this.f.parse(targetInput, options, label);
      if (!t) {
        resolveOutboundAuth(this.f, this.credentials, label, gateway, options as TargetOptions);
        continue;
      }
      if (seen.has(t.name)) {
        this.f.fail(`${label} › name`, `target ${show(t.name)} is declared twice on this gateway; give each target a unique name`);
        continue;
      }
      seen.add(t.name);
      const outboundAuth = resolveOutboundAuth(this.f, this.credentials, label, gateway, t);
      const config = this.targetConfig(label, gateway, t, outboundAuth);
      if (config && outboundAuth) result.push(config);
    }
    return result;
  }

  private orphanTargets(known: Set<string>) {
    const declared = new Set(this.input.gateways.map((g) => g?.name));
    for (const t of this.input.targets) {
      if (declared.has(t?.gateway) || known.has(t?.gateway)) continue;
      const names = [...declared].filter((n) => typeof n === 'string').map((n) => show(n));
      this.f.fail(
        `target ${show(t?.name)} › gateway`,
        `gateway ${show(t?.gateway)} does not exist; add it with project.addGateway({ name: ${show(t?.gateway)} }) or use one of: ${names.join(', ') || '(no gateways yet)'}`,
      );
    }
  }

  /** The resolved config of one target, with the outbound auth already checked against its type; undefined on error. */
  private targetConfig(
    label: string,
    gateway: string,
    t: ReturnType<typeof targetInput.parse>,
    outboundAuth: OutboundAuthConfig | undefined,
  ): TargetConfig | undefined {
    const base = { name: t.name, ...(t.description ? { description: t.description } : {}), outboundAuth: outboundAuth! };
    switch (t.type) {
      case 'mcp-server':
        return this.mcpServerTarget(label, gateway, t, base);
      case 'api-gateway': {
        const shorthand = t.toolFilterPath !== undefined || t.toolFilterMethods !== undefined;
        if (shorthand && t.toolFilters) {
          this.f.fail(`${label} › toolFilters`, 'give either toolFilters or toolFilterPath/toolFilterMethods, not both');
          return undefined;
        }
        const toolFilters = t.toolFilters ?? [{ filterPath: t.toolFilterPath ?? '/*', methods: t.toolFilterMethods ?? ['GET'] }];
        return { ...base, type: t.type, restApiId: t.restApiId, stage: t.stage, toolFilters, toolOverrides: t.toolOverrides ?? [] };
      }
      case 'open-api-schema':
      case 'smithy-model': {
        const schema = this.schemaFile(`${label} › schema`, t.type, t.schema);
        return schema && { ...base, type: t.type, schema };
      }
      case 'lambda-function-arn': {
        const toolSchema = this.schemaFile(`${label} › toolSchemaFile`, t.type, t.toolSchemaFile);
        return toolSchema && { ...base, type: t.type, lambdaArn: t.lambdaArn, toolSchema };
      }
    }
  }

  /** An `mcp-server` target: a server the user runs (`endpoint`), or one deploy hosts (`host`). */
  private mcpServerTarget(
    label: string,
    gateway: string,
    t: Extract<ReturnType<typeof targetInput.parse>, { type: 'mcp-server' }>,
    base: { name: string; description?: string; outboundAuth: OutboundAuthConfig },
  ): TargetConfig | undefined {
    if (t.endpoint !== undefined && t.host !== undefined) {
      this.f.fail(`${label} › host`, 'give either endpoint (a server you run) or host (a server deploy hosts from app/mcp/<target>/), not both; drop one');
      return undefined;
    }
    if (t.host === undefined) {
      if (t.language !== undefined)
        this.f.fail(`${label} › language`, 'language applies to a managed server only; add host ("Lambda" or "AgentCoreRuntime") or drop language');
      if (t.endpoint === undefined) {
        this.f.fail(
          `${label} › endpoint`,
          'an mcp-server target needs endpoint (e.g. "https://mcp.example.com/mcp"), or host ("Lambda" or "AgentCoreRuntime") for a server deploy hosts',
        );
        return undefined;
      }
      this.f.warnIfLoopback(`${label} › endpoint`, t.endpoint);
      return { ...base, type: t.type, endpoint: t.endpoint };
    }
    // The gateway reaches a managed server with its own role; there is nothing else to configure.
    for (const field of OUTBOUND_AUTH_FIELDS) {
      if (t[field] !== undefined)
        this.f.fail(`${label} › ${field}`, `a managed server is reached with the gateway's IAM role and takes no outbound auth; remove ${field}`);
    }
    const codeLocation = managedServerCodeLocation(t.name);
    const other = this.managedCode.get(codeLocation);
    if (other !== undefined) {
      this.f.fail(`${label} › name`, `${other} already keeps its code in ${codeLocation}/; give managed targets names unique in the project`);
      return undefined;
    }
    this.managedCode.set(codeLocation, label);
    const project = this.input.name;
    return {
      ...base,
      type: t.type,
      outboundAuth: { type: 'gateway-iam-role' },
      managed: {
        host: t.host,
        language: t.language ?? 'Python',
        codeLocation,
        deployedName: managedServerName(project, gateway, t.name, t.host),
        managedRoleName: managedServerRoleName(project, gateway, t.name),
      },
    };
  }

  private schemaFile(where: string, type: TargetOptions['type'], location: string) {
    const check = checkSchemaFile(location, schemaKindOf(type)!, this.ctx.root, this.fs);
    if (!check.ok) {
      this.f.fail(where, check.message);
      return undefined;
    }
    return check.ref;
  }

  private artifactBucket(): string | undefined {
    const name = this.input.artifactBucket;
    if (name === undefined) return undefined;
    const problem = typeof name === 'string' ? bucketNameProblem(name) : 'it is not a string';
    if (problem) {
      this.f.fail(
        'project › artifactBucket',
        `${show(name)} is not an S3 bucket name: ${problem}. Name an existing bucket, e.g. "my-agent-artifacts", or leave artifactBucket out to let deploy create one`,
      );
      return undefined;
    }
    return name;
  }

  private agentDefaults(): AgentDefaults {
    if (this.input.agentDefaults === undefined) return {};
    const d = this.f.parse(agentDefaultsInput, this.input.agentDefaults, 'project › agentDefaults');
    if (d?.vpc && d.networkMode !== 'VPC') {
      this.f.fail('project › agentDefaults › vpc', 'is only used with networkMode "VPC"; add networkMode: \'VPC\' to agentDefaults, or remove vpc');
    }
    return d ?? {};
  }

  /** Python and network of an agent: its own options, then the project's defaults, then PUBLIC and 3.12. */
  private runtimeSettings(label: string, a: AgentDefaults, defaults: AgentDefaults): Pick<RuntimeConfig, 'pythonRuntime' | 'network'> {
    const networkMode = a.networkMode ?? defaults.networkMode ?? 'PUBLIC';
    if (a.vpc && networkMode !== 'VPC') {
      this.f.fail(`${label} › vpc`, 'is only used with networkMode "VPC"; add networkMode: \'VPC\' to the agent, or remove vpc');
    }
    const vpc = a.vpc ?? defaults.vpc;
    if (networkMode === 'VPC' && !vpc) {
      this.f.fail(
        `${label} › networkMode`,
        '"VPC" needs the subnets and security groups to place the runtime in; add vpc: { subnets: ["subnet-..."], securityGroups: ["sg-..."] } to the agent or to agentDefaults',
      );
    }
    return {
      pythonRuntime: pythonRuntimeOf(a.pythonVersion ?? defaults.pythonVersion ?? DEFAULT_PYTHON_VERSION),
      network:
        networkMode === 'VPC' && vpc
          ? { networkMode, networkModeConfig: { subnets: [...vpc.subnets], securityGroups: [...vpc.securityGroups] } }
          : { networkMode: 'PUBLIC' },
    };
  }

  private agents(defaults: AgentDefaults): RuntimeConfig[] {
    const result: RuntimeConfig[] = [];
    const seen = new Map<string, string>();
    for (const raw of this.input.agents) {
      const label = `agent ${show(raw?.name)}`;
      const a = this.f.parse(agentInput, raw, label);
      if (!a) continue;
      const other = seen.get(a.name.toLowerCase());
      if (other !== undefined) {
        this.f.fail(
          `${label} › name`,
          other === a.name
            ? `agent ${show(a.name)} is declared twice; give each agent a unique name`
            : `${show(a.name)} and ${show(other)} differ only in case, and their folders would clash on case-insensitive disks; rename one`,
        );
        continue;
      }
      seen.set(a.name.toLowerCase(), a.name);
      const supported = frameworkManifest(a.framework).modelProviders;
      if (!supported.includes(a.modelProvider)) {
        this.f.fail(`${label} › modelProvider`, `${a.framework} does not support ${show(a.modelProvider)}; use ${supported.map((p) => show(p)).join(' or ')}`);
        continue;
      }
      result.push({
        name: a.name,
        framework: a.framework,
        modelProvider: a.modelProvider,
        ...(a.modelId ? { modelId: a.modelId } : {}),
        ...(a.description ? { description: a.description } : {}),
        codeLocation: `app/${a.name}`,
        entrypoint: 'main.py',
        dependencies: a.dependencies ?? [],
        ...(a.deploy === false ? {} : { deployedName: this.runtimeNameOf(label, a.name) }),
        ...(a.executionRoleArn ? { executionRoleArn: a.executionRoleArn } : {}),
        ...(a.deploy === false || a.executionRoleArn || typeof this.input.name !== 'string' ? {} : { managedRoleName: agentRoleName(this.input.name, a.name) }),
        ...this.modelApiKey(a.name, a.modelProvider),
        ...this.runtimeSettings(label, a, defaults),
      });
    }
    return result;
  }

  /** The agent's name on AgentCore Runtime; a project/agent pair that makes no valid runtime name fails synth. */
  private runtimeNameOf(label: string, agent: string): string {
    const name = typeof this.input.name === 'string' ? runtimeName(this.input.name, agent) : agent;
    if (typeof this.input.name === 'string' && !RUNTIME_NAME.test(name)) {
      this.f.fail(
        `${label} › name`,
        `deployed to AgentCore Runtime as ${show(name)}, which is ${name.length} characters; the service takes at most 48 (a letter, then letters, digits or "_"). ` +
          `Shorten the agent or project name, or set \`deploy: false\` to keep the agent local`,
      );
    }
    return name;
  }

  /**
   * The api-key credential of an agent whose provider needs a key: deploy creates it from the
   * provider's variable, and the agent reads it through AgentCore Identity on the Runtime.
   */
  private modelApiKey(agent: string, provider: ModelProvider): Pick<RuntimeConfig, 'modelApiKey'> {
    const env = MODEL_API_KEY_ENV[provider];
    if (!env) return {};
    const credentialName = modelApiKeyCredentialName(agent, provider);
    const credential: Unnamed<CredentialConfig> = { name: credentialName, type: 'api-key', env: { apiKey: env } };
    this.modelKeyCredentials.add(credential);
    this.credentials.push(credential);
    return { modelApiKey: { credentialName, env } };
  }

  /** A name the service takes only up to `max` characters once the project prefixes it. */
  private checkDeployedLength(where: string, name: string, max: number, what: string) {
    if (typeof this.input.name !== 'string') return;
    const deployed = deployedName(this.input.name, name);
    if (deployed.length > max) {
      this.f.fail(where, `deployed as "${deployed}", which is longer than ${max} characters; shorten the ${what} or project name`);
    }
  }

  /** Credential names are unique, and so are the env vars that hold their secrets; each fits the service once deployed. */
  private checkCredentialNames() {
    const byToken = new Map<string, Unnamed<CredentialConfig>>();
    for (const c of this.credentials) {
      this.checkDeployedLength(`credential ${show(c.name)} › name`, c.name, MAX_DEPLOYED_CREDENTIAL_NAME, 'credential');
      const other = byToken.get(envToken(c.name));
      if (!other) {
        byToken.set(envToken(c.name), c);
        continue;
      }
      const origin = (x: Unnamed<CredentialConfig>) =>
        x.type === 'oauth' && x.origin === 'gateway-agent-client'
          ? "the gateway's agent client credential"
          : x.type === 'oauth' && x.origin === 'target-inline'
            ? "a target's inline OAuth credential"
            : this.modelKeyCredentials.has(x)
              ? "an agent's model API key credential"
              : 'a declared credential';
      this.f.fail(
        `credential ${show(c.name)} › name`,
        other.name === c.name
          ? `is used twice (${origin(other)} and ${origin(c)}); rename the declared credential`
          : `${show(c.name)} and ${show(other.name)} map to the same env vars (AGENTCORE_CREDENTIAL_${envToken(c.name)}...); rename one`,
      );
    }
  }
}
