import type {
  GetApiKeyCredentialProviderCommandOutput,
  GetGatewayCommandOutput,
  GetGatewayTargetCommandOutput,
  GetOauth2CredentialProviderCommandOutput,
  ListGatewaysCommandOutput,
  ListGatewayTargetsCommandOutput,
  ListTagsForResourceCommandOutput,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { GetRoleCommandOutput, GetRolePolicyCommandOutput } from '@aws-sdk/client-iam';
import type { Aws } from './clients';
import { isNotFound, returned } from './errors';
import { projectPrefix, ROLE_POLICY_NAME } from './names';

/*
 * The actual side of the plan, read from the service (never from the state file). Only the kinds
 * of resource the model or the deployed state involves are read, and credential providers and
 * roles only by the names the project uses, so a principal allowed just that can deploy (a model
 * whose gateways all give `roleArn` makes no IAM call at all). Gateways are listed and those
 * named `<project>-...` read with their tags; targets are read only on the gateways the project
 * may change (see ownership.ts). Reads run concurrently (bounded by `send`).
 */

export interface ActualTarget {
  id: string;
  name: string;
  status: string;
  statusReasons?: string[];
  detail: GetGatewayTargetCommandOutput;
}

export interface ActualGateway {
  id: string;
  arn: string;
  url?: string;
  name: string;
  status: string;
  statusReasons?: string[];
  detail: GetGatewayCommandOutput;
  tags: Record<string, string>;
  targets: Map<string, ActualTarget>;
}

export interface ActualCredential {
  name: string;
  type: 'oauth' | 'api-key';
  arn: string;
  secretArn?: string;
  /** OAuth: the non-secret configuration the service returns. */
  oauth?: { vendor?: string; configKey?: string; discoveryUrl?: string; clientId?: string };
  /** Read only when nothing else shows whose it is, and only where the tagging API accepts the ARN. */
  tags?: Record<string, string>;
}

export interface ActualRole {
  name: string;
  arn: string;
  trustPolicy: unknown;
  /** The inline policy deploy manages, parsed; undefined when there is none. */
  policy?: unknown;
  tags: Record<string, string>;
}

export interface Actual {
  gateways: Map<string, ActualGateway>;
  credentials: Map<string, ActualCredential>;
  roles: Map<string, ActualRole>;
}

/** A gateway's own members, as Get or Create returns them (tags and targets are read apart). */
export type GatewayFacts = Omit<ActualGateway, 'tags' | 'targets'>;

/** The gateway a Get answered, with the members the service always returns checked. */
export function gatewayFacts(detail: GetGatewayCommandOutput, op = 'GetGateway'): GatewayFacts {
  return {
    id: returned(detail.gatewayId, op, 'gatewayId'),
    arn: returned(detail.gatewayArn, op, 'gatewayArn'),
    ...(detail.gatewayUrl ? { url: detail.gatewayUrl } : {}),
    name: returned(detail.name, op, 'name'),
    status: returned(detail.status, op, 'status'),
    ...(detail.statusReasons ? { statusReasons: detail.statusReasons } : {}),
    detail,
  };
}

/** The target a Get answered, with the members the service always returns checked. */
export function actualTarget(detail: GetGatewayTargetCommandOutput): ActualTarget {
  const op = 'GetGatewayTarget';
  return {
    id: returned(detail.targetId, op, 'targetId'),
    name: returned(detail.name, op, 'name'),
    status: returned(detail.status, op, 'status'),
    ...(detail.statusReasons ? { statusReasons: detail.statusReasons } : {}),
    detail,
  };
}

/** Key of a credential provider: OAuth and API-key providers live in separate namespaces. */
export function credentialKey(type: 'oauth' | 'api-key', name: string): string {
  return `${type}:${name}`;
}

/** What to read: derived from the model and the deployed state (see `readScope`). */
export interface ReadScope {
  project: string;
  /** List the gateways (the model or the state has some). */
  gateways: boolean;
  /**
   * Ids the last deploy recorded. Lists can lag behind a create; an id the list does not show is
   * looked up directly, so a resource that was just made is found rather than made again.
   */
  gatewayIds: string[];
  targetIds: Map<string, string[]>;
  /** Credential providers to look up, by type and name in the account. */
  credentials: { type: 'oauth' | 'api-key'; name: string }[];
  /** Gateway roles to look up, by name. */
  roles: string[];
  /** Whether a gateway's targets are read (the project may change them). */
  readTargets(g: ActualGateway): boolean;
  /** Whether a credential provider's tags are needed to tell whose it is. */
  readTags(c: ActualCredential): boolean;
}

export async function readActual(aws: Aws, scope: ReadScope): Promise<Actual> {
  const [gateways, credentials, roles] = await Promise.all([
    scope.gateways ? readGateways(aws, scope) : new Map<string, ActualGateway>(),
    readCredentials(aws, scope),
    readRoles(aws, scope.roles),
  ]);
  return { gateways, credentials, roles };
}

async function readGateways(aws: Aws, scope: ReadScope): Promise<Map<string, ActualGateway>> {
  const { sdk } = aws;
  const prefix = projectPrefix(scope.project);
  const summaries: NonNullable<ListGatewaysCommandOutput['items']> = [];
  let nextToken: string | undefined;
  do {
    const page = await aws.send<ListGatewaysCommandOutput>(aws.agentcore, new sdk.ListGatewaysCommand({ maxResults: 100, nextToken }));
    summaries.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const named = summaries.filter((s) => s.name?.startsWith(prefix)).map((s) => returned(s.gatewayId, 'ListGateways', 'gatewayId'));
  const unlisted = scope.gatewayIds.filter((id) => !summaries.some((s) => s.gatewayId === id));
  const read = await Promise.all([...named, ...unlisted].map((id) => readGateway(aws, id, scope)));
  return new Map(read.filter((g): g is ActualGateway => g !== undefined && g.name.startsWith(prefix)).map((g) => [g.name, g]));
}

async function readGateway(aws: Aws, gatewayId: string, scope: ReadScope): Promise<ActualGateway | undefined> {
  const { sdk } = aws;
  let detail: GetGatewayCommandOutput;
  try {
    detail = await aws.send(aws.agentcore, new sdk.GetGatewayCommand({ gatewayIdentifier: gatewayId }));
  } catch (e) {
    if (isNotFound(e)) return undefined; // deleted since it was listed
    throw e;
  }
  // A gateway the state records is ours: its targets are read alongside its tags. For any other,
  // the tags decide first whether its targets are the project's to read.
  const recorded = scope.gatewayIds.includes(gatewayId);
  const hints = scope.targetIds.get(gatewayId) ?? [];
  const facts = gatewayFacts(detail);
  const [tags, recordedTargets] = await Promise.all([readTags(aws, facts.arn), recorded ? readTargets(aws, gatewayId, hints) : undefined]);
  const gateway: ActualGateway = { ...facts, tags: tags ?? {}, targets: new Map() };
  if (recordedTargets) gateway.targets = recordedTargets;
  else if (scope.readTargets(gateway)) gateway.targets = await readTargets(aws, gatewayId, hints);
  return gateway;
}

/** The tags of a resource; undefined where the tagging API does not accept its ARN. */
async function readTags(aws: Aws, resourceArn: string): Promise<Record<string, string> | undefined> {
  try {
    const r = await aws.send<ListTagsForResourceCommandOutput>(aws.agentcore, new aws.sdk.ListTagsForResourceCommand({ resourceArn }));
    return r.tags ?? {};
  } catch (e) {
    if (isNotFound(e)) return {};
    if ((e as Error)?.name === 'ValidationException') return undefined;
    throw e;
  }
}

async function readTargets(aws: Aws, gatewayId: string, hints: string[]): Promise<Map<string, ActualTarget>> {
  const { sdk } = aws;
  const summaries: NonNullable<ListGatewayTargetsCommandOutput['items']> = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await aws.send<ListGatewayTargetsCommandOutput>(
        aws.agentcore,
        new sdk.ListGatewayTargetsCommand({ gatewayIdentifier: gatewayId, maxResults: 100, nextToken }),
      );
      summaries.push(...(page.items ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (e) {
    if (isNotFound(e)) return new Map();
    throw e;
  }
  const ids = [
    ...summaries.map((s) => returned(s.targetId, 'ListGatewayTargets', 'targetId')),
    ...hints.filter((id) => !summaries.some((s) => s.targetId === id)),
  ];
  const details = await Promise.all(
    ids.map((targetId) =>
      aws
        .send<GetGatewayTargetCommandOutput>(aws.agentcore, new sdk.GetGatewayTargetCommand({ gatewayIdentifier: gatewayId, targetId }))
        .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e))),
    ),
  );
  const targets = new Map<string, ActualTarget>();
  for (const d of details) {
    if (!d) continue;
    const t = actualTarget(d);
    targets.set(t.name, t);
  }
  return targets;
}

/** Looks each credential provider up by name (no list: the project knows its names). */
async function readCredentials(aws: Aws, scope: ReadScope): Promise<Map<string, ActualCredential>> {
  const { sdk } = aws;
  const get = <T>(command: object) => aws.send<T>(aws.agentcore, command).catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
  const read = async ({ type, name }: ReadScope['credentials'][number]): Promise<ActualCredential | undefined> => {
    let found: ActualCredential;
    if (type === 'oauth') {
      const d = await get<GetOauth2CredentialProviderCommandOutput>(new sdk.GetOauth2CredentialProviderCommand({ name }));
      if (!d) return undefined;
      const output = (d.oauth2ProviderConfigOutput ?? {}) as Record<string, { oauthDiscovery?: { discoveryUrl?: string }; clientId?: string }>;
      const configKey = Object.keys(output).find((k) => k !== '$unknown' && output[k] !== undefined);
      const cfg = configKey ? output[configKey] : undefined;
      found = {
        name,
        type,
        arn: returned(d.credentialProviderArn, 'GetOauth2CredentialProvider', 'credentialProviderArn'),
        ...(d.clientSecretArn?.secretArn ? { secretArn: d.clientSecretArn.secretArn } : {}),
        oauth: {
          ...(d.credentialProviderVendor ? { vendor: d.credentialProviderVendor } : {}),
          ...(configKey ? { configKey } : {}),
          ...(cfg?.oauthDiscovery?.discoveryUrl ? { discoveryUrl: cfg.oauthDiscovery.discoveryUrl } : {}),
          ...(cfg?.clientId ? { clientId: cfg.clientId } : {}),
        },
      };
    } else {
      const d = await get<GetApiKeyCredentialProviderCommandOutput>(new sdk.GetApiKeyCredentialProviderCommand({ name }));
      if (!d) return undefined;
      found = {
        name,
        type,
        arn: returned(d.credentialProviderArn, 'GetApiKeyCredentialProvider', 'credentialProviderArn'),
        ...(d.apiKeySecretArn?.secretArn ? { secretArn: d.apiKeySecretArn.secretArn } : {}),
      };
    }
    if (scope.readTags(found)) {
      const tags = await readTags(aws, found.arn);
      if (tags) found.tags = tags;
    }
    return found;
  };
  const unique = new Map(scope.credentials.map((c) => [credentialKey(c.type, c.name), c]));
  const all = (await Promise.all([...unique.values()].map(read))).filter((c): c is ActualCredential => c !== undefined);
  return new Map(all.map((c) => [credentialKey(c.type, c.name), c]));
}

/** Looks each gateway role up by name, with its tags and the inline policy deploy manages. */
async function readRoles(aws: Aws, names: string[]): Promise<Map<string, ActualRole>> {
  if (names.length === 0) return new Map();
  const { iamSdk } = aws;
  const read = async (name: string): Promise<ActualRole | undefined> => {
    const r = await aws
      .send<GetRoleCommandOutput>(aws.iam, new iamSdk.GetRoleCommand({ RoleName: name }))
      .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
    if (!r?.Role) return undefined;
    const policy = await aws
      .send<GetRolePolicyCommandOutput>(aws.iam, new iamSdk.GetRolePolicyCommand({ RoleName: name, PolicyName: ROLE_POLICY_NAME }))
      .then((p) => parsePolicy(p.PolicyDocument))
      .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
    return {
      name,
      arn: returned(r.Role.Arn, 'GetRole', 'Role.Arn'),
      trustPolicy: parsePolicy(r.Role.AssumeRolePolicyDocument),
      tags: roleTags(r.Role.Tags),
      ...(policy ? { policy } : {}),
    };
  };
  const found = await Promise.all([...new Set(names)].map(read));
  return new Map(found.filter((r): r is ActualRole => r !== undefined).map((r) => [r.name, r]));
}

/** A role's tags as a map (IAM requires a key on every tag). */
export function roleTags(tags: { Key: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).flatMap((t) => (t.Key === undefined ? [] : [[t.Key, t.Value ?? '']])));
}

/** IAM returns policy documents URL-encoded. */
export function parsePolicy(doc: string | undefined): unknown {
  if (!doc) return undefined;
  try {
    return JSON.parse(decodeURIComponent(doc));
  } catch {
    return doc;
  }
}
