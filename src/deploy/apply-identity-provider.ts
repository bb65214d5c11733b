import type {
  CreateUserPoolClientCommandOutput,
  CreateUserPoolCommandOutput,
  DescribeUserPoolClientCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoDiscoveryUrl, cognitoDomain } from '../model/identity-provider';
import { formatAddress } from './address';
import { type ApplyContext, recordIntent } from './apply-context';
import type { ActualUserPool } from './cognito-actual';
import { callFailed, DeployError, isAbort, returned } from './errors';
import type { Outcome } from './events';
import { clientMatches, fullScopes, type IdentityItem, type IdentityValues } from './identity-plan';
import { arnParts } from './requests';
import { sendStep } from './send-step';

/*
 * The Cognito identity provider of a gateway, one step after the other: the user pool (tagged for
 * the project), its domain, the resource server with the gateway's scopes, and the app client for
 * agents (client-credentials grant, with a secret). Each step is recorded in the state as soon as
 * it is answered; a run stopped half-way finds what it made (state, tag or intent) and goes on
 * from there. The app client's secret is read into memory for the gateway's credential provider
 * and goes nowhere else: not to the state, an event or an error.
 */

/** Makes or completes the provider; returns what it gives the gateway and its credential. */
export async function ensureIdentityProvider(ctx: ApplyContext, item: IdentityItem): Promise<{ outcome: Outcome; values: IdentityValues }> {
  const d = item.desired!;
  const { cognitoSdk, cognito } = await ctx.aws.identity();
  const send = <T>(op: string, command: object) => sendStep<T>(ctx.aws, item, op, cognito, command);
  let outcome: Outcome = 'unchanged';
  const changed = () => {
    outcome = outcome === 'unchanged' ? (item.action === 'create' ? 'created' : 'updated') : outcome;
  };

  let pool: ActualUserPool | undefined = item.actual;
  if (!pool) {
    await recordIntent(ctx, item.address, { name: d.config.userPoolName });
    const created = await send<CreateUserPoolCommandOutput>(
      'CreateUserPool',
      new cognitoSdk.CreateUserPoolCommand({ PoolName: d.config.userPoolName, UserPoolTags: d.tags }),
    );
    const op = 'CreateUserPool';
    pool = {
      id: returned(created.UserPool?.Id, op, 'UserPool.Id'),
      arn: returned(created.UserPool?.Arn, op, 'UserPool.Arn'),
      name: d.config.userPoolName,
      tags: d.tags,
    };
    changed();
    await ctx.step(item.address, 'CreateUserPool answered');
    await record(ctx, item, pool, true);
  }
  const UserPoolId = pool.id;

  if (!pool.domain) {
    const account = arnParts(pool.arn)?.account;
    if (!account) throw new DeployError(`${item.label}: unexpected user pool ARN ${pool.arn}`, item.label);
    const Domain = cognitoDomain(d.config, account, ctx.plan.region);
    try {
      await ctx.aws.send(cognito, new cognitoSdk.CreateUserPoolDomainCommand({ Domain, UserPoolId }));
    } catch (e) {
      if (!isAbort(e) && (e as Error)?.name === 'InvalidParameterException' && /already associated/i.test((e as Error).message ?? '')) {
        throw new DeployError(
          `${item.label}: the Cognito domain "${Domain}" is taken by another user pool (domains are unique across all of Cognito); ` +
            'rename the gateway (or the project) in .projenrc.ts so deploy derives another domain',
          item.label,
        );
      }
      throw callFailed(item.label, 'CreateUserPoolDomain', e);
    }
    pool = { ...pool, domain: Domain };
    changed();
    await ctx.step(item.address, 'CreateUserPoolDomain answered');
    await record(ctx, item, pool, false);
  }

  const Scopes = d.config.scopes.map((ScopeName) => ({ ScopeName, ScopeDescription: `Call gateway ${d.gateway}` }));
  const server = { UserPoolId, Identifier: d.config.resourceServer, Name: d.config.resourceServer, Scopes };
  if (!pool.resourceServer) {
    await send('CreateResourceServer', new cognitoSdk.CreateResourceServerCommand(server));
    changed();
    await ctx.step(item.address, 'CreateResourceServer answered');
  } else if (item.reasons.includes('scopes')) {
    await send('UpdateResourceServer', new cognitoSdk.UpdateResourceServerCommand(server));
    changed();
    await ctx.step(item.address, 'UpdateResourceServer answered');
  }
  pool = { ...pool, resourceServer: { identifier: d.config.resourceServer, scopes: d.config.scopes } };
  await record(ctx, item, pool, false);

  const settings = {
    UserPoolId,
    ClientName: d.config.clientName,
    AllowedOAuthFlows: ['client_credentials' as const],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: fullScopes(d),
    SupportedIdentityProviders: ['COGNITO'],
  };
  let clientId: string;
  let secret: string | undefined;
  if (!pool.client) {
    const created = await send<CreateUserPoolClientCommandOutput>(
      'CreateUserPoolClient',
      new cognitoSdk.CreateUserPoolClientCommand({ ...settings, GenerateSecret: true }),
    );
    clientId = returned(created.UserPoolClient?.ClientId, 'CreateUserPoolClient', 'UserPoolClient.ClientId');
    secret = created.UserPoolClient?.ClientSecret;
    changed();
    await ctx.step(item.address, 'CreateUserPoolClient answered');
  } else {
    clientId = pool.client.id;
    secret = pool.client.secret;
    if (!clientMatches(d, pool)) {
      await send('UpdateUserPoolClient', new cognitoSdk.UpdateUserPoolClientCommand({ ...settings, ClientId: clientId }));
      changed();
      await ctx.step(item.address, 'UpdateUserPoolClient answered');
    }
  }
  if (!secret) {
    // Created just now by a run that did not keep the answer, or a client the create answered without it.
    const described = await send<DescribeUserPoolClientCommandOutput>(
      'DescribeUserPoolClient',
      new cognitoSdk.DescribeUserPoolClientCommand({ UserPoolId, ClientId: clientId }),
    );
    secret = described.UserPoolClient?.ClientSecret;
  }
  if (!secret) {
    throw new DeployError(
      `${item.label}: app client "${d.config.clientName}" has no secret (Cognito cannot add one to an existing client); delete that client in the user pool and deploy again`,
      item.label,
    );
  }
  pool = {
    ...pool,
    client: { id: clientId, name: d.config.clientName, flows: settings.AllowedOAuthFlows, scopes: settings.AllowedOAuthScopes, oauthEnabled: true },
  };
  await record(ctx, item, pool, false);
  return { outcome, values: { discoveryUrl: cognitoDiscoveryUrl(ctx.plan.region, UserPoolId), clientId, clientSecret: secret } };
}

/** Deletes the pool (its domain first: Cognito refuses to delete a pool that has one); the resource server and client go with it. */
export async function deleteIdentityProvider(ctx: ApplyContext, item: IdentityItem): Promise<Outcome> {
  const pool = item.actual!;
  const { cognitoSdk, cognito } = await ctx.aws.identity();
  if (pool.domain) {
    await sendStep(
      ctx.aws,
      item,
      'DeleteUserPoolDomain',
      cognito,
      new cognitoSdk.DeleteUserPoolDomainCommand({ Domain: pool.domain, UserPoolId: pool.id }),
      'not-found',
    );
    await ctx.step(item.address, 'domain deleted');
  }
  await sendStep(ctx.aws, item, 'DeleteUserPool', cognito, new cognitoSdk.DeleteUserPoolCommand({ UserPoolId: pool.id }), 'not-found');
  await ctx.step(item.address, 'deleted');
  await ctx.store.update((s) => {
    delete s.identityProviders[item.address.gateway];
  });
  return 'deleted';
}

/** Writes what exists of the provider to the state (never the secret); the first write drops the pending create. */
async function record(ctx: ApplyContext, item: IdentityItem, pool: ActualUserPool, created: boolean) {
  const id = formatAddress(item.address);
  await ctx.store.update((s) => {
    if (created) delete s.pending[id];
    s.identityProviders[item.address.gateway] = {
      userPoolName: pool.name,
      userPoolId: pool.id,
      userPoolArn: pool.arn,
      ...(pool.domain ? { domain: pool.domain } : {}),
      ...(pool.resourceServer ? { resourceServer: pool.resourceServer.identifier } : {}),
      ...(pool.client ? { clientId: pool.client.id } : {}),
      discoveryUrl: cognitoDiscoveryUrl(ctx.plan.region, pool.id),
    };
  });
}

/**
 * The providers the model wants, each made or completed before the plan's graph runs (the
 * gateways and credentials need their values). Returns the outcomes and the values, by gateway.
 */
export async function applyIdentityProviders(ctx: ApplyContext, items: readonly IdentityItem[]) {
  const outcomes = new Map<string, Outcome>();
  const values = new Map<string, IdentityValues>();
  await Promise.all(
    items
      .filter((i) => i.action !== 'delete')
      .map((item) =>
        reported(ctx, item, outcomes, async () => {
          const made = await ensureIdentityProvider(ctx, item);
          values.set(item.address.gateway, made.values);
          return made.outcome;
        }),
      ),
  );
  return { outcomes, values };
}

/** The providers the model no longer wants, deleted after the gateways and credentials that used them. */
export async function removeIdentityProviders(ctx: ApplyContext, items: readonly IdentityItem[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  await Promise.all(items.filter((i) => i.action === 'delete').map((item) => reported(ctx, item, outcomes, () => deleteIdentityProvider(ctx, item))));
  return outcomes;
}

/** Runs one provider's work and reports it like every other resource (never with a secret). */
async function reported(ctx: ApplyContext, item: IdentityItem, outcomes: Map<string, Outcome>, work: () => Promise<Outcome>) {
  const started = Date.now();
  const id = formatAddress(item.address);
  const key = item.action === 'delete' ? `delete:${id}` : id;
  try {
    const outcome = await work();
    outcomes.set(key, outcome);
    if (outcome !== 'unchanged') ctx.emit({ type: 'done', id, kind: item.address.kind, label: item.label, outcome, elapsedMs: Date.now() - started });
  } catch (e) {
    if (!isAbort(e)) {
      const message = e instanceof DeployError ? e.message : String((e as Error)?.message ?? e);
      ctx.emit({ type: 'failed', id, kind: item.address.kind, label: item.label, action: item.action, message, elapsedMs: Date.now() - started });
    }
    throw e;
  }
}
