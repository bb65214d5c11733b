import type {
  CreateApiKeyCredentialProviderCommandOutput,
  CreateOauth2CredentialProviderCommandOutput,
  UpdateApiKeyCredentialProviderCommandOutput,
  UpdateOauth2CredentialProviderCommandOutput,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { formatAddress } from './address';
import { type ApplyContext, nameTaken, recordIntent } from './apply-context';
import { DeployError } from './errors';
import type { Outcome } from './events';
import { PROJECT_TAG } from './names';
import type { CredentialItem, Drop, Keep } from './plan';
import { apiKeyRequest, oauthRequest } from './requests';
import { sendStep } from './send-step';

/*
 * Credential providers: created or updated with their secrets (full replace), deleted when they
 * leave the model. The secret goes into the request and nowhere else.
 */

/** What Create/Update of either provider type answers that deploy keeps. */
interface Provider {
  arn?: string;
  secretArn?: string;
}

export async function applyCredential(ctx: ApplyContext, item: Keep<CredentialItem>): Promise<Outcome> {
  const d = item.desired;
  const { sdk, agentcore } = ctx.aws;
  const secrets = ctx.secrets.get(d.key);
  if (!secrets) throw new DeployError(`the secrets of credential "${d.key}" are not available`, item.label);
  let provider: Provider = { arn: item.actual?.arn, secretArn: item.actual?.secretArn };
  let outcome: Outcome = 'unchanged';
  const tags = { [PROJECT_TAG]: ctx.plan.project };
  const create = async (): Promise<Provider | 'conflict'> => {
    if (d.config.type === 'oauth') {
      const r = await sendStep<CreateOauth2CredentialProviderCommandOutput>(
        ctx.aws,
        item,
        'CreateOauth2CredentialProvider',
        agentcore,
        new sdk.CreateOauth2CredentialProviderCommand({ ...oauthRequest(d.name, d.config, secrets), tags } as never),
        'conflict',
      );
      return r === 'conflict' ? r : { arn: r.credentialProviderArn, secretArn: r.clientSecretArn?.secretArn };
    }
    const r = await sendStep<CreateApiKeyCredentialProviderCommandOutput>(
      ctx.aws,
      item,
      'CreateApiKeyCredentialProvider',
      agentcore,
      new sdk.CreateApiKeyCredentialProviderCommand({ ...apiKeyRequest(d.name, secrets), tags } as never),
      'conflict',
    );
    return r === 'conflict' ? r : { arn: r.credentialProviderArn, secretArn: r.apiKeySecretArn?.secretArn };
  };
  const update = async (): Promise<Provider> => {
    if (d.config.type === 'oauth') {
      const r = await sendStep<UpdateOauth2CredentialProviderCommandOutput>(
        ctx.aws,
        item,
        'UpdateOauth2CredentialProvider',
        agentcore,
        new sdk.UpdateOauth2CredentialProviderCommand(oauthRequest(d.name, d.config, secrets) as never),
      );
      return { arn: r.credentialProviderArn, secretArn: r.clientSecretArn?.secretArn };
    }
    const r = await sendStep<UpdateApiKeyCredentialProviderCommandOutput>(
      ctx.aws,
      item,
      'UpdateApiKeyCredentialProvider',
      agentcore,
      new sdk.UpdateApiKeyCredentialProviderCommand(apiKeyRequest(d.name, secrets) as never),
    );
    return { arn: r.credentialProviderArn, secretArn: r.apiKeySecretArn?.secretArn };
  };

  if (item.action === 'create') {
    // The intent identifies the provider by name and type only: never a secret, not even hashed.
    await recordIntent(ctx, item.address, { name: d.name, type: d.config.type });
    const created = await create();
    if (created !== 'conflict') {
      provider = created;
      outcome = 'created';
      await ctx.step(item.address, 'created');
    } else {
      // Taken over only when an earlier run recorded the intent to create it (see ownership.ts).
      if (!ctx.ownership.intended(item.address))
        throw new DeployError(await nameTaken(ctx, item.address, 'credential provider', item.label, d.name), item.label);
      provider = await update();
      outcome = 'updated';
      await ctx.step(item.address, 'updated');
    }
  } else if (item.action === 'update') {
    provider = await update();
    outcome = 'updated';
    await ctx.step(item.address, 'updated');
  }
  const { arn, secretArn } = provider;
  if (!arn) throw new DeployError(`${item.label}: the service returned no credentialProviderArn`, item.label);
  ctx.refs.credentials.set(d.key, { credentialProviderArn: arn, ...(secretArn ? { secretArn } : {}), type: d.config.type });
  const fingerprint = ctx.fingerprints.get(d.key);
  const id = formatAddress(item.address);
  await ctx.store.update((s) => {
    delete s.pending[id];
    s.credentials[d.key] = { name: d.name, type: d.config.type, credentialProviderArn: arn, ...(fingerprint ? { secretFingerprint: fingerprint } : {}) };
  });
  return outcome;
}

export async function deleteCredential(ctx: ApplyContext, item: Drop<CredentialItem>): Promise<Outcome> {
  const a = item.actual;
  const { sdk, agentcore } = ctx.aws;
  if (a.type === 'oauth') {
    await sendStep(ctx.aws, item, 'DeleteOauth2CredentialProvider', agentcore, new sdk.DeleteOauth2CredentialProviderCommand({ name: a.name }), 'not-found');
  } else {
    await sendStep(ctx.aws, item, 'DeleteApiKeyCredentialProvider', agentcore, new sdk.DeleteApiKeyCredentialProviderCommand({ name: a.name }), 'not-found');
  }
  await ctx.step(item.address, 'deleted');
  await ctx.store.update((s) => {
    for (const [key, c] of Object.entries(s.credentials)) if (c.name === a.name && c.type === a.type) delete s.credentials[key];
  });
  return 'deleted';
}
