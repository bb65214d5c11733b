import type { ProjectConfig } from '../model/config';
import { type AgentPackage, packageAgent } from '../package';
import { formatAddress, runtimeAddress } from './address';
import { artifactBucketFor, artifactKey } from './artifact-names';
import { arnParts } from './requests';
import type { DesiredRuntime } from './desired-runtimes';
import { serverRuntimeNames } from './desired-servers';
import { PROJECT_TAG } from './names';
import { foreignMessage, type Ownership } from './ownership';
import type { Action, Plan } from './plan';
import type { Change } from './plan-view';
import { SETTLING } from './poll';
import { type ActualRuntime, type ActualRuntimeRole, type ActualRuntimes, managedRoleName, runtimePrefix } from './runtime-actual';
import { agentRolePolicy, type AgentResources } from './runtime-role';
import { runtimeDifferences, runtimeEnv, runtimeSpec } from './runtime-spec';
import { sameValue } from './compare';
import type { DeployedState } from './state';

/*
 * The agents' rows of the plan, exact before anything is asked or applied: each deployed agent is
 * packaged (content-hash cached, so cheap when nothing changed) and compared with its runtime as
 * the service has it (code hash, environment, role, network, Python, protocol) and with its
 * execution role's permissions. A value that depends on a resource created in the same run (a new
 * gateway's URL, a new role's ARN) is named as the reason of an update rather than guessed.
 */

export interface RuntimeItem {
  /** The agent's name in the model. */
  agent: string;
  /** Name in the account (`<project>_<agent>`). */
  name: string;
  action: Action;
  reasons: string[];
  /** The runtime is still changing (CREATING, UPDATING, DELETING); apply waits for it. */
  wait?: boolean;
  desired?: DesiredRuntime;
  /** The project's runtime as the service has it (a create has none, or one being deleted). */
  actual?: ActualRuntime;
  /** The managed execution role as it exists (absent: created by apply). */
  role?: ActualRuntimeRole;
  /** The package, when planning made it. */
  pkg?: AgentPackage;
  /** A delete: the execution role deploy made for it, to delete after it. */
  roleToDelete?: string;
}

export interface RuntimePlan {
  items: RuntimeItem[];
  conflicts: string[];
  warnings: string[];
}

export interface RuntimePlanInput {
  config: ProjectConfig;
  desired: readonly DesiredRuntime[];
  actual: ActualRuntimes;
  /** The plan of everything else (gateways' URLs and ARNs, credentials' ARNs). */
  plan: Plan;
  state: DeployedState | undefined;
  ownership: Ownership;
  projectDir: string;
  uv?: string;
}

export async function planRuntimes(input: RuntimePlanInput): Promise<RuntimePlan> {
  const { config, actual, ownership: own, plan } = input;
  const project = config.name;
  const conflicts: string[] = [];
  const warnings: string[] = [];
  const recordedIds = new Set(Object.values(input.state?.runtimes ?? {}).map((r) => r.agentRuntimeId));
  const recordedRoles = new Set(Object.values(input.state?.runtimes ?? {}).map((r) => r.roleArn));
  const runtimeIsOurs = (a: ActualRuntime, agent: string) => recordedIds.has(a.id) || own.intended(runtimeAddress(agent)) || a.tags[PROJECT_TAG] === project;
  const roleIsOurs = (r: ActualRuntimeRole) => recordedRoles.has(r.arn) || r.tags[PROJECT_TAG] === project;
  const foreign = (kind: 'agent runtime' | 'execution role', agent: string, name: string) =>
    conflicts.push(foreignMessage({ kind, label: `agent ${agent}`, name, region: plan.region, project, command: plan.command }));

  const items: RuntimeItem[] = [];
  const usedRoles = new Set<string>();
  for (const d of input.desired) {
    let a = actual.runtimes.get(d.name);
    const adopted = !!a && !runtimeIsOurs(a, d.key);
    if (adopted && !own.adopt) {
      foreign('agent runtime', d.key, d.name);
      a = undefined;
    }
    let role: ActualRuntimeRole | undefined;
    if ('managed' in d.role) {
      usedRoles.add(d.role.managed.name);
      role = actual.roles.get(d.role.managed.name);
      if (role && !roleIsOurs(role) && !own.adopt) {
        foreign('execution role', d.key, role.name);
        role = undefined;
      }
    }
    const item = await planRuntime(input, d, a, role);
    items.push(adopted && a ? { ...item, reasons: ['adopted: not made by this project', ...item.reasons] } : item);
  }

  // Runtimes of the project the model no longer deploys (all of them, for destroy).
  const wanted = new Set(input.desired.map((d) => d.name));
  // Managed MCP servers' runtimes share the prefix; they are deployed and removed with their targets.
  const servers = serverRuntimeNames(config, input.state);
  const prefix = runtimePrefix(project);
  const agentOf = (name: string) => name.slice(prefix.length);
  for (const a of actual.runtimes.values()) {
    if (wanted.has(a.name) || servers.has(a.name)) continue;
    if (!runtimeIsOurs(a, agentOf(a.name))) {
      warnings.push(`agent runtime "${a.name}" starts with "${prefix}" but was not made by this project; left alone`);
      continue;
    }
    const roleName = managedRoleName(a.detail.roleArn, project);
    if (roleName) usedRoles.add(roleName);
    items.push({
      agent: agentOf(a.name),
      name: a.name,
      action: 'delete',
      reasons: [plan.command === 'destroy' ? 'destroy' : 'no longer deployed by the model'],
      actual: a,
      ...(roleName && actual.roles.has(roleName) ? { roleToDelete: roleName } : {}),
    });
  }
  // An execution role left without its runtime (a deploy stopped between the two, or a runtime deleted by hand).
  for (const r of actual.roles.values()) {
    if (usedRoles.has(r.name) || !roleIsOurs(r)) continue;
    const agent = agentOfRole(r.name, config, input.state) ?? r.name;
    items.push({ agent, name: r.name, action: 'delete', reasons: ['execution role without a runtime'], roleToDelete: r.name });
  }
  return { items, conflicts, warnings };
}

async function planRuntime(
  input: RuntimePlanInput,
  d: DesiredRuntime,
  a: ActualRuntime | undefined,
  role: ActualRuntimeRole | undefined,
): Promise<RuntimeItem> {
  const base = { agent: d.key, name: d.name, desired: d, ...(role ? { role } : {}) };
  if (!a) {
    const gone = input.state?.runtimes[d.key] ? 'recorded by an earlier deploy but no longer in the account' : 'new on AgentCore Runtime';
    return { ...base, action: 'create', reasons: [gone] };
  }
  if (a.status === 'DELETING') return { ...base, action: 'create', reasons: ['the old one is being deleted'], wait: true, actual: a };

  const pkg = await packageAgent({ projectDir: input.projectDir, agent: d.key, runtime: d.pythonRuntime, ...(input.uv ? { uv: input.uv } : {}) });
  const reasons: string[] = [];
  const at = arnParts(a.arn);
  const bucket = artifactBucketFor(input.config, at?.account ?? '', input.plan.region);

  // Values only known once something of this run exists: named as reasons, compared as they are now.
  const current = a.detail.environmentVariables ?? {};
  const env = runtimeEnv(input.config, (g) => gatewayItem(input.plan, g)?.actual?.url);
  for (const g of input.config.agentCoreGateways) {
    const planned = gatewayItem(input.plan, g.name);
    if (planned?.action !== 'create' && planned?.action !== 'replace') continue;
    reasons.push(`gateway ${g.name} is ${planned.action === 'create' ? 'new' : 'replaced'}: its URL is set when it is created`);
    for (const name of [g.env.url, g.env.authType]) if (current[name] !== undefined) env[name] = current[name];
  }
  let roleArn = 'arn' in d.role ? d.role.arn : role?.arn;
  if (roleArn === undefined) {
    reasons.push('execution role is new: its ARN is set when it is created');
    roleArn = a.detail.roleArn ?? '';
  }
  const spec = runtimeSpec(d, { bucket, key: artifactKey(input.plan.project, d.key, pkg.sha256), roleArn, env });
  reasons.push(...runtimeDifferences(spec, a.detail));
  if (role && at) reasons.push(...permissionChanges(input, d, role, { partition: at.partition, account: at.account }));
  if (a.tags[PROJECT_TAG] !== input.plan.project) reasons.push('tags');
  if (a.status === 'CREATE_FAILED' || a.status === 'UPDATE_FAILED') {
    reasons.push(`${a.status}${a.detail.failureReason ? `: ${a.detail.failureReason}` : ''}`);
  }
  const wait = SETTLING.has(a.status);
  return {
    ...base,
    action: reasons.length > 0 ? 'update' : 'no-op',
    reasons: [...reasons, ...(a.status === 'READY' || reasons.length > 0 ? [] : [`now ${a.status}`])],
    actual: a,
    pkg,
    ...(wait ? { wait } : {}),
  };
}

/** Whether the execution role's permissions would change, and why. */
function permissionChanges(input: RuntimePlanInput, d: DesiredRuntime, role: ActualRuntimeRole, where: { partition: string; account: string }): string[] {
  const agent = input.config.runtimes.find((r) => r.name === d.key);
  if (!agent) return [];
  const { policy, pending } = agentRolePolicy(agent, input.config, { ...where, region: input.plan.region, runtimeName: d.name }, plannedResources(input.plan));
  if (pending.length > 0) return [`execution role permissions: ${pending.join(', ')} ${pending.length === 1 ? 'is' : 'are'} created first`];
  return sameValue(policy, role.policy) ? [] : ['execution role permissions'];
}

/** ARNs of the gateways and credentials the plan keeps that exist now (one it creates has none yet). */
function plannedResources(plan: Plan): AgentResources {
  return {
    gatewayArn: (g) => {
      const item = gatewayItem(plan, g);
      return item && item.action !== 'create' && item.action !== 'replace' ? item.actual?.arn : undefined;
    },
    credential: (name) => {
      const item = plan.items.find((i) => i.kind === 'credential' && i.action !== 'delete' && i.address.credential === name);
      if (!item || item.kind !== 'credential' || item.action === 'create' || !item.actual) return undefined;
      const c = item.actual;
      return { credentialProviderArn: c.arn, ...(c.secretArn ? { secretArn: c.secretArn } : {}), type: c.type };
    },
  };
}

function gatewayItem(plan: Plan, gateway: string) {
  const item = plan.items.find((i) => i.kind === 'gateway' && i.action !== 'delete' && i.address.gateway === gateway);
  return item?.kind === 'gateway' && item.action !== 'delete' ? item : undefined;
}

function agentOfRole(role: string, config: ProjectConfig, state: DeployedState | undefined): string | undefined {
  const fromModel = config.runtimes.find((r) => r.managedRoleName === role)?.name;
  if (fromModel) return fromModel;
  return Object.entries(state?.runtimes ?? {}).find(([, r]) => r.roleArn.endsWith(`/${role}`))?.[0];
}

/** The agents' rows of the plan view. */
export function runtimeRows(p: RuntimePlan): Change[] {
  return p.items.map((i) => ({
    id: formatAddress(runtimeAddress(i.agent)),
    kind: 'runtime',
    label: `agent ${i.agent}`,
    name: i.name,
    action: i.action,
    reasons: i.reasons,
    ...(i.wait ? { wait: true } : {}),
  }));
}
