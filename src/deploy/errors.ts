import { UserError } from '../user-error';

/** A deploy problem explained for the user: what failed, why, and what to do. */
export class DeployError extends UserError {
  constructor(
    message: string,
    /** The resource the error is about, e.g. `gateway my-gw › target t1`. */
    readonly resource?: string,
    /** Reasons the service gave for a FAILED or UPDATE_UNSUCCESSFUL status. */
    readonly statusReasons?: readonly string[],
  ) {
    super(message);
    this.name = 'DeployError';
  }
}

/** Thrown when the caller aborted (a signal, or a test hook simulating a crash). */
export class DeployAborted extends Error {
  constructor(message = 'deploy aborted') {
    super(message);
    this.name = 'DeployAborted';
  }
}

/** Error name and message of an SDK error (never the request, which may carry a secret). */
export function describeAwsError(e: unknown): string {
  if (e && typeof e === 'object' && 'name' in e) {
    const err = e as { name: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = err.$metadata?.httpStatusCode ? ` (HTTP ${err.$metadata.httpStatusCode})` : '';
    return `${err.name}${status}: ${err.message ?? ''}`.trim();
  }
  return String(e);
}

/** True for the "does not exist" errors of both services. */
export function isNotFound(e: unknown): boolean {
  const name = (e as { name?: string } | undefined)?.name;
  return name === 'ResourceNotFoundException' || name === 'NoSuchEntityException' || name === 'NoSuchEntity';
}

/** True for the "already exists" errors of both services. */
export function isConflict(e: unknown): boolean {
  const name = (e as { name?: string } | undefined)?.name;
  return name === 'ConflictException' || name === 'EntityAlreadyExistsException';
}

/**
 * A member the service always returns (the SDK types it as optional). Its absence is the
 * service's fault: said plainly, instead of failing later on an undefined value.
 */
export function returned<T>(value: T | null | undefined, op: string, member: string): T {
  if (value === undefined || value === null) throw new DeployError(`${op} answered without ${member}; run the command again`);
  return value;
}

/** True for errors that only mean "stopped on purpose" (our abort, or the SDK's reaction to it). */
export function isAbort(e: unknown): boolean {
  return e instanceof DeployAborted || (e as Error | undefined)?.name === 'AbortError';
}

/** A failed call as a DeployError naming the resource and operation; aborts pass through. */
export function callFailed(label: string, op: string, e: unknown): Error {
  if (isAbort(e) || e instanceof DeployError) return e as Error;
  return new DeployError(`${label}: ${op} failed: ${describeAwsError(e)}`, label);
}
