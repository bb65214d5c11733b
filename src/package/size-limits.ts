import { PackageError } from './errors';

/** The largest package a host accepts. */
export interface SizeLimits {
  /** Bytes of the zip file. */
  readonly zippedBytes: number;
  /** Bytes of every file once unzipped. */
  readonly unzippedBytes: number;
}

const MB = 1024 * 1024;

/** The service quotas of direct code deployment: 250 MB zipped, 750 MB unzipped (neither adjustable). */
export const RUNTIME_SIZE_LIMITS: SizeLimits = { zippedBytes: 250 * MB, unzippedBytes: 750 * MB };

const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/**
 * Lambda's limits for a zip sent in the CreateFunction / UpdateFunctionCode request itself (50 MB)
 * and for the function's code once unzipped (250 MB).
 */
export const LAMBDA_SIZE_LIMITS: SizeLimits = { zippedBytes: 50 * MB, unzippedBytes: 250 * MB };

/** What is packaged, for messages: `agent "MyAgent"`, and where it runs. */
export interface PackageSubject {
  readonly name: string;
  readonly host: string;
  /** Where its dependencies are declared, for the fix. */
  readonly dependencies: string;
}

/** Throws when a package is over a limit, naming the size, the limit and what to do. */
export function checkSize(of: PackageSubject, sizes: { zipped?: number; unzipped: number }, limits: SizeLimits): void {
  const over: string[] = [];
  if (sizes.unzipped > limits.unzippedBytes) {
    over.push(`${megabytes(sizes.unzipped)} unzipped (the limit is ${megabytes(limits.unzippedBytes)})`);
  }
  if (sizes.zipped !== undefined && sizes.zipped > limits.zippedBytes) {
    over.push(`${megabytes(sizes.zipped)} zipped (the limit is ${megabytes(limits.zippedBytes)})`);
  }
  if (over.length > 0) {
    throw new PackageError(
      `the package of ${of.name} is too large for ${of.host}: ${over.join(' and ')}; ` +
        `remove dependencies it does not need from ${of.dependencies} or move large data out of its folder`,
    );
  }
}
