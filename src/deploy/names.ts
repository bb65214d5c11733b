import { createHash } from 'node:crypto';

/*
 * How this project's resources are named and marked in the account. Gateway and credential
 * names are unique per account and region, so each is prefixed with the project name (project
 * names have no hyphen, so `<project>-` cannot be the prefix of another project). A name proves
 * nothing, though: what deploy may change is decided in ownership.ts (state, pending create, or
 * the project tag every resource gets where the service keeps tags).
 */

/** Tag key that marks a resource as created by this project. */
export const PROJECT_TAG = 'agentcore-projen:project';

/** Name of a gateway or credential provider in the account: one rule, the model's. */
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

const MAX_ROLE_NAME = 64;

/** Name of the IAM role deploy creates for a gateway (IAM allows 64 characters). */
export function roleName(project: string, gateway: string): string {
  const full = `${project}-${gateway}-gateway`;
  if (full.length <= MAX_ROLE_NAME) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_ROLE_NAME - hash.length - 1)}-${hash}`;
}

/** Name of the inline policy that holds a gateway role's permissions. */
export const ROLE_POLICY_NAME = 'gateway-targets';
