import type { ActualRole } from './actual';
import { sameValue } from './compare';
import { trustPolicy } from './requests';

/** Which parts of a managed role differ from what it should be. */
export function compareRole(actual: ActualRole, policy: unknown): { trust: boolean; policy: boolean } {
  return { trust: !sameValue(trustPolicy(), actual.trustPolicy), policy: !sameValue(policy, actual.policy) };
}
