import type { CreateGatewayTargetCommandOutput, GetGatewayTargetCommandOutput } from '@aws-sdk/client-bedrock-agentcore-control';
import { type ApplyContext, nameTaken, recordIntent } from './apply-context';
import { targetChanges } from './compare';
import { callFailed, DeployError, isNotFound } from './errors';
import type { Outcome } from './events';
import type { TargetItem } from './plan';
import { type Observed, SETTLING, waitFor } from './poll';
import { targetSpec } from './requests';

/*
 * Gateway targets: created once their gateway is READY and their credential exists, updated in
 * place with a full UpdateGatewayTarget, re-created when they change kind or ended FAILED,
 * deleted (and waited out) before their gateway.
 */

export async function applyTarget(ctx: ApplyContext, item: TargetItem, signal: AbortSignal): Promise<{ outcome: Outcome; status?: string }> {
  const d = item.desired!;
  const { sdk } = ctx.aws;
  const fail = (op: string, e: unknown) => callFailed(item.label, op, e);
  const gatewayId = ctx.refs.gateways.get(item.gateway);
  if (!gatewayId) throw new DeployError(`${item.label}: its gateway has no id yet`, item.label);
  let detail: GetGatewayTargetCommandOutput | undefined = item.actual?.detail;
  let outcome: Outcome = 'unchanged';

  if (detail && item.action === 'replace') {
    await removeTarget(ctx, item.id, item.label, gatewayId, detail.targetId!, detail.status!, signal);
    detail = undefined;
    outcome = 'replaced';
  } else if (detail?.status === 'DELETING') {
    await waitGone(ctx, item.id, item.label, gatewayId, detail.targetId!, signal);
    detail = undefined;
  } else if (detail && SETTLING.has(detail.status!)) {
    detail = await waitReady(ctx, item.id, item.label, gatewayId, detail.targetId!, signal);
  }

  const credential = d.credential ? ctx.refs.credentials.get(d.credential) : undefined;
  if (d.credential && !credential) throw new DeployError(`${item.label}: credential "${d.credential}" has no ARN yet`, item.label);
  const spec = targetSpec(d, credential);

  if (!detail) {
    const clientToken = await recordIntent(ctx, item.id, { gatewayId, ...spec });
    let created: CreateGatewayTargetCommandOutput;
    try {
      created = await ctx.aws.send(ctx.aws.agentcore, new sdk.CreateGatewayTargetCommand({ gatewayIdentifier: gatewayId, ...spec, clientToken } as never));
    } catch (e) {
      if ((e as Error)?.name === 'ConflictException') throw new DeployError(await nameTaken(ctx, item.id, 'target', item.label, d.key), item.label);
      throw fail('CreateGatewayTarget', e);
    }
    await ctx.step(item.id, 'CreateGatewayTarget answered');
    await record(ctx, item, created.targetId!, true);
    detail = await waitReady(ctx, item.id, item.label, gatewayId, created.targetId!, signal);
    if (outcome === 'unchanged') outcome = 'created';
  } else if (targetChanges(spec, { ...item.actual!, detail }).length > 0 || detail.status === 'UPDATE_UNSUCCESSFUL') {
    try {
      await ctx.aws.send(ctx.aws.agentcore, new sdk.UpdateGatewayTargetCommand({ gatewayIdentifier: gatewayId, targetId: detail.targetId, ...spec } as never));
    } catch (e) {
      throw fail('UpdateGatewayTarget', e);
    }
    await ctx.step(item.id, 'UpdateGatewayTarget answered');
    detail = await waitReady(ctx, item.id, item.label, gatewayId, detail.targetId!, signal);
    outcome = 'updated';
  }
  await record(ctx, item, detail.targetId!, false);
  return { outcome, status: detail.status };
}

async function record(ctx: ApplyContext, item: TargetItem, targetId: string, created: boolean) {
  await ctx.store.update((s) => {
    if (created) delete s.pending[item.id];
    const g = s.gateways[item.gateway];
    if (g) g.targets[item.name] = { targetId };
  });
}

export async function deleteTarget(ctx: ApplyContext, item: TargetItem, signal: AbortSignal): Promise<Outcome> {
  const a = item.actual!;
  await removeTarget(ctx, item.id, item.label, item.actualGateway!.id, a.id, a.status, signal);
  await ctx.store.update((s) => {
    const g = Object.values(s.gateways).find((x) => x.gatewayId === item.actualGateway!.id);
    if (g) delete g.targets[item.name];
  });
  return 'deleted';
}

/** DeleteGatewayTarget and wait until it is gone (a target still settling is waited for first). */
async function removeTarget(ctx: ApplyContext, id: string, label: string, gatewayId: string, targetId: string, status: string, signal: AbortSignal) {
  if (SETTLING.has(status)) {
    if ((await waitFor(label, 'settled', observeTarget(ctx, gatewayId, targetId, {}), { ...ctx.poll, signal })) === 'gone') return;
  }
  if (status !== 'DELETING') {
    try {
      await ctx.aws.send(ctx.aws.agentcore, new ctx.aws.sdk.DeleteGatewayTargetCommand({ gatewayIdentifier: gatewayId, targetId }));
    } catch (e) {
      if (isNotFound(e)) return;
      throw callFailed(label, 'DeleteGatewayTarget', e);
    }
    await ctx.step(id, 'DeleteGatewayTarget answered');
  }
  await waitGone(ctx, id, label, gatewayId, targetId, signal);
}

function observeTarget(ctx: ApplyContext, gatewayId: string, targetId: string, last: { detail?: GetGatewayTargetCommandOutput }) {
  return async (): Promise<Observed> => {
    try {
      const detail = await ctx.aws.send<GetGatewayTargetCommandOutput>(
        ctx.aws.agentcore,
        new ctx.aws.sdk.GetGatewayTargetCommand({ gatewayIdentifier: gatewayId, targetId }),
      );
      last.detail = detail;
      return { status: detail.status!, ...(detail.statusReasons ? { statusReasons: detail.statusReasons } : {}) };
    } catch (e) {
      if (isNotFound(e)) return 'gone';
      throw e;
    }
  };
}

async function waitReady(ctx: ApplyContext, id: string, label: string, gatewayId: string, targetId: string, signal: AbortSignal) {
  const last: { detail?: GetGatewayTargetCommandOutput } = {};
  await waitFor(label, 'ready', observeTarget(ctx, gatewayId, targetId, last), { ...ctx.poll, signal });
  await ctx.step(id, 'READY');
  return last.detail!;
}

async function waitGone(ctx: ApplyContext, id: string, label: string, gatewayId: string, targetId: string, signal: AbortSignal) {
  await waitFor(label, 'gone', observeTarget(ctx, gatewayId, targetId, {}), { ...ctx.poll, signal });
  await ctx.step(id, 'gone');
}
