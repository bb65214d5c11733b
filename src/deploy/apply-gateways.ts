import type { CreateGatewayCommandOutput, GetGatewayCommandOutput } from '@aws-sdk/client-bedrock-agentcore-control';
import { type ApplyContext, nameTaken, recordIntent } from './apply-context';
import { gatewayChanges, tagChanges } from './compare';
import { callFailed, DeployError, isNotFound } from './errors';
import type { Outcome } from './events';
import type { GatewayItem } from './plan';
import { type Observed, SETTLING, waitFor } from './poll';
import { gatewaySpec } from './requests';

/*
 * Gateways: created with the project tag and a clientToken kept across crashes, updated with a
 * full UpdateGateway, tagged with TagResource, polled until READY. A FAILED gateway is deleted
 * and made again; one still settling is waited for before it is compared.
 */

export async function applyGateway(ctx: ApplyContext, item: GatewayItem, signal: AbortSignal): Promise<{ outcome: Outcome; status?: string }> {
  const d = item.desired!;
  const { sdk } = ctx.aws;
  const fail = (op: string, e: unknown) => callFailed(item.label, op, e);
  let detail: GetGatewayCommandOutput | undefined = item.actual?.detail;
  let outcome: Outcome = 'unchanged';

  if (detail && item.action === 'replace') {
    await removeGateway(ctx, item.id, item.label, detail.gatewayId!, detail.status!, signal);
    detail = undefined;
    outcome = 'replaced';
  } else if (detail?.status === 'DELETING') {
    await waitGone(ctx, item.id, item.label, detail.gatewayId!, signal);
    detail = undefined;
  } else if (detail && SETTLING.has(detail.status!)) {
    detail = await waitReady(ctx, item.id, item.label, detail.gatewayId!, signal);
  }

  const roleArn = 'managed' in d.role ? ctx.refs.roles.get(d.key) : d.role.arn;
  if (!roleArn) throw new DeployError(`${item.label}: its role has no ARN yet`, item.label);
  const spec = gatewaySpec(d, roleArn);

  if (!detail) {
    const request = { name: d.name, ...spec, tags: d.tags };
    const clientToken = await recordIntent(ctx, item.id, request);
    let created: CreateGatewayCommandOutput;
    try {
      created = await ctx.aws.send(ctx.aws.agentcore, new sdk.CreateGatewayCommand({ ...request, clientToken } as never));
    } catch (e) {
      // Another gateway has the name (made since the plan, or not listed yet): never ours, as
      // the service answers a create sent again with our token with the gateway it made.
      if ((e as Error)?.name === 'ConflictException') throw new DeployError(await nameTaken(ctx, item.id, 'gateway', item.label, d.name), item.label);
      throw fail('CreateGateway', e);
    }
    await ctx.step(item.id, 'CreateGateway answered');
    await record(ctx, item, created as GetGatewayCommandOutput, true);
    detail = await waitReady(ctx, item.id, item.label, created.gatewayId!, signal);
    if (outcome === 'unchanged') outcome = 'created';
  } else {
    const actual = { ...item.actual!, detail };
    const changed = gatewayChanges(spec, actual).length > 0 || detail.status === 'UPDATE_UNSUCCESSFUL';
    if (changed) {
      try {
        await ctx.aws.send(ctx.aws.agentcore, new sdk.UpdateGatewayCommand({ gatewayIdentifier: detail.gatewayId, name: d.name, ...spec } as never));
      } catch (e) {
        throw fail('UpdateGateway', e);
      }
      await ctx.step(item.id, 'UpdateGateway answered');
      detail = await waitReady(ctx, item.id, item.label, detail.gatewayId!, signal);
      outcome = 'updated';
    }
    const tags = tagChanges(d.tags, item.actual!.tags);
    if (Object.keys(tags.set).length > 0) {
      try {
        await ctx.aws.send(ctx.aws.agentcore, new sdk.TagResourceCommand({ resourceArn: detail.gatewayArn, tags: tags.set }));
      } catch (e) {
        throw fail('TagResource', e);
      }
      await ctx.step(item.id, 'tagged');
      outcome = outcome === 'unchanged' ? 'updated' : outcome;
    }
    if (tags.remove.length > 0) {
      try {
        await ctx.aws.send(ctx.aws.agentcore, new sdk.UntagResourceCommand({ resourceArn: detail.gatewayArn, tagKeys: tags.remove }));
      } catch (e) {
        throw fail('UntagResource', e);
      }
      await ctx.step(item.id, 'untagged');
      outcome = outcome === 'unchanged' ? 'updated' : outcome;
    }
  }
  ctx.refs.gateways.set(d.key, detail.gatewayId!);
  await record(ctx, item, detail, false);
  return { outcome, status: detail.status };
}

/** Writes the gateway's ids and URL to the state (and drops a pending create). */
async function record(ctx: ApplyContext, item: GatewayItem, detail: GetGatewayCommandOutput, created: boolean) {
  const d = item.desired!;
  await ctx.store.update((s) => {
    if (created) delete s.pending[item.id];
    const previous = s.gateways[d.key];
    s.gateways[d.key] = {
      name: d.name,
      gatewayId: detail.gatewayId!,
      gatewayArn: detail.gatewayArn!,
      ...(detail.gatewayUrl ? { gatewayUrl: detail.gatewayUrl } : {}),
      authorizerType: d.config.authorizerType,
      roleArn: detail.roleArn ?? '',
      env: { [d.config.env.url]: detail.gatewayUrl ?? '', [d.config.env.authType]: d.config.authorizerType },
      targets: previous?.gatewayId === detail.gatewayId ? previous.targets : {},
    };
  });
}

export async function deleteGateway(ctx: ApplyContext, item: GatewayItem, signal: AbortSignal): Promise<Outcome> {
  await removeGateway(ctx, item.id, item.label, item.actual!.id, item.actual!.status, signal);
  await ctx.store.update((s) => {
    for (const [key, g] of Object.entries(s.gateways)) if (g.gatewayId === item.actual!.id) delete s.gateways[key];
  });
  return 'deleted';
}

/**
 * DeleteGateway (its targets are gone by then), then wait until it is gone. A gateway still
 * being created or updated is waited for first; one already being deleted is only waited for.
 */
async function removeGateway(ctx: ApplyContext, id: string, label: string, gatewayId: string, status: string, signal: AbortSignal) {
  const { sdk } = ctx.aws;
  if (SETTLING.has(status)) {
    if ((await waitFor(label, 'settled', observeGateway(ctx, gatewayId, {}), { ...ctx.poll, signal })) === 'gone') return;
  }
  if (status !== 'DELETING') {
    try {
      await ctx.aws.send(ctx.aws.agentcore, new sdk.DeleteGatewayCommand({ gatewayIdentifier: gatewayId }));
    } catch (e) {
      if (isNotFound(e)) return;
      throw callFailed(label, 'DeleteGateway', e);
    }
    await ctx.step(id, 'DeleteGateway answered');
  }
  await waitGone(ctx, id, label, gatewayId, signal);
}

function observeGateway(ctx: ApplyContext, gatewayId: string, last: { detail?: GetGatewayCommandOutput }) {
  return async (): Promise<Observed> => {
    try {
      const detail = await ctx.aws.send<GetGatewayCommandOutput>(ctx.aws.agentcore, new ctx.aws.sdk.GetGatewayCommand({ gatewayIdentifier: gatewayId }));
      last.detail = detail;
      return { status: detail.status!, ...(detail.statusReasons ? { statusReasons: detail.statusReasons } : {}) };
    } catch (e) {
      if (isNotFound(e)) return 'gone';
      throw e;
    }
  };
}

async function waitReady(ctx: ApplyContext, id: string, label: string, gatewayId: string, signal: AbortSignal): Promise<GetGatewayCommandOutput> {
  const last: { detail?: GetGatewayCommandOutput } = {};
  await waitFor(label, 'ready', observeGateway(ctx, gatewayId, last), { ...ctx.poll, signal });
  await ctx.step(id, 'READY');
  return last.detail!;
}

async function waitGone(ctx: ApplyContext, id: string, label: string, gatewayId: string, signal: AbortSignal) {
  await waitFor(label, 'gone', observeGateway(ctx, gatewayId, {}), { ...ctx.poll, signal });
  await ctx.step(id, 'gone');
}
