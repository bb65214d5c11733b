import type { GetAgentRuntimeCommandOutput, ListAgentRuntimesCommandOutput } from '@aws-sdk/client-bedrock-agentcore-control';
import type { GetRoleCommandOutput, GetRolePolicyCommandOutput } from '@aws-sdk/client-iam';
import { parsePolicy, roleTags } from './actual';
import type { Aws } from './clients';
import { isNotFound, returned } from './errors';
import type { ProjectConfig } from '../model/config';
import { parseAddress } from './address';
import { rolePath, RUNTIME_POLICY_NAME } from './names';
import type { DeployedState } from './state';

/*
 * The agents' side of what exists: the project's agent runtimes and their execution roles, read
 * before the plan is made so that the plan says what will change. Runtimes are listed and those
 * named `<project>_...` read with their tags (which show whose a runtime is once the state is
 * lost); a runtime the state records but the list does not show yet (lists lag behind a create)
 * is read by its id. Execution roles are read by name, with the inline policy deploy manages.
 */

export interface ActualRuntime {
  id: string;
  arn: string;
  name: string;
  status: string;
  detail: GetAgentRuntimeCommandOutput;
  tags: Record<string, string>;
}

export interface ActualRuntimeRole {
  name: string;
  arn: string;
  tags: Record<string, string>;
  /** The inline policy deploy manages, parsed; undefined when there is none. */
  policy?: unknown;
}

export interface ActualRuntimes {
  /** By name in the account. */
  runtimes: Map<string, ActualRuntime>;
  /** By role name. */
  roles: Map<string, ActualRuntimeRole>;
}

export interface RuntimeReadScope {
  project: string;
  /** List the runtimes (the model deploys agents, or the state or a pending create records some). */
  list: boolean;
  /** Ids the state records (read directly when the list does not show them). */
  recordedIds: string[];
  /** Execution roles to read, by name. */
  roles: string[];
}

/** The prefix of every runtime name of the project (`<project>_<agent>`). */
export const runtimePrefix = (project: string) => `${project}_`;

/**
 * What to read: the model's agents count for destroy too (they name what to look for when the
 * state was lost), and so do the runtimes the state and its pending creates record.
 */
export function runtimeReadScope(config: ProjectConfig, state: DeployedState | undefined): RuntimeReadScope {
  const deployable = config.runtimes.filter((r) => r.deployedName !== undefined);
  const recorded = Object.values(state?.runtimes ?? {});
  const pending = Object.keys(state?.pending ?? {}).some((k) => parseAddress(k)?.kind === 'runtime');
  return {
    project: config.name,
    list: deployable.length > 0 || recorded.length > 0 || pending,
    recordedIds: recorded.map((r) => r.agentRuntimeId),
    roles: [
      ...deployable.flatMap((r) => (r.managedRoleName ? [r.managedRoleName] : [])),
      ...recorded.flatMap((r) => managedRoleName(r.roleArn, config.name) ?? []),
    ],
  };
}

/** The name of a role deploy made for the project (under its path), or undefined for any other role. */
export function managedRoleName(roleArn: string | undefined, project: string): string | undefined {
  const marker = `:role${rolePath(project)}`;
  return roleArn?.includes(marker) ? roleArn.split('/').pop() : undefined;
}

export async function readRuntimes(aws: Aws, scope: RuntimeReadScope): Promise<ActualRuntimes> {
  const [runtimes, roles] = await Promise.all([
    scope.list ? listRuntimes(aws, scope) : new Map<string, ActualRuntime>(),
    Promise.all([...new Set(scope.roles)].map((name) => readRole(aws, name))),
  ]);
  return { runtimes, roles: new Map(roles.filter((r): r is ActualRuntimeRole => r !== undefined).map((r) => [r.name, r])) };
}

async function listRuntimes(aws: Aws, scope: RuntimeReadScope): Promise<Map<string, ActualRuntime>> {
  const prefix = runtimePrefix(scope.project);
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await aws.send<ListAgentRuntimesCommandOutput>(aws.agentcore, new aws.sdk.ListAgentRuntimesCommand({ maxResults: 100, nextToken }));
    for (const r of page.agentRuntimes ?? [])
      if (r.agentRuntimeName?.startsWith(prefix)) ids.push(returned(r.agentRuntimeId, 'ListAgentRuntimes', 'agentRuntimeId'));
    nextToken = page.nextToken;
  } while (nextToken);
  const all = [...new Set([...ids, ...scope.recordedIds])];
  const read = await Promise.all(all.map((id) => readRuntime(aws, id)));
  return new Map(read.filter((r): r is ActualRuntime => r !== undefined && r.name.startsWith(prefix)).map((r) => [r.name, r]));
}

async function readRuntime(aws: Aws, agentRuntimeId: string): Promise<ActualRuntime | undefined> {
  const op = 'GetAgentRuntime';
  const detail = await aws
    .send<GetAgentRuntimeCommandOutput>(aws.agentcore, new aws.sdk.GetAgentRuntimeCommand({ agentRuntimeId }))
    .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
  if (!detail) return undefined; // deleted since it was listed, or by hand since the state recorded it
  const arn = returned(detail.agentRuntimeArn, op, 'agentRuntimeArn');
  const tags = await aws
    .send<{ tags?: Record<string, string> }>(aws.agentcore, new aws.sdk.ListTagsForResourceCommand({ resourceArn: arn }))
    .then((t) => t.tags ?? {})
    .catch((e: unknown) => (isNotFound(e) ? {} : Promise.reject(e)));
  return {
    id: returned(detail.agentRuntimeId, op, 'agentRuntimeId'),
    arn,
    name: returned(detail.agentRuntimeName, op, 'agentRuntimeName'),
    status: returned(detail.status, op, 'status'),
    detail,
    tags,
  };
}

async function readRole(aws: Aws, name: string): Promise<ActualRuntimeRole | undefined> {
  const { iamSdk, iam } = aws;
  const got = await aws
    .send<GetRoleCommandOutput>(iam, new iamSdk.GetRoleCommand({ RoleName: name }))
    .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
  if (!got?.Role) return undefined;
  const policy = await aws
    .send<GetRolePolicyCommandOutput>(iam, new iamSdk.GetRolePolicyCommand({ RoleName: name, PolicyName: RUNTIME_POLICY_NAME }))
    .then((p) => parsePolicy(p.PolicyDocument))
    .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
  return { name, arn: returned(got.Role.Arn, 'GetRole', 'Role.Arn'), tags: roleTags(got.Role.Tags), ...(policy ? { policy } : {}) };
}
