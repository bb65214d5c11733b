import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folders that hold no code of the server: environments, caches, build output. */
const SKIPPED = new Set(['.venv', 'venv', '__pycache__', 'node_modules', '.git', '.pytest_cache', '.mypy_cache', '.ruff_cache', 'dist', 'build']);

/**
 * A hash of every file of a code folder (names and contents, in a fixed order), and of `extra`:
 * equal hashes mean the code, and so its tools, are unchanged.
 */
export function codeHash(dir: string, extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const e of extra) hash.update(e).update('\0');
  const walk = (rel: string) => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(child);
      } else if (entry.isFile()) {
        hash
          .update(child)
          .update('\0')
          .update(fs.readFileSync(path.join(dir, child)))
          .update('\0');
      }
    }
  };
  if (fs.existsSync(dir)) walk('');
  return hash.digest('hex');
}
