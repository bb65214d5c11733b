import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cachedDependencies, type CachedDependencies } from './dependency-cache';
import { PackageError } from './errors';
import { forgetZipInputs, hashInputs, recordZipInputs, unchangedZip, type ZipOutput } from './package-manifest';
import { readRequirements } from './requirements';
import { checkSize, type PackageSubject, type SizeLimits } from './size-limits';
import { listSourceFiles, type SourceFile } from './source-files';
import { writeZip } from './write-zip';
import { byPath, deflateEntry, type ZipEntry } from './zip-entry';

/*
 * One folder of Python code and its `pyproject.toml` dependencies, installed by uv as wheels for a
 * platform, in one zip whose bytes depend only on its content. Agents (AgentCore Runtime) and
 * managed MCP servers (Lambda, AgentCore Runtime) are packaged the same way.
 */

export interface PythonCodeZipOptions {
  readonly projectDir: string;
  /** The code folder, relative to the project root (holds `pyproject.toml`). */
  readonly codeLocation: string;
  readonly subject: PackageSubject;
  /** `3.12`. */
  readonly pythonVersion: string;
  /** uv's `--python-platform`, or undefined for this machine's. */
  readonly pythonPlatform: string | undefined;
  readonly zipFile: string;
  readonly cacheDir: string;
  readonly uv: string;
  readonly limits: SizeLimits;
}

export interface PythonCodeZip {
  readonly zipFile: string;
  /** SHA-256 of the zip, hex. */
  readonly sha256: string;
  readonly zippedBytes: number;
  readonly unzippedBytes: number;
  readonly files: number;
  readonly dependencies: CachedDependencies['origin'];
  readonly dependencyKey: string;
}

export async function pythonCodeZip(o: PythonCodeZipOptions): Promise<PythonCodeZip> {
  const codeDir = path.join(o.projectDir, o.codeLocation);
  const pyproject = `${o.codeLocation}/pyproject.toml`;
  const requirements = readRequirements(path.join(codeDir, 'pyproject.toml'), pyproject);
  const sources = listSourceFiles(o.projectDir, codeDir);
  const deps = await cachedDependencies(o.cacheDir, {
    requirements,
    pythonVersion: o.pythonVersion,
    pythonPlatform: o.pythonPlatform,
    uv: o.uv,
    source: pyproject,
  });
  refuseCollisions(o.codeLocation, sources, deps);

  const files = sources.map((s) => ({ ...s, data: fs.readFileSync(s.absolutePath) }));
  const unzipped = files.reduce((n, f) => n + f.data.length, 0) + deps.entries.reduce((n, e) => n + e.size, 0);
  checkSize(o.subject, { unzipped }, o.limits);
  const made = (out: ZipOutput): PythonCodeZip => ({
    zipFile: o.zipFile,
    sha256: out.sha256,
    zippedBytes: out.zippedBytes,
    unzippedBytes: unzipped,
    files: out.files,
    dependencies: deps.origin,
    dependencyKey: deps.key,
  });
  // The same inputs make the same bytes: a zip made from them before is used as it is.
  const inputs = hashInputs({ sources: files, dependencyKey: deps.key, runtime: o.pythonVersion, pythonPlatform: o.pythonPlatform ?? 'host' });
  const unchanged = unchangedZip(o.zipFile, inputs);
  if (unchanged) {
    checkSize(o.subject, { unzipped, zipped: unchanged.zippedBytes }, o.limits);
    return made(unchanged);
  }
  const code = files.map((f) => deflateEntry(f.zipPath, f.data, f.executable));
  forgetZipInputs(o.zipFile);
  const written = writeZipAtomically(o.zipFile, mergeByPath(code, deps.read()), (bytes) => checkSize(o.subject, { unzipped, zipped: bytes }, o.limits));
  const out = { sha256: written.sha256, zippedBytes: written.bytes, files: code.length + deps.entries.length };
  recordZipInputs(o.zipFile, inputs, out);
  return made(out);
}

/**
 * Writes the zip beside its destination and renames it: a failed run leaves no zip that looks
 * complete. `check` may refuse what was written (too large) before it is renamed.
 */
export function writeZipAtomically(zipFile: string, entries: Iterable<ZipEntry>, check: (bytes: number) => void = () => undefined) {
  fs.mkdirSync(path.dirname(zipFile), { recursive: true });
  const partial = `${zipFile}.${randomUUID()}.partial`;
  try {
    const written = writeZip(partial, entries);
    check(written.bytes);
    fs.renameSync(partial, zipFile);
    return written;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** A file of the code that a dependency also installs would shadow it (or be shadowed) at import time. */
function refuseCollisions(codeLocation: string, sources: readonly SourceFile[], deps: CachedDependencies): void {
  const installed = new Set(deps.entries.map((e) => e.path));
  const clashes = sources.filter((s) => installed.has(s.zipPath)).map((s) => `${codeLocation}/${s.zipPath}`);
  if (clashes.length > 0) {
    throw new PackageError(
      `${clashes.join(', ')} ${clashes.length === 1 ? 'has' : 'have'} the same path as a file a dependency installs; ` +
        'rename it (the package puts the code and its dependencies in one folder)',
    );
  }
}

/** Both lists are sorted by path; yields one list sorted by path, so the zip's order is fixed. */
function* mergeByPath(code: readonly ZipEntry[], deps: Iterator<ZipEntry>): Generator<ZipEntry> {
  let i = 0;
  let next = deps.next();
  while (!next.done || i < code.length) {
    if (next.done || (i < code.length && byPath(code[i]!.path, next.value.path) < 0)) {
      yield code[i++]!;
    } else {
      yield next.value;
      next = deps.next();
    }
  }
}
