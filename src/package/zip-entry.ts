import * as zlib from 'node:zlib';
import { PackageError } from './errors';

/** One file of the package, already deflated: what a zip entry needs, whatever its source. */
export interface ZipEntry {
  /** Path inside the zip, `/`-separated. */
  readonly path: string;
  readonly executable: boolean;
  /** Bytes before compression. */
  readonly size: number;
  /** CRC-32 of the uncompressed bytes. */
  readonly crc: number;
  /** The raw DEFLATE stream. */
  readonly deflated: Uint8Array;
}

/** Zip entry order: by path, code unit by code unit (the same on every machine and locale). */
export function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deflates a file's bytes; the same bytes always give the same entry. */
export function deflateEntry(path: string, data: Uint8Array, executable: boolean): ZipEntry {
  if (typeof zlib.crc32 !== 'function') {
    throw new PackageError(`packaging agents needs Node.js 20.15 or newer (this is ${process.version}); upgrade Node.js`);
  }
  return { path, executable, size: data.length, crc: zlib.crc32(data), deflated: zlib.deflateRawSync(data) };
}
