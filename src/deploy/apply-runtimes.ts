import * as fs from 'node:fs';
import type { GetAgentRuntimeCommandOutput, ListAgentRuntimesCommandOutput, ListTagsForResourceCommandOutput } from '@aws-sdk/client-bedrock-agentcore-control';
import type { GetRoleCommandOutput, GetRolePolicyCommandOutput } from '@aws-sdk/client-iam';
import type { ProjectConfig } from '../model/config';
import { packageAgent } from '../package';
import { formatAddress, runtimeAddress } from './address';
import { type ApplyContext, recordIntent } from './apply-context';
import { callerAccount, deleteArtifactBucket, deleteArtifacts, ensureArtifactBucket, listArtifacts, uploadArtifact } from './artifact-bucket';
import { artifactKey } from './artifact-names';
import { limiter } from './clients';
import { parsePolicy, roleTags } from './actual';
import { DeployError, returned } from './errors';
import type { Outcome } from './events';
import type { DesiredRuntime } from './desired-runtimes';
import { PROJECT_TAG } from './names';
import { waitFor, type Observed } from './poll';
import { arnParts } from './requests';
import { agentNeeds, runtimeRolePolicy, runtimeTrustPolicy } from './runtime-role';
import { sendStep } from './send-step';

/*
 * Agents on AgentCore Runtime, applied after the gateway graph (their environment carries the
 * gateways' URLs, so gateways come first): package → upload (skipped when the hash is there) →
 * execution role → CreateAgentRuntime / UpdateAgentRuntime → poll to READY. The intent is recorded
 * before a create, and a runtime is looked up by name before one is made, so a deploy stopped at
 * any point converges on the next run. Destroy removes runtimes, roles, packages and the bucket
 * deploy created, in that order.
 */

/** Name of the inline policy of an execution role. */
const RUNTIME_POLICY_NAME = 'agent-runtime';

interface FoundRuntime {
  id: string;
  arn: string;
  detail?: GetAgentRuntimeCommandOutput;
}

export interface RuntimeApplyInput {
  ctx: ApplyContext;
  config: ProjectConfig;
  projectDir: string;
  runtimes: DesiredRuntime[];
  signal: AbortSignal;
  /** The uv binary the packager runs. */
  uv?: string;
}

/** Deploys every desired runtime, then removes the runtimes the model no longer deploys. */
export async function applyRuntimes(input: RuntimeApplyInput): Promise<Map<string, Outcome>> {
  const { ctx, runtimes } = input;
  const outcomes = new Map<string, Outcome>();
  const wanted = new Set(runtimes.map((r) => r.key));
  const leaving = Object.keys(ctx.store.state.runtimes).filter((k) => !wanted.has(k));
  if (runtimes.length === 0 && leaving.length === 0) return outcomes;
  if (runtimes.length > 0) {
    const bucket = await ensureArtifactBucket(ctx.aws, ctx.store, ctx.plan.project);
    // Agents deploy side by side: each spends most of its time waiting for READY. Packaging and the
    // upload run one at a time: packaging is CPU work, the first fills the dependency cache the
    // others then reuse, and an upload is held in memory while it is sent (they share the bandwidth anyway).
    const packAndUpload = limiter(1);
    const deployed = await Promise.allSettled(
      runtimes.map(async (r) => {
        const started = Date.now();
        const label = `agent ${r.key}`;
        try {
          const outcome = await deployRuntime(input, r, bucket, packAndUpload);
          outcomes.set(formatAddress(runtimeAddress(r.key)), outcome);
          if (outcome !== 'unchanged')
            ctx.emit({
              type: 'done',
              id: formatAddress(runtimeAddress(r.key)),
              kind: 'runtime',
              label,
              outcome,
              status: 'READY',
              elapsedMs: Date.now() - started,
            });
        } catch (e) {
          ctx.emit({
            type: 'failed',
            id: formatAddress(runtimeAddress(r.key)),
            kind: 'runtime',
            label,
            action: ctx.store.state.runtimes[r.key] ? 'update' : 'create',
            message: (e as Error).message,
            elapsedMs: Date.now() - started,
          });
          throw e;
        }
      }),
    );
    const failed = deployed.find((d) => d.status === 'rejected');
    if (failed) throw failed.reason;
  }
  for (const key of leaving) outcomes.set(formatAddress(runtimeAddress(key)), await removeRuntime(input, key));
  return outcomes;
}

/** Destroy: every runtime the project made, their roles and packages, and the bucket deploy created. */
export async function destroyRuntimes(input: RuntimeApplyInput): Promise<Map<string, Outcome>> {
  const { ctx } = input;
  const outcomes = new Map<string, Outcome>();
  for (const key of Object.keys(ctx.store.state.runtimes)) outcomes.set(formatAddress(runtimeAddress(key)), await removeRuntime(input, key));
  const bucket = ctx.store.state.artifactBucket;
  if (bucket) {
    await deleteArtifacts(ctx.aws, bucket.name, await listArtifacts(ctx.aws, bucket.name, ctx.plan.project));
    await deleteArtifactBucket(ctx.aws, ctx.store);
  }
  return outcomes;
}

async function deployRuntime(input: RuntimeApplyInput, d: DesiredRuntime, bucket: string, packAndUpload: ReturnType<typeof limiter>): Promise<Outcome> {
  const { ctx } = input;
  const address = runtimeAddress(d.key);
  const of = { label: `agent ${d.key}` };
  const { pkg, key } = await packAndUpload(async () => {
    const pkg = await packageAgent({ projectDir: input.projectDir, agent: d.key, runtime: d.pythonRuntime, ...(input.uv ? { uv: input.uv } : {}) });
    const key = artifactKey(ctx.plan.project, d.key, pkg.sha256);
    if (await uploadArtifact(ctx.aws, bucket, key, await fs.promises.readFile(pkg.zipFile), pkg.sha256)) await ctx.step(address, 'package uploaded');
    return { pkg, key };
  });

  const roleArn = 'arn' in d.role ? d.role.arn : await ensureRuntimeRole(input, d);
  const spec = {
    agentRuntimeArtifact: { codeConfiguration: { code: { s3: { bucket, prefix: key } }, runtime: d.pythonRuntime, entryPoint: [d.config.entrypoint] } },
    roleArn,
    networkConfiguration: { networkMode: d.networkMode },
    protocolConfiguration: { serverProtocol: d.serverProtocol },
    environmentVariables: runtimeEnv(ctx, input.config),
    ...(d.config.description ? { description: d.config.description } : {}),
  };

  let found = await findRuntime(input, d);
  let outcome: Outcome = 'unchanged';
  if (!found) {
    const clientToken = await recordIntent(ctx, address, { name: d.name, ...spec });
    const created = await sendStep<{ agentRuntimeId?: string; agentRuntimeArn?: string }>(
      ctx.aws,
      of,
      'CreateAgentRuntime',
      ctx.aws.agentcore,
      new ctx.aws.sdk.CreateAgentRuntimeCommand({ agentRuntimeName: d.name, ...spec, tags: d.tags, clientToken } as never),
    );
    found = {
      id: returned(created.agentRuntimeId, 'CreateAgentRuntime', 'agentRuntimeId'),
      arn: returned(created.agentRuntimeArn, 'CreateAgentRuntime', 'agentRuntimeArn'),
    };
    await ctx.step(address, 'CreateAgentRuntime answered');
    outcome = 'created';
  } else {
    const detail = found.detail ?? (await getRuntime(input, found.id));
    if (detail.status === 'CREATING' || detail.status === 'UPDATING') await waitReady(input, d, found.id);
    if (detail.status === 'CREATE_FAILED' || detail.status === 'UPDATE_FAILED' || differs(spec, detail)) {
      await sendStep(
        ctx.aws,
        of,
        'UpdateAgentRuntime',
        ctx.aws.agentcore,
        new ctx.aws.sdk.UpdateAgentRuntimeCommand({ agentRuntimeId: found.id, ...spec } as never),
      );
      await ctx.step(address, 'UpdateAgentRuntime answered');
      outcome = 'updated';
    }
  }
  const ready = outcome === 'unchanged' ? (found.detail ?? (await getRuntime(input, found.id))) : await waitReady(input, d, found.id);
  if (outcome !== 'unchanged') await ctx.step(address, 'READY');
  const id = found.id;
  const arn = found.arn;
  await ctx.store.update((s) => {
    s.runtimes[d.key] = {
      name: d.name,
      agentRuntimeId: id,
      agentRuntimeArn: arn,
      ...(ready.agentRuntimeVersion ? { agentRuntimeVersion: ready.agentRuntimeVersion } : {}),
      roleArn,
      artifact: { bucket, key, sha256: pkg.sha256 },
    };
    delete s.pending[formatAddress(address)];
  });
  // Older packages stay until the runtime no longer runs them: now.
  const old = (await listArtifacts(ctx.aws, bucket, ctx.plan.project, d.key)).filter((k) => k !== key);
  if (old.length > 0) await deleteArtifacts(ctx.aws, bucket, old);
  return outcome;
}

/** `AGENTCORE_GATEWAY_<NAME>_URL` / `_AUTH_TYPE` of every gateway deployed (the state holds their URLs by now). */
function runtimeEnv(ctx: ApplyContext, config: ProjectConfig): Record<string, string> {
  const env: Record<string, string> = {};
  for (const g of config.agentCoreGateways) {
    const url = ctx.store.state.gateways[g.name]?.gatewayUrl;
    if (!url) continue;
    env[g.env.url] = url;
    env[g.env.authType] = g.authorizerType;
  }
  return env;
}

/** Whether the runtime differs from what the model wants (what Update would change). */
function differs(
  spec: {
    agentRuntimeArtifact: unknown;
    roleArn: string;
    networkConfiguration: unknown;
    protocolConfiguration: unknown;
    environmentVariables: Record<string, string>;
  },
  a: GetAgentRuntimeCommandOutput,
): boolean {
  const code = a.agentRuntimeArtifact?.codeConfiguration;
  const want = (spec.agentRuntimeArtifact as { codeConfiguration: { code: { s3: { bucket: string; prefix: string } }; runtime: string; entryPoint: string[] } })
    .codeConfiguration;
  return (
    code?.code?.s3?.bucket !== want.code.s3.bucket ||
    code?.code?.s3?.prefix !== want.code.s3.prefix ||
    code?.runtime !== want.runtime ||
    JSON.stringify(code?.entryPoint) !== JSON.stringify(want.entryPoint) ||
    a.roleArn !== spec.roleArn ||
    a.networkConfiguration?.networkMode !== (spec.networkConfiguration as { networkMode: string }).networkMode ||
    (a.protocolConfiguration?.serverProtocol ?? 'HTTP') !== (spec.protocolConfiguration as { serverProtocol: string }).serverProtocol ||
    JSON.stringify(sorted(a.environmentVariables ?? {})) !== JSON.stringify(sorted(spec.environmentVariables))
  );
}

const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));

/** The project's runtime of this name: by the id the state recorded, else by name when the state, an intent or the tag shows it is ours. */
async function findRuntime(input: RuntimeApplyInput, d: DesiredRuntime): Promise<FoundRuntime | undefined> {
  const { ctx } = input;
  const recorded = ctx.store.state.runtimes[d.key];
  if (recorded) {
    const detail = await getRuntime(input, recorded.agentRuntimeId, true);
    if (detail) return { id: recorded.agentRuntimeId, arn: recorded.agentRuntimeArn, detail };
  }
  const of = { label: `agent ${d.key}` };
  let nextToken: string | undefined;
  do {
    const page = await sendStep<ListAgentRuntimesCommandOutput>(
      ctx.aws,
      of,
      'ListAgentRuntimes',
      ctx.aws.agentcore,
      new ctx.aws.sdk.ListAgentRuntimesCommand({ ...(nextToken ? { nextToken } : {}) }),
    );
    const hit = page.agentRuntimes?.find((r) => r.agentRuntimeName === d.name);
    if (hit?.agentRuntimeId && hit.agentRuntimeArn) {
      const arn = hit.agentRuntimeArn;
      if (!ctx.ownership.intended(runtimeAddress(d.key))) {
        const tags = await sendStep<ListTagsForResourceCommandOutput>(
          ctx.aws,
          of,
          'ListTagsForResource',
          ctx.aws.agentcore,
          new ctx.aws.sdk.ListTagsForResourceCommand({ resourceArn: arn }),
        );
        if (tags.tags?.[PROJECT_TAG] !== ctx.plan.project) {
          throw new DeployError(
            `agent ${d.key}: an agent runtime named "${d.name}" already exists in ${ctx.plan.region} and nothing shows this project made it ` +
              `(it is not recorded in agentcore/deployed-state.json or tagged ${PROJECT_TAG}=${ctx.plan.project}), so it was left alone. ` +
              'To deploy beside it, rename the agent in .projenrc.ts (or the project); or set `deploy: false` on the agent',
            of.label,
          );
        }
      }
      return { id: hit.agentRuntimeId, arn };
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

async function getRuntime(input: RuntimeApplyInput, agentRuntimeId: string): Promise<GetAgentRuntimeCommandOutput>;
async function getRuntime(input: RuntimeApplyInput, agentRuntimeId: string, mayBeGone: true): Promise<GetAgentRuntimeCommandOutput | undefined>;
async function getRuntime(input: RuntimeApplyInput, agentRuntimeId: string, mayBeGone = false): Promise<GetAgentRuntimeCommandOutput | undefined> {
  const { ctx } = input;
  const got = await sendStep<GetAgentRuntimeCommandOutput>(
    ctx.aws,
    { label: `agent runtime ${agentRuntimeId}` },
    'GetAgentRuntime',
    ctx.aws.agentcore,
    new ctx.aws.sdk.GetAgentRuntimeCommand({ agentRuntimeId }),
    'not-found',
  );
  if (got === 'not-found') {
    if (mayBeGone) return undefined;
    throw new DeployError(`agent runtime ${agentRuntimeId} disappeared; run deploy again`);
  }
  return got;
}

function observe(input: RuntimeApplyInput, agentRuntimeId: string) {
  return async (): Promise<Observed<GetAgentRuntimeCommandOutput>> => {
    const got = await getRuntime(input, agentRuntimeId, true);
    if (!got) return 'gone';
    return { status: got.status ?? 'UNKNOWN', ...(got.failureReason ? { statusReasons: [got.failureReason] } : {}), detail: got };
  };
}

async function waitReady(input: RuntimeApplyInput, d: DesiredRuntime, id: string): Promise<GetAgentRuntimeCommandOutput> {
  const seen = await waitFor(`agent ${d.key}`, 'ready', observe(input, id), { ...input.ctx.poll, signal: input.signal });
  return seen.detail;
}

/** Creates (or takes over) the agent's execution role and gives it exactly what the agent uses. */
async function ensureRuntimeRole(input: RuntimeApplyInput, d: DesiredRuntime): Promise<string> {
  const { ctx, config } = input;
  if (!('managed' in d.role)) return d.role.arn;
  const { name, path } = d.role.managed;
  const { iamSdk, iam } = ctx.aws;
  const of = { label: `agent ${d.key} › execution role` };
  const existing = await sendStep<GetRoleCommandOutput>(ctx.aws, of, 'GetRole', iam, new iamSdk.GetRoleCommand({ RoleName: name }), 'not-found');
  let arn: string;
  let account: string;
  let partition: string;
  if (existing === 'not-found') {
    // The account is not known before the first ARN; the trust policy needs it, so it is read from STS.
    account = await callerAccount(ctx.aws);
    partition = ctx.aws.region.startsWith('cn-') ? 'aws-cn' : ctx.aws.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
    const created = await sendStep<{ Role?: { Arn?: string } }>(
      ctx.aws,
      of,
      'CreateRole',
      iam,
      new iamSdk.CreateRoleCommand({
        RoleName: name,
        Path: path,
        AssumeRolePolicyDocument: JSON.stringify(runtimeTrustPolicy({ partition, region: ctx.aws.region, account })),
        Description: `AgentCore Runtime agent ${d.key} of project ${ctx.plan.project} (managed by agentcore-projen)`,
        Tags: [{ Key: PROJECT_TAG, Value: ctx.plan.project }],
      }),
    );
    arn = returned(created.Role?.Arn, 'CreateRole', 'Role.Arn');
    await ctx.step(runtimeAddress(d.key), 'execution role created');
  } else {
    const role = returned(existing.Role, 'GetRole', 'Role');
    arn = returned(role.Arn, 'GetRole', 'Role.Arn');
    const ours = Object.values(ctx.store.state.runtimes).some((r) => r.roleArn === arn) || roleTags(role.Tags)[PROJECT_TAG] === ctx.plan.project;
    if (!ours) {
      throw new DeployError(
        `${of.label}: a role named "${name}" already exists and nothing shows this project made it (it is not recorded in agentcore/deployed-state.json or tagged ${PROJECT_TAG}=${ctx.plan.project}), so it was left alone. ` +
          'Rename the agent in .projenrc.ts, or give it an `executionRoleArn`',
        of.label,
      );
    }
    const parts = arnParts(arn);
    if (!parts) throw new DeployError(`${of.label}: unexpected role ARN ${arn}`, of.label);
    ({ account, partition } = parts);
  }
  const runtime = config.runtimes.find((r) => r.name === d.key)!;
  const needs = agentNeeds(runtime, config);
  const policy = runtimeRolePolicy({
    partition,
    region: ctx.aws.region,
    account,
    runtimeName: d.name,
    needs,
    gatewayArns: needs.iamGateways.flatMap((g) => {
      const s = ctx.store.state.gateways[g];
      return s ? [s.gatewayArn] : [];
    }),
    credentials: needs.credentials.flatMap((c) => {
      const ref = ctx.refs.credentials.get(c);
      if (ref) return [ref];
      const s = ctx.store.state.credentials[c];
      return s ? [{ credentialProviderArn: s.credentialProviderArn, type: s.type }] : [];
    }),
  });
  const current =
    existing === 'not-found'
      ? undefined
      : await sendStep<GetRolePolicyCommandOutput>(
          ctx.aws,
          of,
          'GetRolePolicy',
          iam,
          new iamSdk.GetRolePolicyCommand({ RoleName: name, PolicyName: RUNTIME_POLICY_NAME }),
          'not-found',
        );
  const held = current && current !== 'not-found' ? parsePolicy(current.PolicyDocument) : undefined;
  if (JSON.stringify(held) !== JSON.stringify(policy)) {
    await sendStep(
      ctx.aws,
      of,
      'PutRolePolicy',
      iam,
      new iamSdk.PutRolePolicyCommand({ RoleName: name, PolicyName: RUNTIME_POLICY_NAME, PolicyDocument: JSON.stringify(policy) }),
    );
    await ctx.step(runtimeAddress(d.key), 'execution role permissions set');
  }
  return arn;
}

/** Deletes a runtime the state records, waits until it is gone, then its managed role. */
async function removeRuntime(input: RuntimeApplyInput, key: string): Promise<Outcome> {
  const { ctx } = input;
  const rec = ctx.store.state.runtimes[key];
  if (!rec) return 'unchanged';
  const of = { label: `agent ${key}` };
  const gone = await sendStep(
    ctx.aws,
    of,
    'DeleteAgentRuntime',
    ctx.aws.agentcore,
    new ctx.aws.sdk.DeleteAgentRuntimeCommand({ agentRuntimeId: rec.agentRuntimeId }),
    'not-found',
  );
  if (gone !== 'not-found') await waitFor(of.label, 'gone', observe(input, rec.agentRuntimeId), { ...ctx.poll, signal: input.signal });
  await ctx.step(runtimeAddress(key), 'deleted');
  // A role under the project's path is one deploy made; a role the model gave is left alone.
  const roleName = rec.roleArn.includes(`:role/agentcore-projen/${ctx.plan.project}/`) ? rec.roleArn.split('/').pop() : undefined;
  if (roleName) {
    const { iamSdk, iam } = ctx.aws;
    await sendStep(
      ctx.aws,
      of,
      'DeleteRolePolicy',
      iam,
      new iamSdk.DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: RUNTIME_POLICY_NAME }),
      'not-found',
    );
    await sendStep(ctx.aws, of, 'DeleteRole', iam, new iamSdk.DeleteRoleCommand({ RoleName: roleName }), 'not-found');
  }
  const bucket = ctx.store.state.artifactBucket;
  if (bucket) await deleteArtifacts(ctx.aws, bucket.name, await listArtifacts(ctx.aws, bucket.name, ctx.plan.project, key));
  await ctx.store.update((s) => {
    delete s.runtimes[key];
  });
  return 'deleted';
}
