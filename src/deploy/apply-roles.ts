import type { CreateRoleCommandOutput, GetRoleCommandOutput, ListRolePoliciesCommandOutput } from '@aws-sdk/client-iam';
import type { ApplyContext } from './apply-context';
import type { ActualRole } from './actual';
import { compareRole } from './role-check';
import { DeployError, describeAwsError, isNotFound } from './errors';
import type { Outcome } from './events';
import { PROJECT_TAG, ROLE_POLICY_NAME } from './names';
import type { RoleItem } from './plan';
import { arnParts, rolePolicy, trustPolicy } from './requests';

/*
 * The IAM role of a gateway without a `roleArn`: trusted by bedrock-agentcore only, allowed
 * exactly what its targets need (see `rolePolicy`). Its permissions are computed when the
 * credentials it reads exist, so their ARNs are known.
 */

export async function applyRole(ctx: ApplyContext, item: RoleItem): Promise<Outcome> {
  const d = item.desired!;
  const { iamSdk } = ctx.aws;
  const fail = (op: string, e: unknown) => new DeployError(`${item.label}: ${op} failed: ${describeAwsError(e)}`, item.label);
  let actual: ActualRole | undefined = item.actual;
  let outcome: Outcome = 'unchanged';
  if (!actual) {
    let created: CreateRoleCommandOutput | undefined;
    try {
      created = await ctx.aws.send<CreateRoleCommandOutput>(
        ctx.aws.iam,
        new iamSdk.CreateRoleCommand({
          RoleName: d.name,
          Path: d.path,
          AssumeRolePolicyDocument: JSON.stringify(trustPolicy()),
          Description: `AgentCore gateway ${d.gateway} of project ${ctx.plan.project} (managed by agentcore-projen)`,
          Tags: [{ Key: PROJECT_TAG, Value: ctx.plan.project }],
        }),
      );
    } catch (e) {
      if ((e as Error)?.name !== 'EntityAlreadyExistsException') throw fail('CreateRole', e);
    }
    if (created) {
      actual = { name: d.name, arn: created.Role!.Arn!, trustPolicy: trustPolicy() };
      outcome = 'created';
      await ctx.step(item.id, 'created');
    } else {
      // Made by a run that did not live to record it; its permissions are set below.
      const r = await ctx.aws.send<GetRoleCommandOutput>(ctx.aws.iam, new iamSdk.GetRoleCommand({ RoleName: d.name }));
      actual = { name: d.name, arn: r.Role!.Arn!, trustPolicy: JSON.parse(decodeURIComponent(r.Role!.AssumeRolePolicyDocument ?? '{}')) };
    }
  }
  const parts = arnParts(actual.arn);
  if (!parts) throw new DeployError(`${item.label}: unexpected role ARN ${actual.arn}`, item.label);
  const credentials = d.credentials.map((key) => {
    const ref = ctx.refs.credentials.get(key);
    if (!ref) throw new DeployError(`${item.label}: credential "${key}" has no ARN yet`, item.label);
    return ref;
  });
  const policy = rolePolicy(d, { ...parts, region: ctx.plan.region, credentials });
  const diff = compareRole(actual, policy);
  if (diff.trust) {
    try {
      await ctx.aws.send(ctx.aws.iam, new iamSdk.UpdateAssumeRolePolicyCommand({ RoleName: d.name, PolicyDocument: JSON.stringify(trustPolicy()) }));
    } catch (e) {
      throw fail('UpdateAssumeRolePolicy', e);
    }
    await ctx.step(item.id, 'trust policy set');
    if (outcome === 'unchanged') outcome = 'updated';
  }
  if (diff.policy && policy) {
    try {
      await ctx.aws.send(ctx.aws.iam, new iamSdk.PutRolePolicyCommand({ RoleName: d.name, PolicyName: ROLE_POLICY_NAME, PolicyDocument: JSON.stringify(policy) }));
    } catch (e) {
      throw fail('PutRolePolicy', e);
    }
    await ctx.step(item.id, 'permissions set');
    if (outcome === 'unchanged') outcome = 'updated';
  } else if (diff.policy) {
    try {
      await ctx.aws.send(ctx.aws.iam, new iamSdk.DeleteRolePolicyCommand({ RoleName: d.name, PolicyName: ROLE_POLICY_NAME }));
    } catch (e) {
      if (!isNotFound(e)) throw fail('DeleteRolePolicy', e);
    }
    await ctx.step(item.id, 'permissions removed');
    if (outcome === 'unchanged') outcome = 'updated';
  }
  ctx.refs.roles.set(d.gateway, actual.arn);
  await ctx.store.update((s) => {
    s.roles[d.gateway] = { roleName: d.name, roleArn: actual.arn };
  });
  return outcome;
}

export async function deleteRole(ctx: ApplyContext, item: RoleItem): Promise<Outcome> {
  const { iamSdk } = ctx.aws;
  const name = item.name;
  const attempt = async (op: string, command: object): Promise<unknown> => {
    try {
      return await ctx.aws.send(ctx.aws.iam, command);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw new DeployError(`${item.label}: ${op} failed: ${describeAwsError(e)}`, item.label);
    }
  };
  const listed = (await attempt('ListRolePolicies', new iamSdk.ListRolePoliciesCommand({ RoleName: name }))) as ListRolePoliciesCommandOutput | undefined;
  for (const policy of listed?.PolicyNames ?? []) {
    await attempt('DeleteRolePolicy', new iamSdk.DeleteRolePolicyCommand({ RoleName: name, PolicyName: policy }));
    await ctx.step(item.id, `policy ${policy} deleted`);
  }
  await attempt('DeleteRole', new iamSdk.DeleteRoleCommand({ RoleName: name }));
  await ctx.step(item.id, 'deleted');
  await ctx.store.update((s) => {
    for (const [key, r] of Object.entries(s.roles)) if (r.roleName === name) delete s.roles[key];
  });
  return 'deleted';
}
