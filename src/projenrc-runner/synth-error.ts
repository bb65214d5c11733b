import type { ModelIssue } from '../model/issues';
import { UserError } from '../user-error';

/** Running `.projenrc.ts` failed; for a model with problems, `issues` lists every one. */
export class SynthError extends UserError {
  constructor(
    message: string,
    readonly issues?: readonly ModelIssue[],
  ) {
    super(message);
    this.name = 'SynthError';
  }
}
