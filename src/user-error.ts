/**
 * An error whose message is meant for the user as is: it says what is wrong and how to fix it, so
 * the command line prints it without a stack trace. Every layer throws its own subclass (the
 * model, deploy, edits, synth); this base sits under all of them so none has to import the command
 * line to be printed well.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** The exit code a command that fails with this error ends with. */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
