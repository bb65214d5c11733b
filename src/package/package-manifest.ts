import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

/*
 * What a zip was made from, written beside it (`<zip>.inputs.json`): the hash of its inputs (the
 * agent's files, the dependency cache entry, the Python and the platform) and what came out. An
 * unchanged agent is then not zipped and hashed again (about 30 MB for a typical agent); the zip
 * is byte-identical anyway. The zip's size and modification time are recorded too, so a zip
 * changed or replaced since is made again rather than trusted.
 */

/** Bumped when the zip's layout changes: older manifests then no longer match. */
const MANIFEST_FORMAT = 1;

export interface ZipInputs {
  /** The agent's files: path in the zip, mode, and their bytes. */
  readonly sources: readonly { readonly zipPath: string; readonly executable: boolean; readonly data: Uint8Array }[];
  /** Key of the dependency cache entry (it names the installed set exactly). */
  readonly dependencyKey: string;
  readonly runtime: string;
  readonly pythonPlatform: string;
}

/** What the zip made from those inputs holds. */
export interface ZipOutput {
  readonly sha256: string;
  readonly zippedBytes: number;
  readonly files: number;
}

interface Manifest extends ZipOutput {
  readonly format: number;
  readonly inputs: string;
  readonly zipSize: number;
  readonly zipMtimeMs: number;
}

const manifestOf = (zipFile: string) => `${zipFile}.inputs.json`;

/** One hash of everything the zip's bytes depend on. */
export function hashInputs(inputs: ZipInputs): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: MANIFEST_FORMAT, dependencyKey: inputs.dependencyKey, runtime: inputs.runtime, pythonPlatform: inputs.pythonPlatform }));
  for (const s of inputs.sources) {
    // Length-prefixed, so no two different file lists hash alike.
    hash.update(`\n${s.zipPath.length}:${s.zipPath}:${s.executable ? 1 : 0}:${s.data.length}:`);
    hash.update(s.data);
  }
  return hash.digest('hex');
}

/** The zip already made from these inputs, when it is still there as it was written. */
export function unchangedZip(zipFile: string, inputs: string): ZipOutput | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(manifestOf(zipFile), 'utf8')) as Manifest;
    if (m.format !== MANIFEST_FORMAT || m.inputs !== inputs) return undefined;
    const stat = fs.statSync(zipFile);
    if (stat.size !== m.zipSize || stat.mtimeMs !== m.zipMtimeMs || stat.size !== m.zippedBytes) return undefined;
    return { sha256: m.sha256, zippedBytes: m.zippedBytes, files: m.files };
  } catch {
    return undefined;
  }
}

/** Forgets what the zip was made from (before it is replaced). */
export function forgetZipInputs(zipFile: string): void {
  fs.rmSync(manifestOf(zipFile), { force: true });
}

/** Records what the zip now in place was made from. */
export function recordZipInputs(zipFile: string, inputs: string, output: ZipOutput): void {
  const stat = fs.statSync(zipFile);
  const manifest: Manifest = { format: MANIFEST_FORMAT, inputs, ...output, zipSize: stat.size, zipMtimeMs: stat.mtimeMs };
  fs.writeFileSync(manifestOf(zipFile), `${JSON.stringify(manifest, null, 2)}\n`);
}
