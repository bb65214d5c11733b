import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { uvInstall, uvVersion } from './uv';
import { byPath, deflateEntry, type ZipEntry } from './zip-entry';

/** What decides an installed dependency tree; any change installs again. */
export interface DependencySpec {
  readonly requirements: readonly string[];
  readonly pythonVersion: string;
  /** uv's `--python-platform`, or undefined for this machine's. */
  readonly pythonPlatform?: string;
  readonly uv: string;
  /** The agent's pyproject.toml as the user knows it, for messages. */
  readonly source: string;
}

/** A cached dependency tree, stored as deflated zip entries ready to copy. */
export interface CachedDependencies {
  readonly key: string;
  /** `installed` when this call ran uv, `cached` when it reused an earlier install. */
  readonly origin: 'installed' | 'cached' | 'none';
  readonly entries: readonly CachedEntry[];
  /** Reads the entries' bytes, in order. */
  read(): Generator<ZipEntry>;
}

interface CachedEntry {
  readonly path: string;
  readonly executable: boolean;
  readonly size: number;
  readonly crc: number;
  readonly offset: number;
  readonly length: number;
}

/** Bump when the cache layout or what goes into it changes. */
const CACHE_FORMAT = 2;
const INDEX = 'entries.json';
const PAYLOAD = 'payload.bin';

/**
 * The installed dependencies for `spec`, from `cacheDir` when an earlier run installed the same
 * requirements for the same platform, Python and uv; otherwise uv installs them and they are cached.
 */
export async function cachedDependencies(cacheDir: string, spec: DependencySpec): Promise<CachedDependencies> {
  if (spec.requirements.length === 0) return fromIndex('none', 'none', '', []);
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        format: CACHE_FORMAT,
        // Order does not change what is installed.
        requirements: [...spec.requirements].sort(),
        pythonVersion: spec.pythonVersion,
        pythonPlatform: spec.pythonPlatform ?? `host:${process.platform}-${process.arch}`,
        uv: await uvVersion(spec.uv),
      }),
    )
    .digest('hex')
    .slice(0, 32);
  const dir = path.join(cacheDir, key);
  const cached = load(key, dir);
  if (cached) return cached;
  // Missing, or damaged (e.g. a payload cut short): install again.
  fs.rmSync(dir, { recursive: true, force: true });

  // Build in a private folder and rename it into place: a crash or a parallel run never leaves half an entry.
  const work = path.join(cacheDir, `.tmp-${randomUUID()}`);
  try {
    const site = path.join(work, 'site');
    const entry = path.join(work, 'entry');
    fs.mkdirSync(site, { recursive: true });
    fs.mkdirSync(entry);
    const requirementsFile = path.join(work, 'requirements.txt');
    fs.writeFileSync(requirementsFile, spec.requirements.join('\n') + '\n');
    await uvInstall({ ...spec, requirementsFile, target: site });
    storeTree(site, entry);
    try {
      fs.renameSync(entry, dir);
    } catch (e) {
      // Another run cached the same key first: its entry is as good as ours.
      if (!fs.existsSync(path.join(dir, INDEX))) throw e;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const installed = load(key, dir);
  if (!installed) throw new Error(`the dependency cache entry ${dir} was removed while in use`);
  return { ...installed, origin: 'installed' };
}

/**
 * Deflates every installed file into one payload plus an index. Left out: `bin/`, where uv writes
 * console scripts whose first line names this machine's Python (the Runtime starts `main.py` itself),
 * and `.lock`, uv's lock on the folder.
 */
function storeTree(site: string, entryDir: string): void {
  const files = fs
    .readdirSync(site, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(site, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((p) => !p.startsWith('bin/') && p !== '.lock')
    .sort(byPath);
  const fd = fs.openSync(path.join(entryDir, PAYLOAD), 'w');
  const index: CachedEntry[] = [];
  let offset = 0;
  try {
    for (const p of files) {
      const abs = path.join(site, p);
      const executable = (fs.statSync(abs).mode & 0o111) !== 0;
      const e = deflateEntry(p, fs.readFileSync(abs), executable);
      fs.writeSync(fd, e.deflated);
      index.push({ path: p, executable, size: e.size, crc: e.crc, offset, length: e.deflated.length });
      offset += e.deflated.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.writeFileSync(path.join(entryDir, INDEX), JSON.stringify({ format: CACHE_FORMAT, entries: index }));
}

/** The cache entry in `dir`, if it is complete: its index parses and its payload has every byte. */
function load(key: string, dir: string): CachedDependencies | undefined {
  try {
    const { format, entries } = JSON.parse(fs.readFileSync(path.join(dir, INDEX), 'utf8')) as {
      format: number;
      entries: CachedEntry[];
    };
    const payload = path.join(dir, PAYLOAD);
    const expected = entries.reduce((n, e) => n + e.length, 0);
    if (format !== CACHE_FORMAT || fs.statSync(payload).size !== expected) return undefined;
    return fromIndex(key, 'cached', payload, entries);
  } catch {
    return undefined;
  }
}

function fromIndex(key: string, origin: CachedDependencies['origin'], payload: string, entries: CachedEntry[]): CachedDependencies {
  return {
    key,
    origin,
    entries,
    *read() {
      if (entries.length === 0) return;
      const fd = fs.openSync(payload, 'r');
      try {
        for (const e of entries) {
          const deflated = Buffer.alloc(e.length);
          fs.readSync(fd, deflated, 0, e.length, e.offset);
          yield { path: e.path, executable: e.executable, size: e.size, crc: e.crc, deflated };
        }
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}
