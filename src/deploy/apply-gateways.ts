import type { CreateGatewayCommandOutput, GetGatewayCommandOutput } from '@aws-sdk/client-bedrock-agentcore-control';
import { type ActualGateway, type GatewayFacts, gatewayFacts } from './actual';
import { type Address, formatAddress } from './address';
import { type ApplyContext, nameTaken, recordIntent } from './apply-context';
import { gatewayChanges, tagChanges } from './compare';
import { DeployError, returned } from './errors';
import type { Outcome } from './events';
import type { Drop, GatewayItem, Keep } from './plan';
import { type Observed, SETTLING, type Seen, waitFor } from './poll';
import { gatewaySpec } from './requests';
import { sendStep } from './send-step';

/*
 * Gateways: created with the project tag and a clientToken kept across crashes, updated with a
 * full UpdateGateway, tagged with TagResource, polled until READY. A FAILED gateway is deleted
 * and made again; one still settling is waited for before it is compared.
 */

/** The gateway an apply step works on: its address for steps, its label for messages. */
interface Subject {
  address: Address;
  label: string;
}

export async function applyGateway(ctx: ApplyContext, item: Keep<GatewayItem>, signal: AbortSignal): Promise<{ outcome: Outcome; status?: string }> {
  const d = item.desired;
  const { sdk, agentcore } = ctx.aws;
  let existing: ActualGateway | undefined = item.actual;
  let outcome: Outcome = 'unchanged';

  if (existing && item.action === 'replace') {
    await removeGateway(ctx, item, existing, signal);
    existing = undefined;
    outcome = 'replaced';
  } else if (existing?.status === 'DELETING') {
    await waitGone(ctx, item, existing.id, signal);
    existing = undefined;
  } else if (existing && SETTLING.has(existing.status)) {
    existing = { ...existing, ...(await waitReady(ctx, item, existing.id, signal)) };
  }

  const roleArn = 'managed' in d.role ? ctx.refs.roles.get(d.key) : d.role.arn;
  if (!roleArn) throw new DeployError(`${item.label}: its role has no ARN yet`, item.label);
  const spec = gatewaySpec(d, roleArn);

  let settled: GatewayFacts;
  if (!existing) {
    const request = { name: d.name, ...spec, tags: d.tags };
    const clientToken = await recordIntent(ctx, item.address, request);
    const created = await sendStep<CreateGatewayCommandOutput>(
      ctx.aws,
      item,
      'CreateGateway',
      agentcore,
      new sdk.CreateGatewayCommand({ ...request, clientToken } as never),
      'conflict',
    );
    // Another gateway has the name (made since the plan, or not listed yet): never ours, as
    // the service answers a create sent again with our token with the gateway it made.
    if (created === 'conflict') throw new DeployError(await nameTaken(ctx, item.address, 'gateway', item.label, d.name), item.label);
    await ctx.step(item.address, 'CreateGateway answered');
    await record(ctx, item, created, 'CreateGateway', true);
    settled = await waitReady(ctx, item, returned(created.gatewayId, 'CreateGateway', 'gatewayId'), signal);
    if (outcome === 'unchanged') outcome = 'created';
  } else {
    settled = existing;
    const gatewayIdentifier = existing.id;
    if (gatewayChanges(spec, existing.detail).length > 0 || existing.status === 'UPDATE_UNSUCCESSFUL') {
      await sendStep(ctx.aws, item, 'UpdateGateway', agentcore, new sdk.UpdateGatewayCommand({ gatewayIdentifier, name: d.name, ...spec } as never));
      await ctx.step(item.address, 'UpdateGateway answered');
      settled = await waitReady(ctx, item, gatewayIdentifier, signal);
      outcome = 'updated';
    }
    const tags = tagChanges(d.tags, existing.tags);
    const resourceArn = settled.arn;
    if (Object.keys(tags.set).length > 0) {
      await sendStep(ctx.aws, item, 'TagResource', agentcore, new sdk.TagResourceCommand({ resourceArn, tags: tags.set }));
      await ctx.step(item.address, 'tagged');
      outcome = outcome === 'unchanged' ? 'updated' : outcome;
    }
    if (tags.remove.length > 0) {
      await sendStep(ctx.aws, item, 'UntagResource', agentcore, new sdk.UntagResourceCommand({ resourceArn, tagKeys: tags.remove }));
      await ctx.step(item.address, 'untagged');
      outcome = outcome === 'unchanged' ? 'updated' : outcome;
    }
  }
  ctx.refs.gateways.set(d.key, settled.id);
  await record(ctx, item, settled.detail, 'GetGateway', false);
  return { outcome, status: settled.status };
}

/** Writes the gateway's ids and URL, as `op` answered them, to the state (and drops a pending create). */
async function record(
  ctx: ApplyContext,
  item: Keep<GatewayItem>,
  answer: Pick<GetGatewayCommandOutput, 'gatewayId' | 'gatewayArn' | 'gatewayUrl' | 'roleArn'>,
  op: string,
  created: boolean,
) {
  const d = item.desired;
  const id = formatAddress(item.address);
  const gatewayId = returned(answer.gatewayId, op, 'gatewayId');
  const gatewayArn = returned(answer.gatewayArn, op, 'gatewayArn');
  const url = answer.gatewayUrl;
  await ctx.store.update((s) => {
    if (created) delete s.pending[id];
    const previous = s.gateways[d.key];
    s.gateways[d.key] = {
      name: d.name,
      gatewayId,
      gatewayArn,
      ...(url ? { gatewayUrl: url } : {}),
      authorizerType: d.config.authorizerType,
      roleArn: answer.roleArn ?? '',
      env: { [d.config.env.url]: url ?? '', [d.config.env.authType]: d.config.authorizerType },
      targets: previous?.gatewayId === gatewayId ? previous.targets : {},
    };
  });
}

export async function deleteGateway(ctx: ApplyContext, item: Drop<GatewayItem>, signal: AbortSignal): Promise<Outcome> {
  const gone = item.actual;
  await removeGateway(ctx, item, gone, signal);
  await ctx.store.update((s) => {
    for (const [key, g] of Object.entries(s.gateways)) if (g.gatewayId === gone.id) delete s.gateways[key];
  });
  return 'deleted';
}

/**
 * DeleteGateway (its targets are gone by then), then wait until it is gone. A gateway still
 * being created or updated is waited for first; one already being deleted is only waited for.
 */
async function removeGateway(ctx: ApplyContext, of: Subject, gateway: { id: string; status: string }, signal: AbortSignal) {
  const { sdk, agentcore } = ctx.aws;
  const gatewayIdentifier = gateway.id;
  if (SETTLING.has(gateway.status)) {
    if ((await waitFor(of.label, 'settled', observeGateway(ctx, of, gatewayIdentifier), { ...ctx.poll, signal })) === 'gone') return;
  }
  if (gateway.status !== 'DELETING') {
    const answer = await sendStep(ctx.aws, of, 'DeleteGateway', agentcore, new sdk.DeleteGatewayCommand({ gatewayIdentifier }), 'not-found');
    if (answer === 'not-found') return;
    await ctx.step(of.address, 'DeleteGateway answered');
  }
  await waitGone(ctx, of, gatewayIdentifier, signal);
}

function observeGateway(ctx: ApplyContext, of: Subject, gatewayIdentifier: string) {
  return async (): Promise<Observed<GatewayFacts>> => {
    const detail = await sendStep<GetGatewayCommandOutput>(
      ctx.aws,
      of,
      'GetGateway',
      ctx.aws.agentcore,
      new ctx.aws.sdk.GetGatewayCommand({ gatewayIdentifier }),
      'not-found',
    );
    if (detail === 'not-found') return 'gone';
    const facts = gatewayFacts(detail);
    return { status: facts.status, ...(facts.statusReasons ? { statusReasons: facts.statusReasons } : {}), detail: facts };
  };
}

async function waitReady(ctx: ApplyContext, of: Subject, gatewayId: string, signal: AbortSignal): Promise<GatewayFacts> {
  const seen: Seen<GatewayFacts> = await waitFor(of.label, 'ready', observeGateway(ctx, of, gatewayId), { ...ctx.poll, signal });
  await ctx.step(of.address, 'READY');
  return seen.detail;
}

async function waitGone(ctx: ApplyContext, of: Subject, gatewayId: string, signal: AbortSignal) {
  await waitFor(of.label, 'gone', observeGateway(ctx, of, gatewayId), { ...ctx.poll, signal });
  await ctx.step(of.address, 'gone');
}
