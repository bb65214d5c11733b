import type {
  CreateApiKeyCredentialProviderCommandOutput,
  CreateOauth2CredentialProviderCommandOutput,
  UpdateApiKeyCredentialProviderCommandOutput,
  UpdateOauth2CredentialProviderCommandOutput,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { type ApplyContext, nameTaken, recordIntent } from './apply-context';
import { callFailed, DeployError, isNotFound } from './errors';
import type { Outcome } from './events';
import { PROJECT_TAG } from './names';
import type { CredentialItem } from './plan';
import { apiKeyRequest, oauthRequest } from './requests';

/*
 * Credential providers: created or updated with their secrets (full replace), deleted when they
 * leave the model. The secret goes into the request and nowhere else.
 */

export async function applyCredential(ctx: ApplyContext, item: CredentialItem): Promise<Outcome> {
  const d = item.desired!;
  const { sdk } = ctx.aws;
  const secrets = ctx.secrets.get(d.key);
  if (!secrets) throw new DeployError(`the secrets of credential "${d.key}" are not available`, item.label);
  let arn = item.actual?.arn;
  let secretArn = item.actual?.secretArn;
  let outcome: Outcome = 'unchanged';
  const tags = { [PROJECT_TAG]: ctx.plan.project };
  const send = async <T>(command: object, op: string): Promise<T> => {
    try {
      return await ctx.aws.send<T>(ctx.aws.agentcore, command);
    } catch (e) {
      if ((e as Error)?.name === 'ConflictException' || isNotFound(e)) throw e;
      throw callFailed(item.label, op, e);
    }
  };
  const update = async () => {
    if (d.config.type === 'oauth') {
      const r = await send<UpdateOauth2CredentialProviderCommandOutput>(
        new sdk.UpdateOauth2CredentialProviderCommand(oauthRequest(d.name, d.config, secrets) as never),
        'UpdateOauth2CredentialProvider',
      );
      arn = r.credentialProviderArn;
      secretArn = r.clientSecretArn?.secretArn;
    } else {
      const r = await send<UpdateApiKeyCredentialProviderCommandOutput>(
        new sdk.UpdateApiKeyCredentialProviderCommand(apiKeyRequest(d.name, secrets) as never),
        'UpdateApiKeyCredentialProvider',
      );
      arn = r.credentialProviderArn;
      secretArn = r.apiKeySecretArn?.secretArn;
    }
    outcome = 'updated';
    await ctx.step(item.id, 'updated');
  };
  if (item.action === 'create') {
    // The intent identifies the provider by name and type only: never a secret, not even hashed.
    await recordIntent(ctx, item.id, { name: d.name, type: d.config.type });
    let created = false;
    try {
      if (d.config.type === 'oauth') {
        const r = await send<CreateOauth2CredentialProviderCommandOutput>(
          new sdk.CreateOauth2CredentialProviderCommand({ ...oauthRequest(d.name, d.config, secrets), tags } as never),
          'CreateOauth2CredentialProvider',
        );
        arn = r.credentialProviderArn;
        secretArn = r.clientSecretArn?.secretArn;
      } else {
        const r = await send<CreateApiKeyCredentialProviderCommandOutput>(
          new sdk.CreateApiKeyCredentialProviderCommand({ ...apiKeyRequest(d.name, secrets), tags } as never),
          'CreateApiKeyCredentialProvider',
        );
        arn = r.credentialProviderArn;
        secretArn = r.apiKeySecretArn?.secretArn;
      }
      created = true;
    } catch (e) {
      if ((e as Error)?.name !== 'ConflictException') throw e;
      // Taken over only when an earlier run recorded the intent to create it (see ownership.ts).
      if (!ctx.ownership.intended(item.id)) throw new DeployError(await nameTaken(ctx, item.id, 'credential provider', item.label, d.name), item.label);
    }
    if (created) {
      outcome = 'created';
      await ctx.step(item.id, 'created');
    } else await update();
  } else if (item.action === 'update') {
    await update();
  }
  if (!arn) throw new DeployError(`${item.label}: the service returned no credentialProviderArn`, item.label);
  ctx.refs.credentials.set(d.key, { credentialProviderArn: arn, ...(secretArn ? { secretArn } : {}), type: d.config.type });
  const fingerprint = ctx.fingerprints.get(d.key);
  await ctx.store.update((s) => {
    delete s.pending[item.id];
    s.credentials[d.key] = { name: d.name, type: d.config.type, credentialProviderArn: arn!, ...(fingerprint ? { secretFingerprint: fingerprint } : {}) };
  });
  return outcome;
}

export async function deleteCredential(ctx: ApplyContext, item: CredentialItem): Promise<Outcome> {
  const a = item.actual!;
  const { sdk } = ctx.aws;
  const command =
    a.type === 'oauth' ? new sdk.DeleteOauth2CredentialProviderCommand({ name: a.name }) : new sdk.DeleteApiKeyCredentialProviderCommand({ name: a.name });
  try {
    await ctx.aws.send(ctx.aws.agentcore, command);
  } catch (e) {
    if (!isNotFound(e)) throw callFailed(item.label, a.type === 'oauth' ? 'DeleteOauth2CredentialProvider' : 'DeleteApiKeyCredentialProvider', e);
  }
  await ctx.step(item.id, 'deleted');
  await ctx.store.update((s) => {
    for (const [key, c] of Object.entries(s.credentials)) if (c.name === a.name && c.type === a.type) delete s.credentials[key];
  });
  return 'deleted';
}
