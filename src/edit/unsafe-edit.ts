import { EditError } from './edit-error';

/**
 * The file is written in a way the tool cannot edit without guessing (a resource built in a loop,
 * a computed name, ...). The message says what to change by hand; the file is left as it was.
 */
export class UnsafeEditError extends EditError {
  constructor(problem: string, byHand: string) {
    super(`${problem}\n.projenrc.ts was not changed. Edit it by hand: ${byHand}`);
    this.name = 'UnsafeEditError';
  }
}
