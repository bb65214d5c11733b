import type { CreateRoleCommandOutput, GetRoleCommandOutput, ListRolePoliciesCommandOutput } from '@aws-sdk/client-iam';
import { type ApplyContext, foreignIn } from './apply-context';
import type { ActualRole } from './actual';
import { compareRole } from './role-check';
import { callFailed, DeployError, isNotFound } from './errors';
import type { Outcome } from './events';
import { PROJECT_TAG, ROLE_POLICY_NAME } from './names';
import type { RoleItem } from './plan';
import { arnParts, rolePolicy, trustPolicy } from './requests';

/*
 * The IAM role of a gateway without a `roleArn`: trusted by bedrock-agentcore only, allowed
 * exactly what its targets need (see `rolePolicy`). Its permissions are computed when the
 * credentials it reads exist, so their ARNs are known.
 */

/** Creates the role (or takes over one left by an earlier run) and fixes its trust policy. */
export async function ensureRole(ctx: ApplyContext, item: RoleItem): Promise<{ outcome: Outcome; actual: ActualRole; policyKnown: boolean }> {
  const d = item.desired!;
  const { iamSdk } = ctx.aws;
  const fail = (op: string, e: unknown) => callFailed(item.label, op, e);
  let actual: ActualRole | undefined = item.actual;
  let outcome: Outcome = 'unchanged';
  let policyKnown = true;
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
      actual = { name: d.name, arn: created.Role!.Arn!, trustPolicy: trustPolicy(), tags: { [PROJECT_TAG]: ctx.plan.project } };
      outcome = 'created';
      await ctx.step(item.id, 'created');
    } else {
      // IAM reads lag behind writes: a role an earlier run created may not have been found when
      // this run planned. It is taken over only if it carries the project tag (see ownership.ts).
      const r = await ctx.aws.send<GetRoleCommandOutput>(ctx.aws.iam, new iamSdk.GetRoleCommand({ RoleName: d.name }));
      const tags = Object.fromEntries((r.Role!.Tags ?? []).map((t) => [t.Key!, t.Value ?? '']));
      if (tags[PROJECT_TAG] !== ctx.plan.project) throw new DeployError(foreignIn(ctx, 'role', item.label, d.name), item.label);
      actual = { name: d.name, arn: r.Role!.Arn!, trustPolicy: JSON.parse(decodeURIComponent(r.Role!.AssumeRolePolicyDocument ?? '{}')), tags };
      policyKnown = false;
    }
  }
  if (!actual) throw new DeployError(`${item.label}: the role could not be read`, item.label);
  if (compareRole(actual, undefined).trust) {
    try {
      await ctx.aws.send(ctx.aws.iam, new iamSdk.UpdateAssumeRolePolicyCommand({ RoleName: d.name, PolicyDocument: JSON.stringify(trustPolicy()) }));
    } catch (e) {
      throw fail('UpdateAssumeRolePolicy', e);
    }
    await ctx.step(item.id, 'trust policy set');
    if (outcome === 'unchanged') outcome = 'updated';
  }
  const arn = actual.arn;
  ctx.refs.roles.set(d.gateway, arn);
  await ctx.store.update((s) => {
    s.roles[d.gateway] = { roleName: d.name, roleArn: arn };
  });
  return { outcome, actual, policyKnown };
}

/**
 * Gives the role exactly the permissions its targets need. A separate step from the role itself:
 * the gateway only needs the role to exist, its targets need the permissions.
 */
export async function setRolePermissions(ctx: ApplyContext, item: RoleItem, role: { actual: ActualRole; policyKnown: boolean }): Promise<Outcome> {
  const d = item.desired!;
  const { iamSdk } = ctx.aws;
  const fail = (op: string, e: unknown) => callFailed(item.label, op, e);
  const parts = arnParts(role.actual.arn);
  if (!parts) throw new DeployError(`${item.label}: unexpected role ARN ${role.actual.arn}`, item.label);
  const credentials = d.credentials.map((key) => {
    const ref = ctx.refs.credentials.get(key);
    if (!ref) throw new DeployError(`${item.label}: credential "${key}" has no ARN yet`, item.label);
    return ref;
  });
  const policy = rolePolicy(d, { ...parts, region: ctx.plan.region, credentials });
  if (role.policyKnown && !compareRole(role.actual, policy).policy) return 'unchanged';
  if (policy) {
    try {
      await ctx.aws.send(ctx.aws.iam, new iamSdk.PutRolePolicyCommand({ RoleName: d.name, PolicyName: ROLE_POLICY_NAME, PolicyDocument: JSON.stringify(policy) }));
    } catch (e) {
      throw fail('PutRolePolicy', e);
    }
    await ctx.step(item.id, 'permissions set');
    return 'updated';
  }
  try {
    await ctx.aws.send(ctx.aws.iam, new iamSdk.DeleteRolePolicyCommand({ RoleName: d.name, PolicyName: ROLE_POLICY_NAME }));
  } catch (e) {
    if (isNotFound(e) && !role.policyKnown) return 'unchanged';
    if (!isNotFound(e)) throw fail('DeleteRolePolicy', e);
  }
  await ctx.step(item.id, 'permissions removed');
  return 'updated';
}

export async function deleteRole(ctx: ApplyContext, item: RoleItem): Promise<Outcome> {
  const { iamSdk } = ctx.aws;
  const name = item.name;
  const attempt = async (op: string, command: object): Promise<unknown> => {
    try {
      return await ctx.aws.send(ctx.aws.iam, command);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw callFailed(item.label, op, e);
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
