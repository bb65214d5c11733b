import type { ProjectConfig } from '../model/config';
import { credentialKey, type ReadScope } from './actual';
import { type Address, credentialAddress, gatewayAddress, parseAddress } from './address';
import { deployedName, modelName } from './names';
import type { Ownership } from './ownership';
import type { DeployedState } from './state';

/*
 * What a plan reads: only the resource kinds the model or the deployed state involves, and only
 * by the names the project uses. The model counts for destroy too (it names what to look for when
 * the state was lost). A model without credentials reads no credential provider; one whose
 * gateways all give `roleArn` (and a state with no role) makes no IAM call.
 */

/** Names in the account the model declares (credentials as `<type>:<name>`), for `--adopt`. */
export function declaredNames(config: ProjectConfig): Set<string> {
  return new Set([
    ...config.agentCoreGateways.map((g) => g.deployedName),
    ...config.agentCoreGateways.flatMap((g) => (g.managedRoleName ? [g.managedRoleName] : [])),
    ...config.credentials.map((c) => credentialKey(c.type, c.deployedName)),
  ]);
}

export function readScope(config: ProjectConfig, state: DeployedState | undefined, ownership: Ownership): ReadScope {
  const project = config.name;
  // Creates an earlier run sent but did not record (see ownership.ts).
  const pending = Object.keys(state?.pending ?? {})
    .map(parseAddress)
    .filter((a): a is Address => a !== undefined);
  const recorded = Object.values(state?.gateways ?? {});

  const credentials = [
    ...config.credentials.map((c) => ({ type: c.type, name: c.deployedName })),
    ...Object.values(state?.credentials ?? {}).map((c) => ({ type: c.type, name: c.name })),
    ...pending.flatMap((a) => (a.kind === 'credential' ? [{ type: a.type, name: deployedName(project, a.credential) }] : [])),
  ];
  const roles = [
    ...config.agentCoreGateways.flatMap((g) => (g.managedRoleName ? [g.managedRoleName] : [])),
    ...Object.values(state?.roles ?? {}).map((r) => r.roleName),
  ];
  const wantedGateways = new Set(config.agentCoreGateways.map((g) => g.deployedName));

  return {
    project,
    gateways: config.agentCoreGateways.length > 0 || recorded.length > 0 || pending.some((a) => a.kind === 'gateway' || a.kind === 'target'),
    gatewayIds: recorded.map((g) => g.gatewayId),
    targetIds: new Map(recorded.map((g) => [g.gatewayId, Object.values(g.targets).map((t) => t.targetId)])),
    credentials,
    roles,
    // The targets of another's gateway are none of our business, unless the model adopts it.
    readTargets: (g) => ownership.gateway(g, gatewayAddress(modelName(project, g.name))) || (ownership.adopt && wantedGateways.has(g.name)),
    readTags: (c) => !ownership.credentialRecorded(c, credentialAddress(c.type, modelName(project, c.name))),
  };
}
