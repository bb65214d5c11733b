import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export interface ListedEntry {
  readonly name: string;
  /** st_mode as stored (file type and permission bits). */
  readonly mode: number;
  /** [year, month, day, hour, minute, second] */
  readonly date: number[];
  readonly size: number;
  /** Whether the entry says it was made on Unix (so its mode applies). */
  readonly unix: boolean;
}

export interface ZipListing {
  /** The first member whose CRC does not match, or null. */
  readonly corrupt: string | null;
  readonly entries: ListedEntry[];
}

/** The zip as Python's zipfile reads it (an independent reader); extracts it into `extractTo` if given. */
export function listZip(zipFile: string, extractTo?: string): ZipListing {
  const script = path.join(__dirname, 'zip_listing.py');
  const args = extractTo ? [script, zipFile, extractTo] : [script, zipFile];
  return JSON.parse(execFileSync('python3', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as ZipListing;
}
