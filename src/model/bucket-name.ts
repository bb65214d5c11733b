/*
 * S3's rule for general purpose bucket names, checked at synth so a bad `artifactBucket` fails
 * with the rule it breaks rather than as a deploy error.
 */

const ALLOWED = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why a name is not a valid bucket name, or undefined when it is. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `it is ${name.length} characters; S3 takes 3 to 63`;
  if (!ALLOWED.test(name)) return 'S3 takes only lower-case letters, digits, "." and "-", starting and ending with a letter or digit';
  if (name.includes('..')) return 'S3 takes no two adjacent periods';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'S3 takes no name formatted as an IP address';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `names starting with "${prefix}" are reserved by S3`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `names ending with "${suffix}" are reserved by S3`;
  return undefined;
}
