import * as fs from 'node:fs';
import type { GetAgentRuntimeCommandOutput } from '@aws-sdk/client-bedrock-agentcore-control';
import type { ProjectConfig } from '../model/config';
import { packageAgent } from '../package';
import { formatAddress, runtimeAddress } from './address';
import { type ApplyContext, recordIntent } from './apply-context';
import { callerAccount, deleteArtifacts, ensureArtifactBucket, listArtifacts, removeArtifactBucket, uploadArtifact } from './artifact-bucket';
import { artifactKey } from './artifact-names';
import { limiter } from './clients';
import { partitionOf } from './deploy-policy';
import { callFailed, DeployAborted, DeployError, isAbort, returned } from './errors';
import type { GraphNode } from './graph';
import type { Outcome } from './events';
import type { DesiredRuntime } from './desired-runtimes';
import { PROJECT_TAG, RUNTIME_POLICY_NAME } from './names';
import { waitFor, type Observed } from './poll';
import { arnParts } from './requests';
import type { ActualRuntimeRole } from './runtime-actual';
import type { RuntimeItem, RuntimePlan } from './runtime-plan';
import { agentNeeds, agentRolePolicy, runtimeTrustPolicy } from './runtime-role';
import { nodeId } from './apply';
import { runtimeDifferences, runtimeEnv, runtimeSpec, type RuntimeSpec } from './runtime-spec';
import { type RolePropagationOptions, whileRolePropagates } from './role-propagation';
import { sendStep } from './send-step';
import { sameValue } from './compare';

/*
 * Agents on AgentCore Runtime, applied as the runtime plan says. What an agent needs from no
 * gateway starts with the apply, beside the gateway graph: the bucket, packaging (planning already
 * did for a deployed agent), the upload (skipped when the hash is there) and the execution role.
 * The role's permissions and CreateAgentRuntime / UpdateAgentRuntime → poll to READY are nodes of
 * the graph: they wait only for the gateways whose URLs and ARNs they carry and the credentials
 * the agent uses, not for targets. Each request is built from what exists at that point, with the
 * builders the plan compared with. The intent is recorded before a create, so a deploy stopped at
 * any point converges on the next run. Destroy removes runtimes, roles, packages and the bucket
 * deploy created, in that order.
 */

export interface RuntimeApplyInput {
  ctx: ApplyContext;
  config: ProjectConfig;
  projectDir: string;
  runtimes: RuntimePlan;
  signal: AbortSignal;
  /** The uv binary the packager runs. */
  uv?: string;
  /** How long a create or update waits for a new execution role to become assumable. */
  rolePropagation?: RolePropagationOptions;
}

type KeptRuntime = RuntimeItem & { desired: DesiredRuntime };

/** The agents' part of a deploy, started before the gateway graph runs. */
export interface RuntimeDeploy {
  /** One graph node per deployed agent: its role's permissions, create or update, and wait for READY. */
  nodes: GraphNode[];
  /** Waits for everything started (also when the graph failed); never throws. */
  settled(): Promise<void>;
  /** After the graph: throws the first agent that failed, removes the runtimes the model no longer deploys. */
  finish(): Promise<Map<string, Outcome>>;
}

/**
 * Starts what the agents need that no gateway gives (bucket, packages, uploads, execution roles)
 * and returns the graph nodes that finish each agent once its gateways and credentials are applied.
 * A failing agent does not stop the others (each spends most of its time waiting for READY).
 */
export function startRuntimes(input: RuntimeApplyInput): RuntimeDeploy {
  const { ctx } = input;
  const outcomes = new Map<string, Outcome>();
  const failures: unknown[] = [];
  const kept = input.runtimes.items.filter((i): i is KeptRuntime => i.action !== 'delete' && !!i.desired);
  const bucket = kept.length > 0 ? ensureArtifactBucket(ctx.aws, ctx.store, input.config) : undefined;
  // Agents are packaged one at a time (CPU work; the first fills the dependency cache the others
  // reuse) while those packaged before are uploaded, two at a time: a package is held in memory
  // while it is sent, and two uploads in flight hide each one's round trips (measured: the last
  // of 10 uploads 1 s sooner than one at a time, in bench/deploy-agents.bench.ts).
  const limits = { packaging: limiter(1), uploads: limiter(2) };
  const started = Date.now();
  const work: Promise<unknown>[] = [];
  const nodes = kept.map((item): GraphNode => {
    const prepared = (async (): Promise<Prepared> => {
      const [artifact, role] = await Promise.all([uploaded(input, item, bucket!, limits), runtimeRole(input, item.desired, item.role)]);
      return { ...artifact, role };
    })();
    work.push(prepared);
    // Awaited by the node; a failure before the graph reaches it is reported there.
    prepared.catch(() => undefined);
    const id = formatAddress(runtimeAddress(item.agent));
    const label = `agent ${item.agent}`;
    return {
      id,
      deps: waitsFor(input, item.desired),
      run: async () => {
        const done = (async () => {
          try {
            const outcome = await deployRuntime(input, item, await prepared);
            outcomes.set(id, outcome);
            if (outcome !== 'unchanged') ctx.emit({ type: 'done', id, kind: 'runtime', label, outcome, status: 'READY', elapsedMs: Date.now() - started });
          } catch (e) {
            if (!isAbort(e))
              ctx.emit({ type: 'failed', id, kind: 'runtime', label, action: item.action, message: (e as Error).message, elapsedMs: Date.now() - started });
            failures.push(e);
          }
        })();
        work.push(done);
        await done;
      },
    };
  });
  if (bucket) {
    work.push(bucket);
    bucket.catch(() => undefined);
  }
  return {
    nodes,
    settled: async () => {
      // Work can add more work (a node starting); wait until none is left.
      for (let seen = 0; seen < work.length;) {
        const batch = work.slice(seen);
        seen = work.length;
        await Promise.allSettled(batch);
      }
    },
    finish: async () => {
      if (failures.length > 0) throw failures[0];
      await removeUndeployed(input, outcomes);
      return outcomes;
    },
  };
}

/**
 * The graph nodes an agent's runtime waits for: the gateways whose URLs its environment carries
 * (and whose ARNs its role names) and the credentials its role reads. Not their targets.
 */
function waitsFor(input: RuntimeApplyInput, d: DesiredRuntime): string[] {
  const agent = input.config.runtimes.find((r) => r.name === d.key);
  const credentials = new Set(agent ? agentNeeds(agent, input.config).credentials : []);
  const gateways = new Set(input.config.agentCoreGateways.map((g) => g.name));
  return input.ctx.plan.items
    .filter((i) => i.action !== 'delete')
    .filter((i) => (i.kind === 'gateway' && gateways.has(i.address.gateway)) || (i.kind === 'credential' && credentials.has(i.address.credential)))
    .map(nodeId);
}

async function removeUndeployed(input: RuntimeApplyInput, outcomes: Map<string, Outcome>) {
  for (const item of input.runtimes.items)
    if (item.action === 'delete') outcomes.set(formatAddress(runtimeAddress(item.agent)), await removeRuntime(input, item));
  await forgetMissing(input);
}

/** Destroy: every runtime the project made, their roles and packages, and the bucket deploy created. */
export async function destroyRuntimes(input: RuntimeApplyInput): Promise<Map<string, Outcome>> {
  // Destroy deploys no agent: there are no nodes to run, only runtimes to remove.
  const agents = startRuntimes(input);
  try {
    for (const node of agents.nodes) await node.run(input.signal);
  } finally {
    await agents.settled();
  }
  const outcomes = await agents.finish();
  await removeArtifactBucket(input.ctx.aws, input.ctx.store, input.config, accountOfRuns(input));
  return outcomes;
}

/** The account, from an ARN the plan read (no STS call when there is one). */
function accountOfRuns(input: RuntimeApplyInput): string | undefined {
  for (const i of input.runtimes.items) {
    const arn = i.actual?.arn ?? i.role?.arn;
    const account = arn ? arnParts(arn)?.account : undefined;
    if (account) return account;
  }
  return undefined;
}

/** Runtimes the state records that the account no longer has, and the model no longer wants. */
async function forgetMissing(input: RuntimeApplyInput) {
  const wanted = new Set(input.runtimes.items.filter((i) => i.action !== 'delete').map((i) => i.agent));
  const missing = Object.keys(input.ctx.store.state.runtimes).filter((k) => !wanted.has(k));
  if (missing.length === 0) return;
  await input.ctx.store.update((s) => {
    for (const k of missing) delete s.runtimes[k];
  });
}

/** The agent's package in the bucket: packaged (unless planning did) and uploaded unless it is there. */
async function uploaded(
  input: RuntimeApplyInput,
  item: KeptRuntime,
  bucket: Promise<string>,
  limits: { packaging: ReturnType<typeof limiter>; uploads: ReturnType<typeof limiter> },
): Promise<{ bucket: string; key: string; sha256: string }> {
  const { ctx } = input;
  const d = item.desired;
  const pkg =
    item.pkg ??
    (await limits.packaging(async () => {
      // Waiting its turn, the agent may have been stopped by a failure elsewhere: no packaging then.
      if (input.signal.aborted) throw new DeployAborted();
      return packageAgent({ projectDir: input.projectDir, agent: d.key, runtime: d.pythonRuntime, ...(input.uv ? { uv: input.uv } : {}) });
    }));
  const name = await bucket;
  const key = artifactKey(ctx.plan.project, d.key, pkg.sha256);
  const sent = await limits.uploads(() => uploadArtifact(ctx.aws, name, key, () => fs.promises.readFile(pkg.zipFile), pkg.sha256));
  if (sent) await ctx.step(runtimeAddress(d.key), 'package uploaded');
  return { bucket: name, key, sha256: pkg.sha256 };
}

interface Prepared {
  bucket: string;
  key: string;
  sha256: string;
  role: PreparedRole;
}

async function deployRuntime(input: RuntimeApplyInput, item: KeptRuntime, prepared: Prepared): Promise<Outcome> {
  const { ctx } = input;
  const d = item.desired;
  const address = runtimeAddress(d.key);
  const of = { label: `agent ${d.key}` };
  const { bucket, key, sha256 } = prepared;
  const previousKey = ctx.store.state.runtimes[d.key]?.artifact?.key;

  const role = await setRolePermissions(input, d, prepared.role);
  const env = runtimeEnv(input.config, (g) => ctx.store.state.gateways[g]?.gatewayUrl);
  const spec = runtimeSpec(d, { bucket, key, roleArn: role.arn, env });
  let found = item.actual && item.action !== 'create' ? { id: item.actual.id, arn: item.actual.arn, detail: item.actual.detail } : undefined;
  let outcome: Outcome = role.changed ? 'updated' : 'unchanged';
  if (!found) {
    // A runtime of the same name being deleted must be gone first.
    if (item.wait && item.actual) await waitFor(of.label, 'gone', observe(input, item.actual.id), { ...ctx.poll, signal: input.signal });
    const clientToken = await recordIntent(ctx, address, { name: d.name, ...spec });
    const created = await sendWithRole<{ agentRuntimeId?: string; agentRuntimeArn?: string }>(
      input,
      d,
      'CreateAgentRuntime',
      new ctx.aws.sdk.CreateAgentRuntimeCommand({ agentRuntimeName: d.name, ...spec, tags: d.tags, clientToken } as never),
      spec.roleArn,
    );
    const id = returned(created.agentRuntimeId, 'CreateAgentRuntime', 'agentRuntimeId');
    const arn = returned(created.agentRuntimeArn, 'CreateAgentRuntime', 'agentRuntimeArn');
    await ctx.step(address, 'CreateAgentRuntime answered');
    found = { id, arn, detail: await waitReadyOrFailed(input, d, id) };
    outcome = 'created';
  } else {
    if (found.detail.status && SETTLING_RUNTIME.has(found.detail.status)) found.detail = await waitReadyOrFailed(input, d, found.id);
    const detail = found.detail;
    if (detail.status === 'CREATE_FAILED' || detail.status === 'UPDATE_FAILED' || runtimeDifferences(spec, detail).length > 0) {
      await update(input, d, found.id, spec);
      found.detail = await waitReadyOrFailed(input, d, found.id);
      outcome = 'updated';
    }
    if (item.actual?.tags[PROJECT_TAG] !== ctx.plan.project) {
      await sendStep(ctx.aws, of, 'TagResource', ctx.aws.agentcore, new ctx.aws.sdk.TagResourceCommand({ resourceArn: found.arn, tags: d.tags }));
      outcome = 'updated';
    }
  }
  const ready = found.detail;
  if (ready.status !== 'READY') {
    throw new DeployError(`agent ${d.key} is ${ready.status}${ready.failureReason ? `: ${ready.failureReason}` : ' (the service gave no reason)'}`, of.label);
  }
  if (outcome !== 'unchanged') await ctx.step(address, 'READY');
  const { id, arn } = found;
  await ctx.store.update((s) => {
    s.runtimes[d.key] = {
      name: d.name,
      agentRuntimeId: id,
      agentRuntimeArn: arn,
      ...(ready.agentRuntimeVersion ? { agentRuntimeVersion: ready.agentRuntimeVersion } : {}),
      roleArn: role.arn,
      artifact: { bucket, key, sha256 },
    };
    delete s.pending[formatAddress(address)];
  });
  // Older packages stay until the runtime no longer runs them: now. A runtime that already ran
  // this package, as the state recorded it, has had its older ones deleted then.
  if (outcome !== 'unchanged' || previousKey !== key) {
    const old = (await listArtifacts(ctx.aws, bucket, ctx.plan.project, d.key)).filter((k) => k !== key);
    if (old.length > 0) await deleteArtifacts(ctx.aws, bucket, old);
  }
  return outcome;
}

const SETTLING_RUNTIME = new Set(['CREATING', 'UPDATING']);

async function update(input: RuntimeApplyInput, d: DesiredRuntime, agentRuntimeId: string, spec: RuntimeSpec) {
  const { ctx } = input;
  await sendWithRole(input, d, 'UpdateAgentRuntime', new ctx.aws.sdk.UpdateAgentRuntimeCommand({ agentRuntimeId, ...spec } as never), spec.roleArn);
  await ctx.step(runtimeAddress(d.key), 'UpdateAgentRuntime answered');
}

/** A create or update of a runtime, sent again while IAM is still propagating its (new) role. */
function sendWithRole<T>(input: RuntimeApplyInput, d: DesiredRuntime, op: string, command: object, roleArn: string): Promise<T> {
  const { ctx } = input;
  const label = `agent ${d.key}`;
  return whileRolePropagates(
    () => ctx.aws.send<T>(ctx.aws.agentcore, command),
    roleArn,
    { label, op },
    { ...input.rolePropagation, signal: input.signal },
  ).catch((e: unknown) => Promise.reject(callFailed(label, op, e)));
}

async function getRuntime(input: RuntimeApplyInput, agentRuntimeId: string): Promise<GetAgentRuntimeCommandOutput | undefined> {
  const { ctx } = input;
  const got = await sendStep<GetAgentRuntimeCommandOutput>(
    ctx.aws,
    { label: `agent runtime ${agentRuntimeId}` },
    'GetAgentRuntime',
    ctx.aws.agentcore,
    new ctx.aws.sdk.GetAgentRuntimeCommand({ agentRuntimeId }),
    'not-found',
  );
  return got === 'not-found' ? undefined : got;
}

function observe(input: RuntimeApplyInput, agentRuntimeId: string) {
  return async (): Promise<Observed<GetAgentRuntimeCommandOutput>> => {
    const got = await getRuntime(input, agentRuntimeId);
    if (!got) return 'gone';
    return { status: got.status ?? 'UNKNOWN', ...(got.failureReason ? { statusReasons: [got.failureReason] } : {}), detail: got };
  };
}

/** Polls until READY; a runtime that ends CREATE_FAILED / UPDATE_FAILED fails with the service's reason. */
async function waitReadyOrFailed(input: RuntimeApplyInput, d: DesiredRuntime, id: string): Promise<GetAgentRuntimeCommandOutput> {
  const seen = await waitFor(`agent ${d.key}`, 'ready', observe(input, id), { ...input.ctx.poll, signal: input.signal });
  return seen.detail;
}

/** The agent's execution role once it exists: its ARN, and whether making it changed anything. */
interface PreparedRole {
  arn: string;
  changed: boolean;
  /** The role deploy manages and the permissions it had (none for one it just made). */
  managed?: { name: string; found: boolean; policy?: unknown };
}

/**
 * Creates the agent's execution role (or keeps, or adopts, the one the plan found). Its
 * permissions name gateways and credentials of this run, so they are set later, by
 * {@link setRolePermissions}; the role itself needs nothing from them and is made first.
 */
async function runtimeRole(input: RuntimeApplyInput, d: DesiredRuntime, found: ActualRuntimeRole | undefined): Promise<PreparedRole> {
  const { ctx } = input;
  if (!('managed' in d.role)) return { arn: d.role.arn, changed: false };
  const { name, path } = d.role.managed;
  const { iamSdk, iam } = ctx.aws;
  const of = { label: `agent ${d.key} › execution role` };
  const managed = { name, found: !!found, ...(found ? { policy: found.policy } : {}) };
  if (!found) {
    // The account is not known before the first ARN; the trust policy needs it, so it is read from STS.
    const account = await callerAccount(ctx.aws);
    const created = await sendStep<{ Role?: { Arn?: string } }>(
      ctx.aws,
      of,
      'CreateRole',
      iam,
      new iamSdk.CreateRoleCommand({
        RoleName: name,
        Path: path,
        AssumeRolePolicyDocument: JSON.stringify(runtimeTrustPolicy({ partition: partitionOf(ctx.aws.region), region: ctx.aws.region, account })),
        Description: `AgentCore Runtime agent ${d.key} of project ${ctx.plan.project} (managed by agentcore-projen)`,
        Tags: [{ Key: PROJECT_TAG, Value: ctx.plan.project }],
      }),
    );
    const arn = returned(created.Role?.Arn, 'CreateRole', 'Role.Arn');
    await ctx.step(runtimeAddress(d.key), 'execution role created');
    return { arn, changed: true, managed };
  }
  if (found.tags[PROJECT_TAG] === ctx.plan.project) return { arn: found.arn, changed: false, managed };
  // Adopted (`--adopt`): it gets the trust deploy gives its own roles, and the tag shows it is the project's from now on.
  const account = arnParts(found.arn)?.account ?? (await callerAccount(ctx.aws));
  const trust = runtimeTrustPolicy({ partition: partitionOf(ctx.aws.region), region: ctx.aws.region, account });
  await sendStep(
    ctx.aws,
    of,
    'UpdateAssumeRolePolicy',
    iam,
    new iamSdk.UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify(trust) }),
  );
  await sendStep(ctx.aws, of, 'TagRole', iam, new iamSdk.TagRoleCommand({ RoleName: name, Tags: [{ Key: PROJECT_TAG, Value: ctx.plan.project }] }));
  return { arn: found.arn, changed: true, managed };
}

/** Gives a managed execution role exactly what the agent uses (the gateways and credentials exist by now). */
async function setRolePermissions(input: RuntimeApplyInput, d: DesiredRuntime, role: PreparedRole): Promise<{ arn: string; changed: boolean }> {
  const { ctx, config } = input;
  const { arn, managed } = role;
  if (!managed) return { arn, changed: role.changed };
  const of = { label: `agent ${d.key} › execution role` };
  const parts = arnParts(arn);
  if (!parts) throw new DeployError(`${of.label}: unexpected role ARN ${arn}`, of.label);
  const agent = config.runtimes.find((r) => r.name === d.key)!;
  const { policy } = agentRolePolicy(
    agent,
    config,
    { partition: parts.partition, account: parts.account, region: ctx.aws.region, runtimeName: d.name },
    {
      gatewayArn: (g) => ctx.store.state.gateways[g]?.gatewayArn,
      credential: (c) => ctx.refs.credentials.get(c),
    },
  );
  if (managed.found && sameValue(policy, managed.policy)) return { arn, changed: role.changed };
  const { iamSdk, iam } = ctx.aws;
  await sendStep(
    ctx.aws,
    of,
    'PutRolePolicy',
    iam,
    new iamSdk.PutRolePolicyCommand({ RoleName: managed.name, PolicyName: RUNTIME_POLICY_NAME, PolicyDocument: JSON.stringify(policy) }),
  );
  await ctx.step(runtimeAddress(d.key), 'execution role permissions set');
  return { arn, changed: true };
}

/** Deletes a runtime of the project, waits until it is gone, then the execution role deploy made for it and its packages. */
async function removeRuntime(input: RuntimeApplyInput, item: RuntimeItem): Promise<Outcome> {
  const { ctx } = input;
  const of = { label: `agent ${item.agent}` };
  if (item.actual) {
    const id = item.actual.id;
    const gone = await sendStep(
      ctx.aws,
      of,
      'DeleteAgentRuntime',
      ctx.aws.agentcore,
      new ctx.aws.sdk.DeleteAgentRuntimeCommand({ agentRuntimeId: id }),
      'not-found',
    );
    if (gone !== 'not-found') await waitFor(of.label, 'gone', observe(input, id), { ...ctx.poll, signal: input.signal });
    await ctx.step(runtimeAddress(item.agent), 'deleted');
  }
  if (item.roleToDelete) {
    const { iamSdk, iam } = ctx.aws;
    const RoleName = item.roleToDelete;
    await sendStep(ctx.aws, of, 'DeleteRolePolicy', iam, new iamSdk.DeleteRolePolicyCommand({ RoleName, PolicyName: RUNTIME_POLICY_NAME }), 'not-found');
    await sendStep(ctx.aws, of, 'DeleteRole', iam, new iamSdk.DeleteRoleCommand({ RoleName }), 'not-found');
  }
  const bucket = ctx.store.state.artifactBucket;
  if (bucket) await deleteArtifacts(ctx.aws, bucket.name, await listArtifacts(ctx.aws, bucket.name, ctx.plan.project, item.agent));
  await ctx.store.update((s) => {
    delete s.runtimes[item.agent];
  });
  return 'deleted';
}
