import { setMaxListeners } from 'node:events';
import * as path from 'node:path';
import type { ProjectConfig } from '../model/config';
import { readActual } from './actual';
import { makeStepper, type ApplyContext } from './apply-context';
import { applyPlan, nodeId } from './apply';
import { destroyRuntimes, type RuntimeDeploy, startRuntimes } from './apply-runtimes';
import { serverWork } from './apply-servers';
import { desiredServersOf, withServerTools } from './desired-servers';
import { serverChanges } from './server-plan';
import { desiredRuntimes } from './desired-runtimes';
import { planRuntimes, runtimeRows } from './runtime-plan';
import { readRuntimes, runtimeReadScope } from './runtime-actual';
import { chainRegion, type ClientConfigs, connect } from './clients';
import { accountOf, deployPolicy, partitionOf, type PolicyDocument } from './deploy-policy';
import { DeployError, describeAwsError, isAbort } from './errors';
import { type Desired, desiredFrom } from './desired';
import type { DeployEvent, Outcome, StepInfo } from './events';
import { loadConfig } from './load-config';
import { acquireLock } from './lock';
import { Ownership } from './ownership';
import { makePlan } from './plan';
import { planView, type PlanView } from './plan-view';
import type { PollOptions } from './poll';
import { declaredNames, readScope } from './read-scope';
import { identityReadScope, readIdentityProviders } from './cognito-actual';
import { applyIdentityProviders, removeIdentityProviders } from './apply-identity-provider';
import { applyIdentityValues, identityChanges, planIdentityProviders, valuesOf } from './identity-plan';
import { type CredentialSecrets, readSecrets, secretFingerprint, secretLookup } from './secrets';
import { type DeployedState, emptyState, readDeployedState, STATE_PATH, StateStore } from './state';

/*
 * The three entry points: deploy (plan, confirm, apply), diff (plan only) and destroy (a plan
 * whose desired side is empty). Everything that can be refused without the network (loopback
 * URLs, changed schema files, missing secrets) is refused before the first call.
 */

export interface DeployOptions {
  /** Project root (holds `agentcore/`). @default process.cwd() */
  projectDir?: string;
  /** Extra client config (tests point the clients at a fake; users rely on the AWS chain). */
  clients?: ClientConfigs;
  /** Where secrets are read first. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Most AWS calls in flight at once. @default 16 */
  concurrency?: number;
  /** How gateways and targets are polled until READY. */
  polling?: PollOptions;
  /**
   * How long creating or updating an agent runtime is retried while IAM propagates a new execution
   * role (the service refuses a role it cannot assume yet). @default 1 s first wait, doubling, for at most 60 s
   */
  rolePropagation?: PollOptions;
  /** Plan only. */
  dryRun?: boolean;
  /**
   * Take over the same-named resources the model declares (and the targets on the project's
   * gateways) that nothing shows the project made; without it they are left alone and block the
   * plan. @default false
   */
  adopt?: boolean;
  /** Asked before a plan with changes is applied; false cancels. @default apply */
  confirm?: (plan: PlanView) => boolean | Promise<boolean>;
  /** Called with the plan before anything is applied. */
  onPlan?: (plan: PlanView) => void;
  /** Progress: one event per resource done or failed. */
  onEvent?: (event: DeployEvent) => void;
  signal?: AbortSignal;
  /** The uv binary that packages agents. @default `$UV`, then `uv` on the PATH */
  uv?: string;
  /** Called after each completed step of the apply (tests use it to simulate a crash). */
  afterStep?: (step: StepInfo) => void | Promise<void>;
}

export interface DeployedGateway {
  name: string;
  /** Name in the account. */
  deployedName: string;
  url?: string;
  authorizerType: string;
  /** Env vars an agent reads, with their values. */
  env: Record<string, string>;
}

export interface DeployResult {
  project: string;
  region: string;
  plan: PlanView;
  /** False for a dry run or a cancelled confirmation. */
  applied: boolean;
  /** What was done, by plan address. */
  outcomes: Record<string, Outcome>;
  gateways: DeployedGateway[];
  statePath: string;
  elapsedMs: number;
}

const DEFAULT_CONCURRENCY = 16;

/** Plans and applies the project: `deploy(projectDir)` or `deploy(config, { projectDir })`. */
export async function deploy(source: ProjectConfig | string, options: DeployOptions = {}): Promise<DeployResult> {
  const { config, projectDir } = resolveSource(source, options);
  return run(config, projectDir, await withServerTools(desiredFrom(config, projectDir), projectDir), 'deploy', options);
}

/** Deletes every resource the project made (see ownership.ts), targets first, credentials last. */
export async function destroy(source: ProjectConfig | string, options: DeployOptions = {}): Promise<DeployResult> {
  const { config, projectDir } = resolveSource(source, options);
  return run(config, projectDir, { project: config.name, credentials: [], gateways: [], identityProviders: [] }, 'destroy', options);
}

/** The plan only: what deploy would do. Secrets are used when available, never required. */
export async function diff(source: ProjectConfig | string, options: DeployOptions = {}): Promise<PlanView> {
  const result = await deploy(source, { ...options, dryRun: true });
  return result.plan;
}

export interface PolicyOptions {
  /** Project root (holds `agentcore/`). @default process.cwd() */
  projectDir?: string;
  /** The account deploy works in. @default the account of the deployed state's ARNs, else `*` */
  account?: string;
  /** @default the AWS chain's region (AWS_REGION, the profile, ...) */
  region?: string;
  /** Client config (only its region is read). */
  clients?: ClientConfigs;
}

/**
 * The minimal IAM policy for the principal that deploys this model (see deploy-policy.ts).
 * Makes no AWS call; the account comes from the option or the deployed state.
 */
export async function deployPolicyFor(source: ProjectConfig | string, options: PolicyOptions = {}): Promise<{ policy: PolicyDocument; accountKnown: boolean }> {
  const { config, projectDir } = resolveSource(source, options);
  const region = options.region ?? (await chainRegion(options.clients?.agentcore));
  const saved = readDeployedState(projectDir);
  const state = saved && saved.project === config.name && saved.region === region ? saved : undefined;
  const account = options.account ?? accountOf(state);
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new DeployError(`account "${account}" is not an AWS account id; give the 12 digits`);
  return { policy: deployPolicy(config, state, { partition: partitionOf(region), region, account: account ?? '*' }), accountKnown: account !== undefined };
}

function resolveSource(source: ProjectConfig | string, options: { projectDir?: string }) {
  const projectDir = path.resolve(typeof source === 'string' ? source : (options.projectDir ?? process.cwd()));
  const config = typeof source === 'string' ? loadConfig(projectDir) : source;
  return { config, projectDir };
}

async function run(config: ProjectConfig, projectDir: string, desired: Desired, command: 'deploy' | 'destroy', options: DeployOptions): Promise<DeployResult> {
  const started = Date.now();
  const env = options.env ?? process.env;
  const dryRun = !!options.dryRun;
  const credentials = command === 'deploy' ? config.credentials : [];
  const secrets = readSecrets(credentials, secretLookup(projectDir, env), !dryRun);
  const lock = dryRun ? undefined : acquireLock(projectDir, command);
  const controller = new AbortController();
  // Every call in flight listens to the signal; the default limit of 10 listeners is too low.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  let aws: Awaited<ReturnType<typeof connect>> | undefined;
  let agents: RuntimeDeploy | undefined;
  try {
    const client = await connect({ configs: options.clients, concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, signal: controller.signal });
    aws = client;
    const previous = readDeployedState(projectDir);
    const state = previous && previous.project === config.name && previous.region === client.region ? previous : undefined;
    const ownership = new Ownership(config.name, state, !!options.adopt);
    const [actual, actualRuntimes, pools] = await Promise.all([
      readActual(client, readScope(config, state, ownership)),
      readRuntimes(client, runtimeReadScope(config, state)),
      readIdentityProviders(client, identityReadScope(config, state, ownership)),
    ]).catch((e: unknown) => Promise.reject(readFailed(e, client.region)));
    // Pools that exist give their gateway and credential the values the plan compares with.
    const identity = planIdentityProviders(desired, pools);
    applyIdentityValues(desired, valuesFrom(client.region, pools), secrets);
    const fingerprints = await fingerprintsOf(config.name, secrets);
    const plan = makePlan({
      desired,
      actual,
      region: client.region,
      fingerprints,
      secrets,
      servers: new Map(Object.entries(state?.servers ?? {}).map(([key, s]) => [key, { host: s.host, arn: s.arn }])),
      ownership,
      declared: declaredNames(config),
      command,
      ...(state ? { state } : {}),
    });
    const runtimes = await planRuntimes({
      config,
      desired: command === 'deploy' ? desiredRuntimes(config) : [],
      actual: actualRuntimes,
      plan,
      state,
      ownership,
      projectDir,
      ...(options.uv ? { uv: options.uv } : {}),
    });
    plan.conflicts.push(...runtimes.conflicts);
    plan.warnings.push(...runtimes.warnings);
    const view = planView(plan, [...identityChanges(identity), ...serverChanges(desiredServersOf(desired), state), ...runtimeRows(runtimes)]);
    for (const w of plan.warnings) options.onEvent?.({ type: 'warning', message: w });
    options.onPlan?.(view);
    if (plan.conflicts.length > 0 && !dryRun) {
      throw new DeployError(`${command} refused; nothing was changed:\n${plan.conflicts.map((c) => `  - ${c}`).join('\n')}`);
    }
    const result = (applied: boolean, outcomes: Map<string, Outcome>, store?: StateStore): DeployResult => ({
      project: config.name,
      region: client.region,
      plan: view,
      applied,
      outcomes: Object.fromEntries(outcomes),
      gateways: gatewaySummary(desired, store?.state ?? state),
      statePath: path.join(projectDir, STATE_PATH),
      elapsedMs: Date.now() - started,
    });
    if (dryRun) return result(false, new Map());
    if (view.hasChanges && options.confirm && !(await options.confirm(view))) return result(false, new Map());

    const store = new StateStore(projectDir, state ?? emptyState(config.name, client.region));
    const ctx: ApplyContext = {
      aws: client,
      plan,
      store,
      secrets,
      fingerprints,
      poll: options.polling ?? {},
      refs: {
        credentials: new Map(),
        roles: new Map(),
        gateways: new Map(),
        servers: new Map(),
      },
      emit: (e) => options.onEvent?.(e),
      ownership,
      step: makeStepper(options.afterStep),
    };
    const runtimeInput = {
      ctx,
      config,
      projectDir,
      runtimes,
      signal: controller.signal,
      ...(options.uv ? { uv: options.uv } : {}),
      ...(options.rolePropagation ? { rolePropagation: options.rolePropagation } : {}),
    };
    // Runtimes go before what they use on destroy. On deploy what they need of no gateway (bucket,
    // packages, execution roles) starts now; each create or update is a node of the gateway graph,
    // after the gateways its environment carries.
    const removed = command === 'destroy' ? await destroyRuntimes(runtimeInput) : new Map<string, Outcome>();
    if (command === 'deploy') agents = startRuntimes(runtimeInput);
    // Identity providers first: their values complete the gateways and credentials that use them.
    const made = await applyIdentityProviders(ctx, identity);
    applyIdentityValues(desired, made.values, secrets);
    // The clients the providers hold now (made or read just now) are what the credentials get.
    for (const d of desired.identityProviders) {
      const s = d.credential === undefined ? undefined : secrets.get(d.credential);
      if (d.credential !== undefined && s) fingerprints.set(d.credential, await secretFingerprint(config.name, d.credential, s));
    }
    const servers = serverWork({ ctx, config, projectDir, servers: desiredServersOf(desired), ...(options.uv ? { uv: options.uv } : {}) });
    const { outcomes } = await applyPlan(ctx, controller, servers, agents?.nodes ?? []);
    await agents?.settled();
    for (const [id, outcome] of [...made.outcomes, ...(await removeIdentityProviders(ctx, identity))]) outcomes.set(id, outcome);
    for (const [id, outcome] of agents ? await agents.finish() : removed) outcomes.set(id, outcome);
    await store.update((s) => prune(s, desired));
    const empty = (o: object) => Object.keys(o).length === 0;
    if (
      command === 'destroy' &&
      empty(store.state.gateways) &&
      empty(store.state.credentials) &&
      empty(store.state.runtimes) &&
      empty(store.state.identityProviders) &&
      empty(store.state.servers) &&
      !store.state.artifactBucket
    ) {
      await store.remove();
    }
    // Unchanged resources report nothing while applying; count them here.
    for (const item of plan.items) if (!outcomes.has(nodeId(item))) outcomes.set(nodeId(item), 'unchanged');
    return result(true, outcomes, store);
  } finally {
    // Agents' work started beside a step that failed stops, and ends before the clients do.
    if (agents) {
      controller.abort();
      await agents.settled();
    }
    options.signal?.removeEventListener('abort', onAbort);
    aws?.destroy();
    lock?.release();
  }
}

/** The first calls fail for account-wide reasons (no credentials, no permission): say so. */
function readFailed(e: unknown, region: string): Error {
  if (isAbort(e) || e instanceof DeployError) return e as Error;
  if ((e as Error)?.name === 'CredentialsProviderError') {
    return new DeployError(
      `no AWS credentials were found (${(e as Error).message}); set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and run again`,
    );
  }
  return new DeployError(`could not read the project's resources in ${region}: ${describeAwsError(e)}`);
}

/** What the existing pools give their gateways and credentials. */
function valuesFrom(region: string, pools: Map<string, Parameters<typeof valuesOf>[1]>) {
  const values = new Map<string, NonNullable<ReturnType<typeof valuesOf>>>();
  for (const [gateway, pool] of pools) {
    const v = valuesOf(region, pool);
    if (v) values.set(gateway, v);
  }
  return values;
}

async function fingerprintsOf(project: string, secrets: Map<string, CredentialSecrets>) {
  const entries = await Promise.all([...secrets].map(async ([name, s]) => [name, await secretFingerprint(project, name, s)] as const));
  return new Map(entries);
}

/** After a successful apply the state holds exactly the desired resources. */
function prune(s: DeployedState, desired: Desired) {
  const gateways = new Set(desired.gateways.map((g) => g.key));
  for (const key of Object.keys(s.gateways)) if (!gateways.has(key)) delete s.gateways[key];
  for (const g of desired.gateways) {
    const entry = s.gateways[g.key];
    if (!entry) continue;
    const targets = new Set(g.targets.map((t) => t.key));
    for (const t of Object.keys(entry.targets)) if (!targets.has(t)) delete entry.targets[t];
  }
  const credentials = new Set(desired.credentials.map((c) => c.key));
  for (const key of Object.keys(s.credentials)) if (!credentials.has(key)) delete s.credentials[key];
  const providers = new Set(desired.identityProviders.map((p) => p.gateway));
  for (const key of Object.keys(s.identityProviders)) if (!providers.has(key)) delete s.identityProviders[key];
  const roles = new Set(desired.gateways.filter((g) => 'managed' in g.role).map((g) => g.key));
  for (const key of Object.keys(s.roles)) if (!roles.has(key)) delete s.roles[key];
  s.pending = {};
}

function gatewaySummary(desired: Desired, state: DeployedState | undefined): DeployedGateway[] {
  return desired.gateways.map((g) => {
    const s = state?.gateways[g.key];
    return {
      name: g.key,
      deployedName: g.name,
      ...(s?.gatewayUrl ? { url: s.gatewayUrl } : {}),
      authorizerType: g.config.authorizerType,
      env: { [g.config.env.url]: s?.gatewayUrl ?? '', [g.config.env.authType]: g.config.authorizerType },
    };
  });
}
