import type { CreateRoleCommandOutput, GetRoleCommandOutput, ListRolePoliciesCommandOutput } from '@aws-sdk/client-iam';
import { type ApplyContext, foreignIn } from './apply-context';
import { type ActualRole, parsePolicy, roleTags } from './actual';
import { compareRole } from './role-check';
import { DeployError, returned } from './errors';
import type { Outcome } from './events';
import { PROJECT_TAG, ROLE_POLICY_NAME } from './names';
import type { Drop, Keep, RoleItem } from './plan';
import { arnParts, rolePolicy, trustPolicy } from './requests';
import { sendStep } from './send-step';

/*
 * The IAM role of a gateway without a `roleArn`: trusted by bedrock-agentcore only, allowed
 * exactly what its targets need (see `rolePolicy`). Its permissions are computed when the
 * credentials it reads exist, so their ARNs are known.
 */

/** The role as the first step left it, for the second. */
export interface EnsuredRole {
  outcome: Outcome;
  actual: ActualRole;
  /** Whether `actual.policy` is what the role holds (not so for a role taken over just now). */
  policyKnown: boolean;
}

/** Creates the role (or takes over one left by an earlier run) and fixes its trust policy. */
export async function ensureRole(ctx: ApplyContext, item: Keep<RoleItem>): Promise<EnsuredRole> {
  const d = item.desired;
  const { iamSdk, iam } = ctx.aws;
  let actual: ActualRole | undefined = item.actual;
  let outcome: Outcome = 'unchanged';
  let policyKnown = true;
  if (!actual) {
    const created = await sendStep<CreateRoleCommandOutput>(
      ctx.aws,
      item,
      'CreateRole',
      iam,
      new iamSdk.CreateRoleCommand({
        RoleName: d.name,
        Path: d.path,
        AssumeRolePolicyDocument: JSON.stringify(trustPolicy()),
        Description: `AgentCore gateway ${d.gateway} of project ${ctx.plan.project} (managed by agentcore-projen)`,
        Tags: [{ Key: PROJECT_TAG, Value: ctx.plan.project }],
      }),
      'conflict',
    );
    if (created !== 'conflict') {
      actual = {
        name: d.name,
        arn: returned(created.Role?.Arn, 'CreateRole', 'Role.Arn'),
        trustPolicy: trustPolicy(),
        tags: { [PROJECT_TAG]: ctx.plan.project },
      };
      outcome = 'created';
      await ctx.step(item.address, 'created');
    } else {
      // IAM reads lag behind writes: a role an earlier run created may not have been found when
      // this run planned. It is taken over only if it carries the project tag (see ownership.ts).
      const r = await sendStep<GetRoleCommandOutput>(ctx.aws, item, 'GetRole', iam, new iamSdk.GetRoleCommand({ RoleName: d.name }));
      const role = returned(r.Role, 'GetRole', 'Role');
      const tags = roleTags(role.Tags);
      if (tags[PROJECT_TAG] !== ctx.plan.project) throw new DeployError(foreignIn(ctx, 'role', item.label, d.name), item.label);
      actual = { name: d.name, arn: returned(role.Arn, 'GetRole', 'Role.Arn'), trustPolicy: parsePolicy(role.AssumeRolePolicyDocument) ?? {}, tags };
      policyKnown = false;
    }
  }
  if (compareRole(actual, undefined).trust) {
    await sendStep(
      ctx.aws,
      item,
      'UpdateAssumeRolePolicy',
      iam,
      new iamSdk.UpdateAssumeRolePolicyCommand({ RoleName: d.name, PolicyDocument: JSON.stringify(trustPolicy()) }),
    );
    await ctx.step(item.address, 'trust policy set');
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
export async function setRolePermissions(ctx: ApplyContext, item: Keep<RoleItem>, role: EnsuredRole): Promise<Outcome> {
  const d = item.desired;
  const { iamSdk, iam } = ctx.aws;
  const parts = arnParts(role.actual.arn);
  if (!parts) throw new DeployError(`${item.label}: unexpected role ARN ${role.actual.arn}`, item.label);
  const credentials = d.credentials.map((key) => {
    const ref = ctx.refs.credentials.get(key);
    if (!ref) throw new DeployError(`${item.label}: credential "${key}" has no ARN yet`, item.label);
    return ref;
  });
  const servers = d.servers.map((key) => {
    const ref = ctx.refs.servers.get(key);
    if (!ref) throw new DeployError(`${item.label}: managed server ${key} is not deployed yet`, item.label);
    return ref;
  });
  const policy = rolePolicy(d, { ...parts, region: ctx.plan.region, credentials, servers });
  if (role.policyKnown && !compareRole(role.actual, policy).policy) return 'unchanged';
  if (policy) {
    await sendStep(
      ctx.aws,
      item,
      'PutRolePolicy',
      iam,
      new iamSdk.PutRolePolicyCommand({ RoleName: d.name, PolicyName: ROLE_POLICY_NAME, PolicyDocument: JSON.stringify(policy) }),
    );
    await ctx.step(item.address, 'permissions set');
    return 'updated';
  }
  const answer = await sendStep(
    ctx.aws,
    item,
    'DeleteRolePolicy',
    iam,
    new iamSdk.DeleteRolePolicyCommand({ RoleName: d.name, PolicyName: ROLE_POLICY_NAME }),
    'not-found',
  );
  if (answer === 'not-found' && !role.policyKnown) return 'unchanged';
  await ctx.step(item.address, 'permissions removed');
  return 'updated';
}

export async function deleteRole(ctx: ApplyContext, item: Drop<RoleItem>): Promise<Outcome> {
  const { iamSdk, iam } = ctx.aws;
  const RoleName = item.name;
  // Each call may find the role (or policy) already gone: a deploy stopped half-way deleted it.
  const listed = await sendStep<ListRolePoliciesCommandOutput>(
    ctx.aws,
    item,
    'ListRolePolicies',
    iam,
    new iamSdk.ListRolePoliciesCommand({ RoleName }),
    'not-found',
  );
  for (const PolicyName of listed === 'not-found' ? [] : (listed.PolicyNames ?? [])) {
    await sendStep(ctx.aws, item, 'DeleteRolePolicy', iam, new iamSdk.DeleteRolePolicyCommand({ RoleName, PolicyName }), 'not-found');
    await ctx.step(item.address, `policy ${PolicyName} deleted`);
  }
  await sendStep(ctx.aws, item, 'DeleteRole', iam, new iamSdk.DeleteRoleCommand({ RoleName }), 'not-found');
  await ctx.step(item.address, 'deleted');
  await ctx.store.update((s) => {
    for (const [key, r] of Object.entries(s.roles)) if (r.roleName === RoleName) delete s.roles[key];
  });
  return 'deleted';
}
