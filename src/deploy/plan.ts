import { type Actual, type ActualCredential, type ActualGateway, type ActualRole, type ActualTarget, credentialKey } from './actual';
import {
  type Address,
  type CredentialAddress,
  credentialAddress,
  type GatewayAddress,
  gatewayAddress,
  labelOf,
  type RoleAddress,
  roleAddress,
  type TargetAddress,
  targetAddress,
} from './address';
import { gatewayChanges, tagChanges, targetChanges, targetKind } from './compare';
import type { Desired, DesiredCredential, DesiredGateway, DesiredRole, DesiredTarget } from './desired';
import { modelName, projectPrefix } from './names';
import { foreignMessage, type OwnedKind, type Ownership } from './ownership';
import { arnParts, gatewaySpec, oauthConfigKey, rolePolicy, type ServerRef, targetSpec } from './requests';
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
export type ResourceKind = Address['kind'];

/** What every line of the plan has. */
interface Row<K extends ResourceKind, A extends Address> {
  kind: K;
  address: A;
  /** For people: `gateway my-gw › target weather`. */
  label: string;
  /** Name in the account. */
  name: string;
  /** What differs, or why the action was chosen. */
  reasons: string[];
  /** The existing resource is still changing (CREATING, UPDATING, DELETING); apply waits for it. */
  wait?: boolean;
}

/**
 * A resource the model wants. A create may still see an old one (being deleted, waited out);
 * every other action starts from the one that exists.
 */
type Wanted<K extends ResourceKind, A extends Address, D, X> =
  (Row<K, A> & { action: 'create'; desired: D; actual?: X }) | (Row<K, A> & { action: 'update' | 'replace' | 'no-op'; desired: D; actual: X });

/** A resource the model no longer wants (or never declared) that the project made. */
type Unwanted<K extends ResourceKind, A extends Address, X> = Row<K, A> & { action: 'delete'; actual: X };

export type CredentialItem =
  Wanted<'credential', CredentialAddress, DesiredCredential, ActualCredential> | Unwanted<'credential', CredentialAddress, ActualCredential>;
export type RoleItem = Wanted<'role', RoleAddress, DesiredRole, ActualRole> | Unwanted<'role', RoleAddress, ActualRole>;
export type GatewayItem =
  | (Wanted<'gateway', GatewayAddress, DesiredGateway, ActualGateway> & {
      /** Only the tags differ (TagResource, no UpdateGateway). */
      tagsOnly?: boolean;
    })
  | Unwanted<'gateway', GatewayAddress, ActualGateway>;
export type TargetItem =
  | Wanted<'target', TargetAddress, DesiredTarget, ActualTarget>
  | (Unwanted<'target', TargetAddress, ActualTarget> & {
      /** The gateway the existing target lives on. */
      actualGateway: ActualGateway;
    });
export type PlanItem = CredentialItem | RoleItem | GatewayItem | TargetItem;
/** The items of a kind whose resource the model wants (anything but a delete). */
export type Keep<I extends PlanItem = PlanItem> = Exclude<I, { action: 'delete' }>;
/** The items of a kind whose resource goes. */
export type Drop<I extends PlanItem = PlanItem> = Extract<I, { action: 'delete' }>;

export interface Plan {
  project: string;
  region: string;
  items: PlanItem[];
  /** Things left alone, and why (e.g. a prefixed gateway this project did not make). */
  warnings: string[];
  /** Resources the plan needs but may not touch (see ownership.ts); a plan with any is not applied. */
  conflicts: string[];
  command: 'deploy' | 'destroy';
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
  /** Managed servers the last deploy recorded, by `<gateway>/<target>` (deployed before their targets). */
  servers: Map<string, ServerRef>;
  /** Decides which existing resources are the project's. */
  ownership: Ownership;
  /**
   * Names in the account the model declares (gateways, roles, and credentials as
   * `<type>:<name>`): what `--adopt` may take over, for destroy too, whose desired side is empty.
   */
  declared: Set<string>;
  command: 'deploy' | 'destroy';
}

export function hasChanges(plan: Plan): boolean {
  return plan.items.some((i) => i.action !== 'no-op');
}

export function makePlan(input: PlanInput): Plan {
  const { desired, actual, ownership: own } = input;
  const project = desired.project;
  const items: PlanItem[] = [];
  const warnings: string[] = [];
  const conflicts: string[] = [];
  const foreign = (kind: OwnedKind, label: string, name: string) =>
    conflicts.push(foreignMessage({ kind, label, name, region: input.region, project, command: input.command }));
  const adopted = <T extends PlanItem>(item: T): T => ({ ...item, reasons: ['adopted: not made by this project', ...item.reasons] });

  // Credentials: a same-named provider the project did not make is never updated or deleted.
  const wantedCredentials = new Set<string>();
  const usableCredentials = new Map<string, ActualCredential>();
  for (const d of desired.credentials) {
    const key = credentialKey(d.config.type, d.name);
    wantedCredentials.add(key);
    const a = actual.credentials.get(key);
    if (a && !own.credential(a, credentialAddress(d.config.type, d.key))) {
      if (!own.adopt) {
        foreign('credential provider', labelOf(credentialAddress(d.config.type, d.key)), d.name);
        items.push(planCredential(d, undefined, input));
        continue;
      }
      items.push(adopted(planCredential(d, a, input)));
    } else items.push(planCredential(d, a, input));
    if (a) usableCredentials.set(d.key, a);
  }
  for (const [key, a] of actual.credentials) {
    if (wantedCredentials.has(key)) continue;
    const address = credentialAddress(a.type, modelName(project, a.name));
    if (!own.credential(a, address) && !(own.adopt && input.declared.has(key))) {
      warnings.push(`credential provider "${a.name}" was not made by this project; left alone`);
      continue;
    }
    items.push({ kind: 'credential', address, label: labelOf(address), name: a.name, action: 'delete', reasons: [], actual: a });
  }

  // Gateways, their roles and targets.
  const credentialArn = (key: string | undefined) => (key === undefined ? undefined : usableCredentials.get(key));
  const wantedRoles = new Set<string>();
  for (const g of desired.gateways) {
    const address = gatewayAddress(g.key);
    const found = actual.gateways.get(g.name);
    const adoptGateway = !!found && !own.gateway(found, address);
    if (adoptGateway && !own.adopt) foreign('gateway', labelOf(address), g.name);
    // A gateway left alone is planned as absent (the plan is refused anyway).
    const a = adoptGateway && !own.adopt ? undefined : found;
    let roleArn: string | undefined;
    if ('managed' in g.role) {
      const d = g.role.managed;
      wantedRoles.add(d.name);
      let r = actual.roles.get(d.name);
      const adoptRole = !!r && !own.role(r);
      if (adoptRole && !own.adopt) {
        foreign('role', roleLabel(d), d.name);
        r = undefined;
      }
      const role = planRole(d, r, input.region, credentialArn, input.servers);
      items.push(adoptRole && r ? adopted(role) : role);
      roleArn = role.actual?.arn;
    } else roleArn = g.role.arn;
    const gateway = planGateway(g, a, roleArn);
    items.push(adoptGateway && a ? adopted(gateway) : gateway);
    const gone = gateway.action === 'create' || gateway.action === 'replace';
    if (!a) {
      for (const t of g.targets) items.push(planTarget(g, t, undefined, credentialArn(t.credential), input.region, input.servers));
      continue;
    }
    // Targets of an adopted gateway are adopted with it; otherwise each must show it is ours.
    const ours = (t: ActualTarget) => own.adopt || own.target(a, t, targetAddress(g.key, t.name));
    for (const t of g.targets) {
      let at = gone ? undefined : a.targets.get(t.key);
      if (at && !ours(at)) {
        foreign('target', labelOf(targetAddress(g.key, t.key)), t.key);
        at = undefined;
      }
      items.push(planTarget(g, t, at, credentialArn(t.credential), input.region, input.servers));
    }
    const wanted = new Set(g.targets.map((t) => t.key));
    for (const t of a.targets.values()) {
      if (!gone && wanted.has(t.name)) continue;
      if (ours(t)) items.push(deleteTarget(g.key, t, a));
      else if (gone) conflicts.push(heldTarget(g.key, t.name, input.command));
      else warnings.push(`${labelOf(address)} › target "${t.name}" was not made by this project; left alone`);
    }
  }
  for (const [name, a] of actual.gateways) {
    if (desired.gateways.some((g) => g.name === name)) continue;
    const address = gatewayAddress(modelName(project, name));
    if (!own.gateway(a, address) && !(own.adopt && input.declared.has(name))) {
      warnings.push(`gateway "${name}" starts with "${projectPrefix(project)}" but was not made by this project; left alone`);
      continue;
    }
    for (const t of a.targets.values()) {
      if (own.adopt || own.target(a, t, targetAddress(address.gateway, t.name))) items.push(deleteTarget(address.gateway, t, a));
      else conflicts.push(heldTarget(address.gateway, t.name, input.command));
    }
    items.push({ kind: 'gateway', address, label: labelOf(address), name, action: 'delete', reasons: statusNote(a.status), actual: a });
  }
  for (const [name, r] of actual.roles) {
    if (wantedRoles.has(name)) continue;
    if (!own.role(r) && !(own.adopt && input.declared.has(name))) {
      warnings.push(`role "${name}" was not made by this project; left alone`);
      continue;
    }
    const address = roleAddress(name);
    items.push({ kind: 'role', address, label: labelOf(address), name, action: 'delete', reasons: [], actual: r });
  }
  return { project, region: input.region, items, warnings, conflicts, command: input.command, desired, actual };
}

/** A managed role is shown as its gateway's. */
function roleLabel(d: DesiredRole): string {
  return `role of ${labelOf(gatewayAddress(d.gateway))}`;
}

/** A gateway that must go still holds a target the project did not make (the service refuses). */
function heldTarget(gateway: string, target: string, command: string): string {
  return (
    `${labelOf(gatewayAddress(gateway))}: cannot be deleted while it holds target "${target}", which this project did not make; ` +
    `delete that target yourself, or run \`npx projen ${command} --adopt\` to delete it too`
  );
}

function planCredential(d: DesiredCredential, a: ActualCredential | undefined, input: PlanInput): CredentialItem {
  const address = credentialAddress(d.config.type, d.key);
  const base = { kind: 'credential' as const, address, label: labelOf(address), name: d.name, desired: d };
  if (!a) return { ...base, action: 'create', reasons: [d.config.type] };
  const reasons: string[] = [];
  if (d.config.type === 'oauth') {
    const o = a.oauth ?? {};
    if (o.vendor !== d.config.vendor) reasons.push('vendor');
    const key = oauthConfigKey(d.config.vendor);
    if (key === 'customOauth2ProviderConfig' && o.discoveryUrl !== d.config.discoveryUrl) reasons.push('discoveryUrl');
    const clientId = d.config.clientId ?? input.secrets.get(d.key)?.clientId;
    if (clientId !== undefined && o.clientId !== clientId) reasons.push('clientId');
    // Its client comes from an identity provider that has none yet: it is set once the provider has one.
    if (d.config.identityProvider && !input.secrets.has(d.key)) reasons.push('client (identity provider is created first)');
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
  deployed: Map<string, ServerRef>,
): RoleItem {
  const base = { kind: 'role' as const, address: roleAddress(d.name), label: roleLabel(d), name: d.name, desired: d };
  if (!a) return { ...base, action: 'create', reasons: [] };
  const reasons: string[] = [];
  const creds = d.credentials.map(credentialOf).filter((c): c is ActualCredential => c !== undefined);
  const servers = d.servers.map((key) => deployed.get(key)).filter((s): s is ServerRef => s !== undefined);
  const parts = arnParts(a.arn);
  if (creds.length < d.credentials.length || servers.length < d.servers.length || !parts) {
    if (compareRole(a, undefined).trust) reasons.push('trust policy');
    reasons.push(servers.length < d.servers.length ? 'permissions (managed servers are deployed first)' : 'permissions (credentials are created first)');
  } else {
    const policy = rolePolicy(d, {
      partition: parts.partition,
      region,
      account: parts.account,
      credentials: creds.map((c) => ({ credentialProviderArn: c.arn, ...(c.secretArn ? { secretArn: c.secretArn } : {}), type: c.type })),
      servers,
    });
    const diff = compareRole(a, policy);
    if (diff.trust) reasons.push('trust policy');
    if (diff.policy) reasons.push('permissions');
  }
  return { ...base, action: reasons.length > 0 ? 'update' : 'no-op', reasons, actual: a };
}

function planGateway(d: DesiredGateway, a: ActualGateway | undefined, roleArn: string | undefined): GatewayItem {
  const address = gatewayAddress(d.key);
  const base = { kind: 'gateway' as const, address, label: labelOf(address), name: d.name, desired: d };
  if (!a) return { ...base, action: 'create', reasons: [`inbound auth ${d.config.authorizerType}`] };
  if (a.status === 'DELETING') return { ...base, action: 'create', reasons: ['the old one is being deleted'], wait: true, actual: a };
  if (a.status === 'FAILED') return { ...base, action: 'replace', reasons: [failedNote(a.statusReasons)], actual: a };
  const reasons = roleArn === undefined ? ['roleArn (role is created first)'] : gatewayChanges(gatewaySpec(d, roleArn), a.detail);
  if (a.status === 'UPDATE_UNSUCCESSFUL') reasons.push('last update was unsuccessful');
  const tags = tagChanges(d.tags, a.tags);
  const wait = SETTLING.has(a.status);
  if (reasons.length === 0 && tags.changed) return { ...base, action: 'update', reasons: ['tags'], tagsOnly: true, actual: a, ...(wait ? { wait } : {}) };
  if (tags.changed) reasons.push('tags');
  return { ...base, action: reasons.length > 0 ? 'update' : 'no-op', reasons: [...reasons, ...statusNote(a.status)], actual: a, ...(wait ? { wait } : {}) };
}

function planTarget(
  g: DesiredGateway,
  d: DesiredTarget,
  a: ActualTarget | undefined,
  credential: ActualCredential | undefined,
  region: string,
  servers: Map<string, ServerRef>,
): TargetItem {
  const address = targetAddress(g.key, d.key);
  const base = { kind: 'target' as const, address, label: labelOf(address), name: d.key, desired: d };
  if (!a) return { ...base, action: 'create', reasons: [d.config.type] };
  if (a.status === 'DELETING') return { ...base, action: 'create', reasons: ['the old one is being deleted'], wait: true, actual: a };
  if (a.status === 'FAILED') return { ...base, action: 'replace', reasons: [failedNote(a.statusReasons)], actual: a };
  const server = d.server ? servers.get(d.server.key) : undefined;
  const spec = targetSpec(d, credential ? { credentialProviderArn: credential.arn } : undefined, region, server);
  if (targetKind(spec.targetConfiguration) !== targetKind(a.detail.targetConfiguration)) {
    return { ...base, action: 'replace', reasons: [`type changes to ${d.server ? `a server on ${d.server.host}` : d.config.type}`], actual: a };
  }
  const reasons =
    d.credential && !credential ? ['credential (created first)'] : d.server && !server ? ['its server (deployed first)'] : targetChanges(spec, a.detail);
  if (a.status === 'UPDATE_UNSUCCESSFUL') reasons.push('last update was unsuccessful');
  const wait = SETTLING.has(a.status);
  return { ...base, action: reasons.length > 0 ? 'update' : 'no-op', reasons: [...reasons, ...statusNote(a.status)], actual: a, ...(wait ? { wait } : {}) };
}

function deleteTarget(gateway: string, t: ActualTarget, g: ActualGateway): TargetItem {
  const address = targetAddress(gateway, t.name);
  return { kind: 'target', address, label: labelOf(address), name: t.name, action: 'delete', reasons: statusNote(t.status), actual: t, actualGateway: g };
}

function failedNote(reasons: string[] | undefined): string {
  return `FAILED${reasons?.length ? `: ${reasons.join('; ')}` : ''}`;
}

function statusNote(status: string): string[] {
  return status === 'READY' ? [] : [`now ${status}`];
}
