import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Zip, type ZipInputFile } from 'fflate';
import type { ZipEntry } from './zip-entry';

/**
 * Every entry has 1980-01-01 00:00 (the earliest a zip can record), so a rebuild gives the same
 * bytes. Zip dates are zone-less and fflate reads the Date's local fields, so the Date is made in
 * the zone current at write time.
 */
const fixedMtime = () => new Date(1980, 0, 1, 0, 0, 0);
const REGULAR_FILE = 0o100000;
/** "made by" Unix, so the service sees POSIX modes. */
const UNIX = 3;

/** What was written. */
export interface WrittenZip {
  readonly bytes: number;
  /** SHA-256 of the zip file, hex. */
  readonly sha256: string;
}

/**
 * Writes `entries`, in the order given, to `file`: fixed timestamps, modes 0644 or 0755, no
 * extra fields. Entries come pre-deflated, so cached dependencies are copied, not compressed again.
 */
export function writeZip(file: string, entries: Iterable<ZipEntry>): WrittenZip {
  const fd = fs.openSync(file, 'w');
  const hash = createHash('sha256');
  let bytes = 0;
  let failure: Error | null = null;
  let finished = false;
  const mtime = fixedMtime();
  try {
    // fflate calls back synchronously for entries whose data is given at once.
    const zip = new Zip((err, chunk, final) => {
      if (err) {
        failure = err;
        return;
      }
      finished = final;
      fs.writeSync(fd, chunk);
      hash.update(chunk);
      bytes += chunk.length;
    });
    for (const entry of entries) {
      const input: ZipInputFile = {
        filename: entry.path,
        size: entry.size,
        crc: entry.crc,
        compression: 8, // DEFLATE
        mtime,
        os: UNIX,
        attrs: ((REGULAR_FILE | (entry.executable ? 0o755 : 0o644)) << 16) >>> 0,
      };
      zip.add(input);
      // fflate types chunks as plain-ArrayBuffer views; Node buffers are views too.
      input.ondata!(null, entry.deflated as Uint8Array<ArrayBuffer>, true);
    }
    zip.end();
  } finally {
    fs.closeSync(fd);
  }
  if (failure) throw failure;
  if (!finished) throw new Error(`the zip library did not finish ${file}`);
  return { bytes, sha256: hash.digest('hex') };
}
