import type { Action, ResourceKind } from './plan';

/*
 * What deploy reports while it runs. The CLI turns these into lines (or JSON); the programmatic
 * API passes them to `onEvent`. None of them ever carries a secret.
 */

/** What was done to a resource. */
export type Outcome = 'created' | 'updated' | 'replaced' | 'deleted' | 'unchanged';

export type DeployEvent =
  | { type: 'done'; id: string; kind: ResourceKind; label: string; outcome: Outcome; status?: string; elapsedMs: number }
  | { type: 'failed'; id: string; kind: ResourceKind; label: string; action: Action; message: string; elapsedMs: number }
  | { type: 'warning'; message: string };

/** A completed step of an apply (a write call answered, or a resource settled). */
export interface StepInfo {
  /** 1-based position in this apply. */
  index: number;
  /** Plan address of the resource. */
  id: string;
  /** What just happened, e.g. `CreateGateway answered` or `READY`. */
  what: string;
}
