import * as fs from 'node:fs';
import type { FileBase } from 'projen/lib/file';

/*
 * An unchanged synth writes none of the model's files. projen skips an unchanged file only when
 * `access(W_OK)` says its read-only state is the same, and for root (CI, containers) that call is
 * always true, so projen rewrites every read-only file as root. Our generated files compare the
 * mode bits instead (see `GeneratedFile`); projen's own few files (`.gitignore`, `.projen/*`)
 * follow projen's rule.
 */

/** The permission bits projen gives a file. */
export function expectedMode(file: Pick<FileBase, 'readonly' | 'executable'>): number {
  return file.readonly ? (file.executable ? 0o544 : 0o444) : file.executable ? 0o755 : 0o644;
}

/** True when `filePath` holds exactly `content` with the permission bits `mode`. */
export function isUnchangedOnDisk(filePath: string, content: string, mode: number): boolean {
  try {
    return (fs.statSync(filePath).mode & 0o777) === mode && fs.readFileSync(filePath, 'utf8') === content;
  } catch {
    return false;
  }
}
