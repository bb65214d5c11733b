import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folders that hold what tools install or caches, not the server's code. */
const SKIPPED = new Set(['.venv', 'node_modules', '__pycache__', '.pytest_cache', '.mypy_cache', '.git', 'dist']);

/**
 * What a managed server's code folder holds, as a string that changes when a file is added,
 * removed or saved (path, size and modification time of each): a server whose fingerprint changed
 * since it started is restarted, so an edit is picked up on the next call.
 */
export function codeFingerprint(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return; // a folder removed meanwhile is simply not there
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (SKIPPED.has(e.name)) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        try {
          const s = fs.statSync(p);
          parts.push(`${path.relative(dir, p)}:${s.size}:${s.mtimeMs}`);
        } catch {
          // removed meanwhile
        }
      }
    }
  };
  walk(dir);
  return parts.join('\n');
}
