import type { Aws, Sendable } from './clients';
import { callFailed, isConflict, isNotFound } from './errors';

/*
 * One call of an apply step. The two answers a step decides on itself, "does not exist" and
 * "already exists", come back as values when the step says it expects them; any other failure
 * becomes a DeployError naming the resource and the call, never the request (it may hold a
 * secret). Aborts pass through untouched.
 */

/** An answer a step handles itself instead of failing. */
export type Expected = 'not-found' | 'conflict';

/** What a call is about: the resource, as people see it. */
export interface StepSubject {
  label: string;
}

export function sendStep<T>(aws: Aws, of: StepSubject, op: string, client: Sendable, command: object): Promise<T>;
export function sendStep<T>(aws: Aws, of: StepSubject, op: string, client: Sendable, command: object, expect: 'not-found'): Promise<T | 'not-found'>;
export function sendStep<T>(aws: Aws, of: StepSubject, op: string, client: Sendable, command: object, expect: 'conflict'): Promise<T | 'conflict'>;
export async function sendStep<T>(aws: Aws, of: StepSubject, op: string, client: Sendable, command: object, expect?: Expected): Promise<T | Expected> {
  try {
    return await aws.send<T>(client, command);
  } catch (e) {
    if (expect === 'not-found' && isNotFound(e)) return expect;
    if (expect === 'conflict' && isConflict(e)) return expect;
    throw callFailed(of.label, op, e);
  }
}
