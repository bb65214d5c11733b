import * as fs from 'node:fs';
import type { GetAgentRuntimeCommandOutput, ListAgentRuntimesCommandOutput, ListTagsForResourceCommandOutput } from '@aws-sdk/client-bedrock-agentcore-control';
import type { ProjectConfig } from '../model/config';
import type { McpServerPackage } from '../package';
import type { ServerAddress } from './address';
import { type ApplyContext, recordIntent } from './apply-context';
import { deleteArtifacts, ensureArtifactBucket, listArtifacts, uploadArtifact } from './artifact-bucket';
import { artifactKey } from './artifact-names';
import { sameValue } from './compare';
import type { DesiredServer } from './desired-servers';
import { DeployError, returned } from './errors';
import type { Outcome } from './events';
import { PROJECT_TAG } from './names';
import { type Observed, SETTLING, waitFor } from './poll';
import { sendStep } from './send-step';

/*
 * A managed MCP server on AgentCore Runtime: an agent runtime that speaks MCP (`serverProtocol:
 * MCP`), its code zip in the project's artifact bucket (keyed by hash: unchanged code uploads
 * nothing, and an unchanged runtime is not updated). The intent is recorded before the create and
 * the runtime is looked up by name before one is made, so a stopped deploy converges.
 */

/** Folder of the servers' packages in the bucket; agent names take no `-`, so no agent's folder is this one. */
const PACKAGES = 'mcp-servers';
const packageFolder = (d: { key: string }) => `${PACKAGES}/${d.key}`;

export interface RuntimeServerInput {
  ctx: ApplyContext;
  /** The project's config (names the artifact bucket). */
  config: ProjectConfig;
  d: DesiredServer;
  address: ServerAddress;
  label: string;
  pkg: McpServerPackage;
  roleArn: string;
  signal: AbortSignal;
}

export async function applyRuntimeServer(input: RuntimeServerInput): Promise<{ outcome: Outcome; arn: string; id: string }> {
  const { ctx, d, pkg, address } = input;
  const { sdk, agentcore } = ctx.aws;
  const of = { label: input.label };
  const bucket = await ensureArtifactBucket(ctx.aws, ctx.store, input.config);
  const key = artifactKey(ctx.plan.project, packageFolder(d), pkg.sha256);
  let outcome: Outcome = 'unchanged';
  if (await uploadArtifact(ctx.aws, bucket, key, () => fs.promises.readFile(pkg.zipFile), pkg.sha256)) await ctx.step(address, 'package uploaded');
  const spec = {
    agentRuntimeArtifact: { codeConfiguration: { code: { s3: { bucket, prefix: key } }, runtime: pkg.runtime, entryPoint: [pkg.entry] } },
    roleArn: input.roleArn,
    networkConfiguration: { networkMode: 'PUBLIC' },
    protocolConfiguration: { serverProtocol: 'MCP' },
  };

  let found = await findRuntime(input);
  if (!found) {
    const clientToken = await recordIntent(ctx, address, { name: d.name, ...spec });
    const created = await sendStep<{ agentRuntimeId?: string; agentRuntimeArn?: string }>(
      ctx.aws,
      of,
      'CreateAgentRuntime',
      agentcore,
      new sdk.CreateAgentRuntimeCommand({ agentRuntimeName: d.name, ...spec, tags: d.tags, clientToken } as never),
    );
    found = {
      id: returned(created.agentRuntimeId, 'CreateAgentRuntime', 'agentRuntimeId'),
      arn: returned(created.agentRuntimeArn, 'CreateAgentRuntime', 'agentRuntimeArn'),
    };
    await ctx.step(address, 'CreateAgentRuntime answered');
    await waitReady(input, found.id);
    outcome = 'created';
  } else {
    let detail = found.detail ?? (await getRuntime(input, found.id));
    if (SETTLING.has(detail.status ?? '')) detail = await waitReady(input, found.id, true);
    if (detail.status === 'CREATE_FAILED' || detail.status === 'UPDATE_FAILED' || differs(spec, detail)) {
      await sendStep(ctx.aws, of, 'UpdateAgentRuntime', agentcore, new sdk.UpdateAgentRuntimeCommand({ agentRuntimeId: found.id, ...spec } as never));
      await ctx.step(address, 'UpdateAgentRuntime answered');
      await waitReady(input, found.id);
      outcome = 'updated';
    }
  }
  // Older packages stay until the runtime no longer runs them: now.
  const old = (await listArtifacts(ctx.aws, bucket, ctx.plan.project, packageFolder(d))).filter((k) => k !== key);
  if (old.length > 0) await deleteArtifacts(ctx.aws, bucket, old);
  return { outcome, arn: found.arn, id: found.id };
}

/** Deletes the runtime and waits until it is gone, then its packages. */
export async function deleteRuntimeServer(ctx: ApplyContext, key: string, agentRuntimeId: string, label: string, signal: AbortSignal): Promise<void> {
  const input = { ctx, label, signal };
  const command = new ctx.aws.sdk.DeleteAgentRuntimeCommand({ agentRuntimeId });
  if ((await sendStep(ctx.aws, { label }, 'DeleteAgentRuntime', ctx.aws.agentcore, command, 'not-found')) !== 'not-found') {
    await waitFor(label, 'gone', observe(input, agentRuntimeId), { ...ctx.poll, signal });
  }
  const bucket = ctx.store.state.artifactBucket;
  if (bucket) await deleteArtifacts(ctx.aws, bucket.name, await listArtifacts(ctx.aws, bucket.name, ctx.plan.project, packageFolder({ key })));
}

/** What an update would change. */
function differs(spec: Record<string, unknown>, a: GetAgentRuntimeCommandOutput): boolean {
  const code = a.agentRuntimeArtifact?.codeConfiguration;
  const held = {
    agentRuntimeArtifact: {
      codeConfiguration: {
        code: { s3: { bucket: code?.code?.s3?.bucket, prefix: code?.code?.s3?.prefix } },
        runtime: code?.runtime,
        entryPoint: code?.entryPoint,
      },
    },
    roleArn: a.roleArn,
    networkConfiguration: { networkMode: a.networkConfiguration?.networkMode },
    protocolConfiguration: { serverProtocol: a.protocolConfiguration?.serverProtocol },
  };
  return !sameValue(spec, held);
}

interface FoundRuntime {
  id: string;
  arn: string;
  detail?: GetAgentRuntimeCommandOutput;
}

/** The project's runtime of this name: by the id the state recorded, else by name when an intent or the tag shows it is ours. */
async function findRuntime(input: RuntimeServerInput): Promise<FoundRuntime | undefined> {
  const { ctx, d } = input;
  const recorded = ctx.store.state.servers[d.key];
  if (recorded?.agentRuntimeId) {
    const detail = await getRuntime(input, recorded.agentRuntimeId, true);
    if (detail) return { id: recorded.agentRuntimeId, arn: recorded.arn, detail };
  }
  const of = { label: input.label };
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
      if (!ctx.ownership.intended(input.address)) {
        const tags = await sendStep<ListTagsForResourceCommandOutput>(
          ctx.aws,
          of,
          'ListTagsForResource',
          ctx.aws.agentcore,
          new ctx.aws.sdk.ListTagsForResourceCommand({ resourceArn: hit.agentRuntimeArn }),
        );
        if (tags.tags?.[PROJECT_TAG] !== ctx.plan.project) {
          throw new DeployError(
            `${input.label}: an agent runtime named "${d.name}" already exists in ${ctx.plan.region} and nothing shows this project made it ` +
              `(it is not recorded in agentcore/deployed-state.json or tagged ${PROJECT_TAG}=${ctx.plan.project}), so it was left alone. ` +
              'Rename the target in .projenrc.ts (or the project), or delete that runtime if it is not used',
            input.label,
          );
        }
      }
      return { id: hit.agentRuntimeId, arn: hit.agentRuntimeArn };
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

type Subject = { ctx: ApplyContext; label: string; signal: AbortSignal };

async function getRuntime(input: Subject, agentRuntimeId: string): Promise<GetAgentRuntimeCommandOutput>;
async function getRuntime(input: Subject, agentRuntimeId: string, mayBeGone: true): Promise<GetAgentRuntimeCommandOutput | undefined>;
async function getRuntime(input: Subject, agentRuntimeId: string, mayBeGone = false): Promise<GetAgentRuntimeCommandOutput | undefined> {
  const { ctx } = input;
  const command = new ctx.aws.sdk.GetAgentRuntimeCommand({ agentRuntimeId });
  const got = await sendStep<GetAgentRuntimeCommandOutput>(ctx.aws, { label: input.label }, 'GetAgentRuntime', ctx.aws.agentcore, command, 'not-found');
  if (got === 'not-found') {
    if (mayBeGone) return undefined;
    throw new DeployError(`${input.label}: agent runtime ${agentRuntimeId} disappeared; run deploy again`, input.label);
  }
  return got;
}

function observe(input: Subject, agentRuntimeId: string) {
  return async (): Promise<Observed<GetAgentRuntimeCommandOutput>> => {
    const got = await getRuntime(input, agentRuntimeId, true);
    if (!got) return 'gone';
    return { status: got.status ?? 'UNKNOWN', ...(got.failureReason ? { statusReasons: [got.failureReason] } : {}), detail: got };
  };
}

/** Waits until READY; `settleOnly` also accepts a failed status (an update follows it). */
async function waitReady(input: Subject, id: string, settleOnly = false): Promise<GetAgentRuntimeCommandOutput> {
  if (settleOnly) {
    const seen = await waitFor(input.label, 'settled', observe(input, id), { ...input.ctx.poll, signal: input.signal });
    if (seen === 'gone') throw new DeployError(`${input.label}: agent runtime ${id} disappeared; run deploy again`, input.label);
    return seen.detail;
  }
  return (await waitFor(input.label, 'ready', observe(input, id), { ...input.ctx.poll, signal: input.signal })).detail;
}
