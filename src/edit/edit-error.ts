import { UserError } from '../user-error';

/** An edit of `.projenrc.ts` that cannot be made as asked; `.projenrc.ts` is left as it was. */
export class EditError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}
