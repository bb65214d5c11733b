import type { ProjectConfig } from '../model/config';
import { credentialKey, type ReadScope } from './actual';
import { deployedName, roleName } from './names';
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
  const project = config.name;
  return new Set([
    ...config.agentCoreGateways.map((g) => deployedName(project, g.name)),
    ...config.agentCoreGateways.filter((g) => !g.roleArn).map((g) => roleName(project, g.name)),
    ...config.credentials.map((c) => credentialKey(c.type, deployedName(project, c.name))),
  ]);
}

export function readScope(config: ProjectConfig, state: DeployedState | undefined, ownership: Ownership): ReadScope {
  const project = config.name;
  const pending = Object.keys(state?.pending ?? {});
  const recorded = Object.values(state?.gateways ?? {});

  const credentials = [
    ...config.credentials.map((c) => ({ type: c.type, name: deployedName(project, c.name) })),
    ...Object.values(state?.credentials ?? {}).map((c) => ({ type: c.type, name: c.name })),
    // A create an earlier run sent but did not record: `credential:<type>:<name in the model>`.
    ...pending.flatMap((id) => {
      const m = /^credential:(oauth|api-key):(.+)$/.exec(id);
      return m ? [{ type: m[1] as 'oauth' | 'api-key', name: deployedName(project, m[2]!) }] : [];
    }),
  ];
  const roles = [
    ...config.agentCoreGateways.filter((g) => !g.roleArn).map((g) => roleName(project, g.name)),
    ...Object.values(state?.roles ?? {}).map((r) => r.roleName),
  ];
  const wantedGateways = new Set(config.agentCoreGateways.map((g) => deployedName(project, g.name)));

  return {
    project,
    gateways: config.agentCoreGateways.length > 0 || recorded.length > 0 || pending.some((id) => /^(gateway|target):/.test(id)),
    gatewayIds: recorded.map((g) => g.gatewayId),
    targetIds: new Map(recorded.map((g) => [g.gatewayId, Object.values(g.targets).map((t) => t.targetId)])),
    credentials,
    roles,
    // The targets of another's gateway are none of our business, unless the model adopts it.
    readTargets: (g) =>
      ownership.gateway(g, `gateway:${g.name.slice(project.length + 1)}`) || (ownership.adopt && wantedGateways.has(g.name)),
    readTags: (c) => !ownership.credentialRecorded(c, `credential:${c.type}:${c.name.slice(project.length + 1)}`),
  };
}
