import type {
  GetApiKeyCredentialProviderCommandOutput,
  GetGatewayCommandOutput,
  GetGatewayTargetCommandOutput,
  GetOauth2CredentialProviderCommandOutput,
  ListApiKeyCredentialProvidersCommandOutput,
  ListGatewaysCommandOutput,
  ListGatewayTargetsCommandOutput,
  ListOauth2CredentialProvidersCommandOutput,
  ListTagsForResourceCommandOutput,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { GetRolePolicyCommandOutput, ListRolesCommandOutput } from '@aws-sdk/client-iam';
import type { Aws } from './clients';
import { isNotFound } from './errors';
import { projectPrefix, ROLE_POLICY_NAME, rolePath } from './names';

/*
 * The actual side of the plan, read from the service (never from the state file): every gateway
 * and credential provider whose name starts with `<project>-`, the targets of those gateways,
 * and the IAM roles under the project's role path. Reads run concurrently (bounded by `send`).
 * Gateways carry their tags (only tagged ones are deleted); credential providers are owned by
 * their prefix alone, as the tagging API does not accept every provider ARN.
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
}

export interface ActualRole {
  name: string;
  arn: string;
  trustPolicy: unknown;
  /** The inline policy deploy manages, parsed; undefined when there is none. */
  policy?: unknown;
}

export interface Actual {
  gateways: Map<string, ActualGateway>;
  credentials: Map<string, ActualCredential>;
  roles: Map<string, ActualRole>;
}

/** Key of a credential provider: OAuth and API-key providers live in separate namespaces. */
export function credentialKey(type: 'oauth' | 'api-key', name: string): string {
  return `${type}:${name}`;
}

/**
 * Ids the last deploy recorded. Lists can lag behind a create; an id the list does not show is
 * looked up directly, so a resource that was just made is found rather than made again.
 */
export interface ActualHints {
  gatewayIds: string[];
  targetIds: Map<string, string[]>;
}

export async function readActual(aws: Aws, project: string, hints: ActualHints = { gatewayIds: [], targetIds: new Map() }): Promise<Actual> {
  const [gateways, credentials, roles] = await Promise.all([readGateways(aws, project, hints), readCredentials(aws, project), readRoles(aws, project)]);
  return { gateways, credentials, roles };
}

async function readGateways(aws: Aws, project: string, hints: ActualHints): Promise<Map<string, ActualGateway>> {
  const { sdk } = aws;
  const summaries: NonNullable<ListGatewaysCommandOutput['items']> = [];
  let nextToken: string | undefined;
  do {
    const page = await aws.send<ListGatewaysCommandOutput>(aws.agentcore, new sdk.ListGatewaysCommand({ maxResults: 100, nextToken }));
    summaries.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const ours = summaries.filter((s) => s.name?.startsWith(projectPrefix(project))).map((s) => s.gatewayId!);
  const unlisted = hints.gatewayIds.filter((id) => !summaries.some((s) => s.gatewayId === id));
  const read = await Promise.all([...ours, ...unlisted].map((id) => readGateway(aws, id, hints.targetIds.get(id) ?? [])));
  return new Map(
    read.filter((g): g is ActualGateway => g !== undefined && g.name.startsWith(projectPrefix(project))).map((g) => [g.name, g]),
  );
}

async function readGateway(aws: Aws, gatewayId: string, targetHints: string[]): Promise<ActualGateway | undefined> {
  const { sdk } = aws;
  let detail: GetGatewayCommandOutput;
  try {
    detail = await aws.send(aws.agentcore, new sdk.GetGatewayCommand({ gatewayIdentifier: gatewayId }));
  } catch (e) {
    if (isNotFound(e)) return undefined; // deleted since it was listed
    throw e;
  }
  const [tags, targets] = await Promise.all([
    aws
      .send<ListTagsForResourceCommandOutput>(aws.agentcore, new sdk.ListTagsForResourceCommand({ resourceArn: detail.gatewayArn }))
      .then((r) => r.tags ?? {})
      .catch((e: unknown) => (isNotFound(e) ? {} : Promise.reject(e))),
    readTargets(aws, gatewayId, targetHints),
  ]);
  return {
    id: detail.gatewayId!,
    arn: detail.gatewayArn!,
    ...(detail.gatewayUrl ? { url: detail.gatewayUrl } : {}),
    name: detail.name!,
    status: detail.status!,
    ...(detail.statusReasons ? { statusReasons: detail.statusReasons } : {}),
    detail,
    tags,
    targets,
  };
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
  const ids = [...summaries.map((s) => s.targetId!), ...hints.filter((id) => !summaries.some((s) => s.targetId === id))];
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
    targets.set(d.name!, {
      id: d.targetId!,
      name: d.name!,
      status: d.status!,
      ...(d.statusReasons ? { statusReasons: d.statusReasons } : {}),
      detail: d,
    });
  }
  return targets;
}

async function readCredentials(aws: Aws, project: string): Promise<Map<string, ActualCredential>> {
  const { sdk } = aws;
  const prefix = projectPrefix(project);
  const list = async <T extends { credentialProviders?: { name?: string }[]; nextToken?: string }>(make: (token?: string) => object) => {
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await aws.send<T>(aws.agentcore, make(nextToken));
      names.push(...(page.credentialProviders ?? []).map((p) => p.name!).filter((n) => n.startsWith(prefix)));
      nextToken = page.nextToken;
    } while (nextToken);
    return names;
  };
  const [oauthNames, apiKeyNames] = await Promise.all([
    list<ListOauth2CredentialProvidersCommandOutput>((t) => new sdk.ListOauth2CredentialProvidersCommand({ maxResults: 20, nextToken: t })),
    list<ListApiKeyCredentialProvidersCommandOutput>((t) => new sdk.ListApiKeyCredentialProvidersCommand({ maxResults: 20, nextToken: t })),
  ]);
  const oauth = oauthNames.map(async (name): Promise<ActualCredential | undefined> => {
    const d = await aws
      .send<GetOauth2CredentialProviderCommandOutput>(aws.agentcore, new sdk.GetOauth2CredentialProviderCommand({ name }))
      .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
    if (!d) return undefined;
    const output = (d.oauth2ProviderConfigOutput ?? {}) as Record<string, { oauthDiscovery?: { discoveryUrl?: string }; clientId?: string }>;
    const configKey = Object.keys(output).find((k) => k !== '$unknown' && output[k] !== undefined);
    const cfg = configKey ? output[configKey] : undefined;
    return {
      name,
      type: 'oauth',
      arn: d.credentialProviderArn!,
      ...(d.clientSecretArn?.secretArn ? { secretArn: d.clientSecretArn.secretArn } : {}),
      oauth: {
        ...(d.credentialProviderVendor ? { vendor: d.credentialProviderVendor } : {}),
        ...(configKey ? { configKey } : {}),
        ...(cfg?.oauthDiscovery?.discoveryUrl ? { discoveryUrl: cfg.oauthDiscovery.discoveryUrl } : {}),
        ...(cfg?.clientId ? { clientId: cfg.clientId } : {}),
      },
    };
  });
  const apiKeys = apiKeyNames.map(async (name): Promise<ActualCredential | undefined> => {
    const d = await aws
      .send<GetApiKeyCredentialProviderCommandOutput>(aws.agentcore, new sdk.GetApiKeyCredentialProviderCommand({ name }))
      .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
    if (!d) return undefined;
    return {
      name,
      type: 'api-key',
      arn: d.credentialProviderArn!,
      ...(d.apiKeySecretArn?.secretArn ? { secretArn: d.apiKeySecretArn.secretArn } : {}),
    };
  });
  const all = (await Promise.all([...oauth, ...apiKeys])).filter((c): c is ActualCredential => c !== undefined);
  return new Map(all.map((c) => [credentialKey(c.type, c.name), c]));
}

async function readRoles(aws: Aws, project: string): Promise<Map<string, ActualRole>> {
  const { iamSdk } = aws;
  const roles: NonNullable<ListRolesCommandOutput['Roles']> = [];
  let marker: string | undefined;
  do {
    const page = await aws.send<ListRolesCommandOutput>(aws.iam, new iamSdk.ListRolesCommand({ PathPrefix: rolePath(project), Marker: marker }));
    roles.push(...(page.Roles ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  const read = await Promise.all(
    roles.map(async (r): Promise<ActualRole> => {
      const policy = await aws
        .send<GetRolePolicyCommandOutput>(aws.iam, new iamSdk.GetRolePolicyCommand({ RoleName: r.RoleName, PolicyName: ROLE_POLICY_NAME }))
        .then((p) => parsePolicy(p.PolicyDocument))
        .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
      return { name: r.RoleName!, arn: r.Arn!, trustPolicy: parsePolicy(r.AssumeRolePolicyDocument), ...(policy ? { policy } : {}) };
    }),
  );
  return new Map(read.map((r) => [r.name, r]));
}

/** IAM returns policy documents URL-encoded. */
function parsePolicy(doc: string | undefined): unknown {
  if (!doc) return undefined;
  try {
    return JSON.parse(decodeURIComponent(doc));
  } catch {
    return doc;
  }
}
