import type { GetRoleCommandOutput, GetRolePolicyCommandOutput, ListRolePoliciesCommandOutput } from '@aws-sdk/client-iam';
import { parsePolicy, roleTags } from './actual';
import type { ServerAddress } from './address';
import type { ApplyContext } from './apply-context';
import { callerAccount } from './artifact-bucket';
import { sameValue } from './compare';
import { partitionOf } from './deploy-policy';
import type { DesiredServer } from './desired-servers';
import { DeployError, returned } from './errors';
import { PROJECT_TAG } from './names';
import { arnParts } from './requests';
import { sendStep } from './send-step';
import { SERVER_POLICY_NAME, serverRolePolicy, serverTrustPolicy } from './server-role';

/*
 * Creates (or takes back) a managed server's execution role and keeps its trust and permissions
 * as `server-role.ts` says. A role of that name is the project's when the state records it for
 * the server, or it carries the project tag; any other is refused, never changed.
 */

/** Returns the role's ARN and whether anything was written. */
export async function ensureServerRole(ctx: ApplyContext, d: DesiredServer, address: ServerAddress, label: string): Promise<{ arn: string; changed: boolean }> {
  const { iamSdk, iam } = ctx.aws;
  const of = { label: `${label} › execution role` };
  const { name, path } = d.role;
  const existing = await sendStep<GetRoleCommandOutput>(ctx.aws, of, 'GetRole', iam, new iamSdk.GetRoleCommand({ RoleName: name }), 'not-found');
  let changed = false;
  let arn: string;
  let heldTrust: unknown;
  if (existing === 'not-found') {
    // Lambda's trust names no account; the Runtime's does, and then the account comes from STS.
    const at =
      d.host === 'AgentCoreRuntime' ? { partition: partitionOf(ctx.aws.region), region: ctx.aws.region, account: await callerAccount(ctx.aws) } : undefined;
    const trust = serverTrustPolicy(d.host, at ?? { partition: '', region: '', account: '' });
    const created = await sendStep<{ Role?: { Arn?: string } }>(
      ctx.aws,
      of,
      'CreateRole',
      iam,
      new iamSdk.CreateRoleCommand({
        RoleName: name,
        Path: path,
        AssumeRolePolicyDocument: JSON.stringify(trust),
        Description: `MCP server ${d.key} of project ${ctx.plan.project} on ${d.host} (managed by agentcore-projen)`,
        Tags: [{ Key: PROJECT_TAG, Value: ctx.plan.project }],
      }),
    );
    arn = returned(created.Role?.Arn, 'CreateRole', 'Role.Arn');
    heldTrust = trust;
    changed = true;
    await ctx.step(address, 'execution role created');
  } else {
    const role = returned(existing.Role, 'GetRole', 'Role');
    arn = returned(role.Arn, 'GetRole', 'Role.Arn');
    const ours = ctx.store.state.servers[d.key]?.roleArn === arn || roleTags(role.Tags)[PROJECT_TAG] === ctx.plan.project;
    if (!ours) {
      throw new DeployError(
        `${of.label}: a role named "${name}" already exists and nothing shows this project made it (it is not recorded in agentcore/deployed-state.json ` +
          `or tagged ${PROJECT_TAG}=${ctx.plan.project}), so it was left alone. Rename the target in .projenrc.ts, or delete that role if it is not used`,
        of.label,
      );
    }
    heldTrust = parsePolicy(role.AssumeRolePolicyDocument);
  }
  const parts = arnParts(arn);
  if (!parts) throw new DeployError(`${of.label}: unexpected role ARN ${arn}`, of.label);
  const at = { partition: parts.partition, region: ctx.aws.region, account: parts.account };
  const trust = serverTrustPolicy(d.host, at);
  if (!sameValue(heldTrust, trust)) {
    await sendStep(
      ctx.aws,
      of,
      'UpdateAssumeRolePolicy',
      iam,
      new iamSdk.UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify(trust) }),
    );
    changed = true;
  }
  const policy = serverRolePolicy(d.host, d.name, at);
  const current =
    existing === 'not-found'
      ? 'not-found'
      : await sendStep<GetRolePolicyCommandOutput>(
          ctx.aws,
          of,
          'GetRolePolicy',
          iam,
          new iamSdk.GetRolePolicyCommand({ RoleName: name, PolicyName: SERVER_POLICY_NAME }),
          'not-found',
        );
  if (current === 'not-found' || !sameValue(parsePolicy(current.PolicyDocument), policy)) {
    await sendStep(
      ctx.aws,
      of,
      'PutRolePolicy',
      iam,
      new iamSdk.PutRolePolicyCommand({ RoleName: name, PolicyName: SERVER_POLICY_NAME, PolicyDocument: JSON.stringify(policy) }),
    );
    await ctx.step(address, 'execution role permissions set');
    changed = true;
  }
  return { arn, changed };
}

/** Deletes a role deploy made for a server (its inline policies first); one already gone is fine. */
export async function deleteServerRole(ctx: ApplyContext, roleArn: string, label: string): Promise<void> {
  // Only a role under the project's path is one deploy made.
  if (!roleArn.includes(`:role/agentcore-projen/${ctx.plan.project}/`)) return;
  const RoleName = roleArn.split('/').pop()!;
  const { iamSdk, iam } = ctx.aws;
  const of = { label: `${label} › execution role` };
  const listed = await sendStep<ListRolePoliciesCommandOutput>(
    ctx.aws,
    of,
    'ListRolePolicies',
    iam,
    new iamSdk.ListRolePoliciesCommand({ RoleName }),
    'not-found',
  );
  for (const PolicyName of listed === 'not-found' ? [] : (listed.PolicyNames ?? [])) {
    await sendStep(ctx.aws, of, 'DeleteRolePolicy', iam, new iamSdk.DeleteRolePolicyCommand({ RoleName, PolicyName }), 'not-found');
  }
  await sendStep(ctx.aws, of, 'DeleteRole', iam, new iamSdk.DeleteRoleCommand({ RoleName }), 'not-found');
}
