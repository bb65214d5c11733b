import type { CreateGatewayTargetCommandOutput, GetGatewayTargetCommandOutput } from '@aws-sdk/client-bedrock-agentcore-control';
import { type ActualTarget, actualTarget } from './actual';
import { type Address, formatAddress } from './address';
import { type ApplyContext, nameTaken, recordIntent } from './apply-context';
import { targetChanges } from './compare';
import { DeployError, returned } from './errors';
import type { Outcome } from './events';
import type { Drop, Keep, TargetItem } from './plan';
import { type Observed, SETTLING, waitFor } from './poll';
import { targetSpec } from './requests';
import { sendStep } from './send-step';

/*
 * Gateway targets: created once their gateway is READY and their credential exists, updated in
 * place with a full UpdateGatewayTarget, re-created when they change kind or ended FAILED,
 * deleted (and waited out) before their gateway.
 */

/** The target an apply step works on (its address for steps, its label for messages), on its gateway. */
interface Subject {
  address: Address;
  label: string;
  gatewayId: string;
}

export async function applyTarget(ctx: ApplyContext, item: Keep<TargetItem>, signal: AbortSignal): Promise<{ outcome: Outcome; status?: string }> {
  const d = item.desired;
  const { sdk, agentcore } = ctx.aws;
  const gatewayId = ctx.refs.gateways.get(item.address.gateway);
  if (!gatewayId) throw new DeployError(`${item.label}: its gateway has no id yet`, item.label);
  const of: Subject = { address: item.address, label: item.label, gatewayId };
  let existing: ActualTarget | undefined = item.actual;
  let outcome: Outcome = 'unchanged';

  if (existing && item.action === 'replace') {
    await removeTarget(ctx, of, existing, signal);
    existing = undefined;
    outcome = 'replaced';
  } else if (existing?.status === 'DELETING') {
    await waitGone(ctx, of, existing.id, signal);
    existing = undefined;
  } else if (existing && SETTLING.has(existing.status)) {
    existing = await waitReady(ctx, of, existing.id, signal);
  }

  const credential = d.credential ? ctx.refs.credentials.get(d.credential) : undefined;
  if (d.credential && !credential) throw new DeployError(`${item.label}: credential "${d.credential}" has no ARN yet`, item.label);
  const server = d.server ? ctx.refs.servers.get(d.server.key) : undefined;
  if (d.server && !server) throw new DeployError(`${item.label}: its managed server is not deployed yet`, item.label);
  const spec = targetSpec(d, credential, ctx.plan.region, server);

  if (!existing) {
    const clientToken = await recordIntent(ctx, item.address, { gatewayId, ...spec });
    const created = await sendStep<CreateGatewayTargetCommandOutput>(
      ctx.aws,
      item,
      'CreateGatewayTarget',
      agentcore,
      new sdk.CreateGatewayTargetCommand({ gatewayIdentifier: gatewayId, ...spec, clientToken } as never),
      'conflict',
    );
    if (created === 'conflict') throw new DeployError(await nameTaken(ctx, item.address, 'target', item.label, d.key), item.label);
    await ctx.step(item.address, 'CreateGatewayTarget answered');
    const targetId = returned(created.targetId, 'CreateGatewayTarget', 'targetId');
    await record(ctx, item, targetId, true);
    existing = await waitReady(ctx, of, targetId, signal);
    if (outcome === 'unchanged') outcome = 'created';
  } else if (targetChanges(spec, existing.detail).length > 0 || existing.status === 'UPDATE_UNSUCCESSFUL') {
    const targetId = existing.id;
    await sendStep(
      ctx.aws,
      item,
      'UpdateGatewayTarget',
      agentcore,
      new sdk.UpdateGatewayTargetCommand({ gatewayIdentifier: gatewayId, targetId, ...spec } as never),
    );
    await ctx.step(item.address, 'UpdateGatewayTarget answered');
    existing = await waitReady(ctx, of, targetId, signal);
    outcome = 'updated';
  }
  await record(ctx, item, existing.id, false);
  return { outcome, status: existing.status };
}

async function record(ctx: ApplyContext, item: Keep<TargetItem>, targetId: string, created: boolean) {
  const id = formatAddress(item.address);
  await ctx.store.update((s) => {
    if (created) delete s.pending[id];
    const g = s.gateways[item.address.gateway];
    if (g) g.targets[item.name] = { targetId };
  });
}

export async function deleteTarget(ctx: ApplyContext, item: Drop<TargetItem>, signal: AbortSignal): Promise<Outcome> {
  const gatewayId = item.actualGateway.id;
  await removeTarget(ctx, { address: item.address, label: item.label, gatewayId }, item.actual, signal);
  await ctx.store.update((s) => {
    const g = Object.values(s.gateways).find((x) => x.gatewayId === gatewayId);
    if (g) delete g.targets[item.name];
  });
  return 'deleted';
}

/** DeleteGatewayTarget and wait until it is gone (a target still settling is waited for first). */
async function removeTarget(ctx: ApplyContext, of: Subject, target: { id: string; status: string }, signal: AbortSignal) {
  if (SETTLING.has(target.status)) {
    if ((await waitFor(of.label, 'settled', observeTarget(ctx, of, target.id), { ...ctx.poll, signal })) === 'gone') return;
  }
  if (target.status !== 'DELETING') {
    const command = new ctx.aws.sdk.DeleteGatewayTargetCommand({ gatewayIdentifier: of.gatewayId, targetId: target.id });
    if ((await sendStep(ctx.aws, of, 'DeleteGatewayTarget', ctx.aws.agentcore, command, 'not-found')) === 'not-found') return;
    await ctx.step(of.address, 'DeleteGatewayTarget answered');
  }
  await waitGone(ctx, of, target.id, signal);
}

function observeTarget(ctx: ApplyContext, of: Subject, targetId: string) {
  return async (): Promise<Observed<ActualTarget>> => {
    const command = new ctx.aws.sdk.GetGatewayTargetCommand({ gatewayIdentifier: of.gatewayId, targetId });
    const detail = await sendStep<GetGatewayTargetCommandOutput>(ctx.aws, of, 'GetGatewayTarget', ctx.aws.agentcore, command, 'not-found');
    if (detail === 'not-found') return 'gone';
    const target = actualTarget(detail);
    return { status: target.status, ...(target.statusReasons ? { statusReasons: target.statusReasons } : {}), detail: target };
  };
}

async function waitReady(ctx: ApplyContext, of: Subject, targetId: string, signal: AbortSignal): Promise<ActualTarget> {
  const seen = await waitFor(of.label, 'ready', observeTarget(ctx, of, targetId), { ...ctx.poll, signal });
  await ctx.step(of.address, 'READY');
  return seen.detail;
}

async function waitGone(ctx: ApplyContext, of: Subject, targetId: string, signal: AbortSignal) {
  await waitFor(of.label, 'gone', observeTarget(ctx, of, targetId), { ...ctx.poll, signal });
  await ctx.step(of.address, 'gone');
}
