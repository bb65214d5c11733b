/*
 * How this project's resources are named and marked in the account. Gateway and credential
 * names are unique per account and region, so each is prefixed with the project name (project
 * names have no hyphen, so `<project>-` cannot be the prefix of another project). A name proves
 * nothing, though: what deploy may change is decided in ownership.ts (state, pending create, or
 * the project tag every resource gets where the service keeps tags).
 */

/** Tag key that marks a resource as created by this project. */
export const PROJECT_TAG = 'agentcore-projen:project';

/**
 * Names in the account are the model's (`deployedName`, `managedRoleName` in the config); deploy
 * derives one itself only for a pending create recorded by an earlier run, whose resource may have
 * left the model since.
 */
export { deployedName } from '../model/names';

/** The prefix every deployed gateway and credential of the project starts with. */
export function projectPrefix(project: string): string {
  return `${project}-`;
}

/** The name in the model of a gateway or credential provider named `<project>-<name>` in the account. */
export function modelName(project: string, name: string): string {
  const prefix = projectPrefix(project);
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** IAM path that holds the gateway roles of one project, so they can be listed. */
export function rolePath(project: string): string {
  return `/agentcore-projen/${project}/`;
}

/** Name of the inline policy that holds a gateway role's permissions. */
export const ROLE_POLICY_NAME = 'gateway-targets';

/** Name of the inline policy that holds an agent execution role's permissions. */
export const RUNTIME_POLICY_NAME = 'agent-runtime';
