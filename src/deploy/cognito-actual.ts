import type {
  DescribeResourceServerCommandOutput,
  DescribeUserPoolClientCommandOutput,
  DescribeUserPoolCommandOutput,
  ListUserPoolClientsCommandOutput,
  ListUserPoolsCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ProjectConfig } from '../model/config';
import { type Address, identityProviderAddress, parseAddress } from './address';
import type { Aws, IdentityClients } from './clients';
import { isNotFound, returned } from './errors';
import { cognitoNames } from '../model/identity-provider';
import { deployedName, PROJECT_TAG } from './names';
import type { Ownership } from './ownership';
import type { DeployedState } from './state';

/*
 * The actual side of the identity providers deploy makes: Cognito user pools, read by the names
 * the model and the state give. Pool and app client names are not unique in Cognito, so a name
 * alone never makes a pool the project's: it must be recorded in the state, carry the project tag
 * (set when it is created) or be the answer to a create an earlier run recorded the intent of.
 * A same-named pool of someone else is simply not the project's, and is never touched.
 */

export interface ActualPoolClient {
  id: string;
  name: string;
  /** Read into memory only, to hand to the gateway's credential provider; never written anywhere. */
  secret?: string;
  flows: string[];
  scopes: string[];
  oauthEnabled: boolean;
}

export interface ActualUserPool {
  id: string;
  arn: string;
  name: string;
  tags: Record<string, string>;
  domain?: string;
  /** The resource server the model names, when the pool has it. */
  resourceServer?: { identifier: string; scopes: string[] };
  /** The app client the model names, when the pool has it. */
  client?: ActualPoolClient;
}

/** What to look for, per gateway: the pool name and the names inside it. */
export interface IdentityReadScope {
  project: string;
  gateways: Map<string, { userPoolName: string; resourceServer?: string; clientName?: string }>;
  recorded: DeployedState['identityProviders'];
  ownership: Ownership;
}

/** The identity providers the model, the state or a pending create involve, by gateway. */
export function identityReadScope(config: ProjectConfig, state: DeployedState | undefined, ownership: Ownership): IdentityReadScope {
  const gateways: IdentityReadScope['gateways'] = new Map();
  for (const g of config.agentCoreGateways) {
    const idp = g.identityProvider;
    if (idp) gateways.set(g.name, { userPoolName: idp.userPoolName, resourceServer: idp.resourceServer, clientName: idp.clientName });
  }
  const recorded = state?.identityProviders ?? {};
  for (const [gateway, r] of Object.entries(recorded)) if (!gateways.has(gateway)) gateways.set(gateway, { userPoolName: r.userPoolName });
  // A create an earlier run sent for a gateway that has left the model since.
  const pending = Object.keys(state?.pending ?? {})
    .map(parseAddress)
    .filter((a): a is Extract<Address, { kind: 'identity-provider' }> => a?.kind === 'identity-provider');
  for (const a of pending)
    if (!gateways.has(a.gateway)) gateways.set(a.gateway, { userPoolName: cognitoNames(deployedName(config.name, a.gateway)).userPoolName });
  return { project: config.name, gateways, recorded, ownership };
}

/** Reads the project's pools (with domain, resource server and app client) by gateway. */
export async function readIdentityProviders(aws: Aws, scope: IdentityReadScope): Promise<Map<string, ActualUserPool>> {
  if (scope.gateways.size === 0) return new Map();
  const clients = await aws.identity();
  const names = new Set([...scope.gateways.values()].map((g) => g.userPoolName));
  const listed: { id: string; name: string }[] = [];
  let NextToken: string | undefined;
  do {
    const page = await aws.send<ListUserPoolsCommandOutput>(clients.cognito, new clients.cognitoSdk.ListUserPoolsCommand({ MaxResults: 60, NextToken }));
    for (const p of page.UserPools ?? []) if (p.Id && p.Name && names.has(p.Name)) listed.push({ id: p.Id, name: p.Name });
    NextToken = page.NextToken;
  } while (NextToken);

  const found = new Map<string, ActualUserPool>();
  await Promise.all(
    [...scope.gateways].map(async ([gateway, wanted]) => {
      const recordedId = scope.recorded[gateway]?.userPoolId;
      const ids = [...new Set([...(recordedId ? [recordedId] : []), ...listed.filter((p) => p.name === wanted.userPoolName).map((p) => p.id)])];
      const pools = (await Promise.all(ids.map((id) => describePool(aws, clients, id)))).filter((p): p is ActualUserPool => p !== undefined);
      const intended = scope.ownership.intended(identityProviderAddress(gateway));
      const ours =
        pools.find((p) => p.id === recordedId) ??
        pools.find((p) => p.tags[PROJECT_TAG] === scope.project && p.name === wanted.userPoolName) ??
        (intended ? pools.find((p) => p.name === wanted.userPoolName) : undefined);
      if (!ours) return;
      const [resourceServer, client] = await Promise.all([
        wanted.resourceServer ? readResourceServer(aws, clients, ours.id, wanted.resourceServer) : undefined,
        wanted.clientName ? readClient(aws, clients, ours.id, wanted.clientName, scope.recorded[gateway]?.clientId) : undefined,
      ]);
      found.set(gateway, { ...ours, ...(resourceServer ? { resourceServer } : {}), ...(client ? { client } : {}) });
    }),
  );
  return found;
}

async function describePool(aws: Aws, { cognitoSdk, cognito }: IdentityClients, UserPoolId: string): Promise<ActualUserPool | undefined> {
  const op = 'DescribeUserPool';
  const d = await aws
    .send<DescribeUserPoolCommandOutput>(cognito, new cognitoSdk.DescribeUserPoolCommand({ UserPoolId }))
    .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
  const pool = d?.UserPool;
  if (!pool) return undefined;
  return {
    id: returned(pool.Id, op, 'UserPool.Id'),
    arn: returned(pool.Arn, op, 'UserPool.Arn'),
    name: returned(pool.Name, op, 'UserPool.Name'),
    tags: pool.UserPoolTags ?? {},
    ...(pool.Domain ? { domain: pool.Domain } : {}),
  };
}

async function readResourceServer(aws: Aws, { cognitoSdk, cognito }: IdentityClients, UserPoolId: string, Identifier: string) {
  const d = await aws
    .send<DescribeResourceServerCommandOutput>(cognito, new cognitoSdk.DescribeResourceServerCommand({ UserPoolId, Identifier }))
    .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
  const server = d?.ResourceServer;
  if (!server) return undefined;
  return { identifier: Identifier, scopes: (server.Scopes ?? []).map((s) => s.ScopeName ?? '').filter(Boolean) };
}

/** The app client: the one the state records, else the one with the model's name. */
async function readClient(
  aws: Aws,
  { cognitoSdk, cognito }: IdentityClients,
  UserPoolId: string,
  name: string,
  recordedId: string | undefined,
): Promise<ActualPoolClient | undefined> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  try {
    do {
      const page = await aws.send<ListUserPoolClientsCommandOutput>(
        cognito,
        new cognitoSdk.ListUserPoolClientsCommand({ UserPoolId, MaxResults: 60, NextToken }),
      );
      for (const c of page.UserPoolClients ?? []) if (c.ClientId && c.ClientName === name) ids.push(c.ClientId);
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  const ClientId = recordedId && ids.includes(recordedId) ? recordedId : ids[0];
  if (!ClientId) return undefined;
  const d = await aws
    .send<DescribeUserPoolClientCommandOutput>(cognito, new cognitoSdk.DescribeUserPoolClientCommand({ UserPoolId, ClientId }))
    .catch((e: unknown) => (isNotFound(e) ? undefined : Promise.reject(e)));
  const c = d?.UserPoolClient;
  if (!c) return undefined;
  return {
    id: ClientId,
    name,
    ...(c.ClientSecret ? { secret: c.ClientSecret } : {}),
    flows: c.AllowedOAuthFlows ?? [],
    scopes: c.AllowedOAuthScopes ?? [],
    oauthEnabled: !!c.AllowedOAuthFlowsUserPoolClient,
  };
}
