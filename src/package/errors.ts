/** A packaging problem explained for the user: what is wrong and how to fix it. */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}
