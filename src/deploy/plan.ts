import { type Actual, type ActualCredential, type ActualGateway, type ActualRole, type ActualTarget, credentialKey } from './actual';
import { gatewayChanges, tagChanges, targetChanges, targetKind } from './compare';
import type { Desired, DesiredCredential, DesiredGateway, DesiredRole, DesiredTarget } from './desired';
import { PROJECT_TAG, projectPrefix } from './names';
import { arnParts, gatewaySpec, oauthConfigKey, rolePolicy, targetSpec } from './requests';
import { compareRole } from './role-check';
import { SETTLING } from './poll';
import type { CredentialSecrets } from './secrets';
import type { DeployedState } from './state';

/*
 * Desired against actual, resource by resource: create, update, replace (a FAILED resource or a
 * target that changes kind), delete, or no-op. Values that only exist after a dependency is
 * created (a new role's ARN, a new credential's ARN) make the dependent resource an update;
 * apply recomputes every request from what really exists at that point.
 */

export type Action = 'create' | 'update' | 'replace' | 'delete' | 'no-op';
export type ResourceKind = 'credential' | 'role' | 'gateway' | 'target';

/** One line of the plan. */
export interface Change {
  /** Stable address, e.g. `target:my-gw/weather`. */
  id: string;
  kind: ResourceKind;
  /** For people: `gateway my-gw › target weather`. */
  label: string;
  /** Name in the account. */
  name: string;
  action: Action;
  /** What differs, or why the action was chosen. */
  reasons: string[];
  /** The existing resource is still changing (CREATING, UPDATING, DELETING); apply waits for it. */
  wait?: boolean;
}

export interface CredentialItem extends Change {
  kind: 'credential';
  desired?: DesiredCredential;
  actual?: ActualCredential;
}
export interface RoleItem extends Change {
  kind: 'role';
  desired?: DesiredRole;
  actual?: ActualRole;
}
export interface GatewayItem extends Change {
  kind: 'gateway';
  desired?: DesiredGateway;
  actual?: ActualGateway;
  /** Only the tags differ (TagResource, no UpdateGateway). */
  tagsOnly?: boolean;
}
export interface TargetItem extends Change {
  kind: 'target';
  gateway: string;
  desired?: DesiredTarget;
  actual?: ActualTarget;
  /** The gateway the existing target lives on (for deletes). */
  actualGateway?: ActualGateway;
}
export type PlanItem = CredentialItem | RoleItem | GatewayItem | TargetItem;

export interface Plan {
  project: string;
  region: string;
  items: PlanItem[];
  /** Things left alone, and why (e.g. a prefixed gateway this project did not tag). */
  warnings: string[];
  desired: Desired;
  actual: Actual;
}

export interface PlanInput {
  desired: Desired;
  actual: Actual;
  region: string;
  state?: DeployedState;
  /** Secret fingerprints of the credentials whose secrets are available. */
  fingerprints: Map<string, string>;
  /** Secrets, to compare an OAuth client id given by reference. */
  secrets: Map<string, CredentialSecrets>;
}

export function hasChanges(plan: Plan): boolean {
  return plan.items.some((i) => i.action !== 'no-op');
}

export function makePlan(input: PlanInput): Plan {
  const { desired, actual } = input;
  const project = desired.project;
  const items: PlanItem[] = [];
  const warnings: string[] = [];
  const owned = (tags: Record<string, string>) => tags[PROJECT_TAG] === project;
  const localName = (name: string) => name.slice(projectPrefix(project).length);

  // Credentials.
  const wantedCredentials = new Set<string>();
  for (const d of desired.credentials) {
    const key = credentialKey(d.config.type, d.name);
    wantedCredentials.add(key);
    items.push(planCredential(d, actual.credentials.get(key), input));
  }
  for (const [key, a] of actual.credentials) {
    if (wantedCredentials.has(key)) continue;
    items.push({ id: `credential:${a.type}:${localName(a.name)}`, kind: 'credential', label: `credential ${localName(a.name)}`, name: a.name, action: 'delete', reasons: [], actual: a });
  }

  // Gateways, their roles and targets.
  const credentialArn = (key: string | undefined) => {
    const d = desired.credentials.find((c) => c.key === key);
    return d ? actual.credentials.get(credentialKey(d.config.type, d.name)) : undefined;
  };
  const wantedRoles = new Set<string>();
  for (const g of desired.gateways) {
    const a = actual.gateways.get(g.name);
    let roleArn: string | undefined;
    if ('managed' in g.role) {
      wantedRoles.add(g.role.managed.name);
      const role = planRole(g.role.managed, actual.roles.get(g.role.managed.name), input.region, credentialArn);
      items.push(role);
      roleArn = role.actual?.arn;
    } else roleArn = g.role.arn;
    const gateway = planGateway(g, a, roleArn);
    items.push(gateway);
    const gone = gateway.action === 'create' || gateway.action === 'replace';
    for (const t of g.targets) {
      items.push(planTarget(g, t, gone ? undefined : a?.targets.get(t.key), credentialArn(t.credential)));
    }
    if (a) {
      const wanted = new Set(g.targets.map((t) => t.key));
      for (const t of a.targets.values()) {
        if (!gone && wanted.has(t.name)) continue;
        items.push(deleteTarget(g.key, t, a));
      }
    }
  }
  for (const [name, a] of actual.gateways) {
    if (desired.gateways.some((g) => g.name === name)) continue;
    if (!owned(a.tags)) {
      warnings.push(`gateway "${name}" starts with "${projectPrefix(project)}" but is not tagged as this project's; left alone`);
      continue;
    }
    const key = localName(name);
    for (const t of a.targets.values()) items.push(deleteTarget(key, t, a));
    items.push({ id: `gateway:${key}`, kind: 'gateway', label: `gateway ${key}`, name, action: 'delete', reasons: statusNote(a.status), actual: a });
  }
  for (const [name, r] of actual.roles) {
    if (wantedRoles.has(name)) continue;
    items.push({ id: `role:${name}`, kind: 'role', label: `role ${name}`, name, action: 'delete', reasons: [], actual: r });
  }
  return { project, region: input.region, items, warnings, desired, actual };
}

function planCredential(d: DesiredCredential, a: ActualCredential | undefined, input: PlanInput): CredentialItem {
  const base = { id: `credential:${d.config.type}:${d.key}`, kind: 'credential' as const, label: `credential ${d.key}`, name: d.name, desired: d };
  if (!a) return { ...base, action: 'create', reasons: [d.config.type] };
  const reasons: string[] = [];
  if (d.config.type === 'oauth') {
    const o = a.oauth ?? {};
    if (o.vendor !== d.config.vendor) reasons.push('vendor');
    const key = oauthConfigKey(d.config.vendor);
    if (key === 'customOauth2ProviderConfig' && o.discoveryUrl !== d.config.discoveryUrl) reasons.push('discoveryUrl');
    const clientId = d.config.clientId ?? input.secrets.get(d.key)?.clientId;
    if (clientId !== undefined && o.clientId !== clientId) reasons.push('clientId');
  }
  const fingerprint = input.fingerprints.get(d.key);
  const known = input.state?.region === input.region ? input.state.credentials[d.key] : undefined;
  if (fingerprint !== undefined) {
    if (!known || known.credentialProviderArn !== a.arn || !known.secretFingerprint) reasons.push('secret (not recorded by an earlier deploy)');
    else if (known.secretFingerprint !== fingerprint) reasons.push('secret');
  }
  return { ...base, action: reasons.length > 0 ? 'update' : 'no-op', reasons, actual: a };
}

function planRole(
  d: DesiredRole,
  a: ActualRole | undefined,
  region: string,
  credentialOf: (key: string) => ActualCredential | undefined,
): RoleItem {
  const base = { id: `role:${d.name}`, kind: 'role' as const, label: `role of gateway ${d.gateway}`, name: d.name, desired: d };
  if (!a) return { ...base, action: 'create', reasons: [] };
  const reasons: string[] = [];
  const creds = d.credentials.map(credentialOf);
  const parts = arnParts(a.arn);
  if (creds.some((c) => c === undefined) || !parts) {
    if (compareRole(a, undefined).trust) reasons.push('trust policy');
    reasons.push('permissions (credentials are created first)');
  } else {
    const policy = rolePolicy(d, {
      partition: parts.partition,
      region,
      account: parts.account,
      credentials: creds.map((c) => ({ credentialProviderArn: c!.arn, ...(c!.secretArn ? { secretArn: c!.secretArn } : {}), type: c!.type })),
    });
    const diff = compareRole(a, policy);
    if (diff.trust) reasons.push('trust policy');
    if (diff.policy) reasons.push('permissions');
  }
  return { ...base, action: reasons.length > 0 ? 'update' : 'no-op', reasons, actual: a };
}

function planGateway(d: DesiredGateway, a: ActualGateway | undefined, roleArn: string | undefined): GatewayItem {
  const base = { id: `gateway:${d.key}`, kind: 'gateway' as const, label: `gateway ${d.key}`, name: d.name, desired: d };
  if (!a) return { ...base, action: 'create', reasons: [`inbound auth ${d.config.authorizerType}`] };
  if (a.status === 'DELETING') return { ...base, action: 'create', reasons: ['the old one is being deleted'], wait: true, actual: a };
  if (a.status === 'FAILED') return { ...base, action: 'replace', reasons: [`FAILED${a.statusReasons?.length ? `: ${a.statusReasons.join('; ')}` : ''}`], actual: a };
  const reasons = roleArn === undefined ? ['roleArn (role is created first)'] : gatewayChanges(gatewaySpec(d, roleArn), a);
  if (a.status === 'UPDATE_UNSUCCESSFUL') reasons.push('last update was unsuccessful');
  const tags = tagChanges(d.tags, a.tags);
  const wait = SETTLING.has(a.status);
  if (reasons.length === 0 && tags.changed) return { ...base, action: 'update', reasons: ['tags'], tagsOnly: true, actual: a, ...(wait ? { wait } : {}) };
  if (tags.changed) reasons.push('tags');
  return { ...base, action: reasons.length > 0 ? 'update' : 'no-op', reasons: [...reasons, ...statusNote(a.status)], actual: a, ...(wait ? { wait } : {}) };
}

function planTarget(g: DesiredGateway, d: DesiredTarget, a: ActualTarget | undefined, credential: ActualCredential | undefined): TargetItem {
  const base = { id: `target:${g.key}/${d.key}`, kind: 'target' as const, gateway: g.key, label: `gateway ${g.key} › target ${d.key}`, name: d.key, desired: d };
  if (!a) return { ...base, action: 'create', reasons: [d.config.type] };
  if (a.status === 'DELETING') return { ...base, action: 'create', reasons: ['the old one is being deleted'], wait: true, actual: a };
  if (a.status === 'FAILED') return { ...base, action: 'replace', reasons: [`FAILED${a.statusReasons?.length ? `: ${a.statusReasons.join('; ')}` : ''}`], actual: a };
  const spec = targetSpec(d, credential ? { credentialProviderArn: credential.arn } : undefined);
  if (targetKind(spec.targetConfiguration) !== targetKind(a.detail.targetConfiguration)) {
    return { ...base, action: 'replace', reasons: [`type changes to ${d.config.type}`], actual: a };
  }
  const reasons = d.credential && !credential ? ['credential (created first)'] : targetChanges(spec, a);
  if (a.status === 'UPDATE_UNSUCCESSFUL') reasons.push('last update was unsuccessful');
  const wait = SETTLING.has(a.status);
  return { ...base, action: reasons.length > 0 ? 'update' : 'no-op', reasons: [...reasons, ...statusNote(a.status)], actual: a, ...(wait ? { wait } : {}) };
}

function deleteTarget(gateway: string, t: ActualTarget, g: ActualGateway): TargetItem {
  return {
    id: `target:${gateway}/${t.name}`,
    kind: 'target',
    gateway,
    label: `gateway ${gateway} › target ${t.name}`,
    name: t.name,
    action: 'delete',
    reasons: statusNote(t.status),
    actual: t,
    actualGateway: g,
  };
}

function statusNote(status: string): string[] {
  return status === 'READY' ? [] : [`now ${status}`];
}
