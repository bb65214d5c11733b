import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh temp folder for one test; removed by the returned cleanup. */
export function tempDir(prefix = 'agentcore-projen-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file under `dir` (relative path → content), skipping node_modules and .git. */
export function snapshotTree(dir: string): Map<string, { content: string; mtimeMs: number }> {
  const out = new Map<string, { content: string; mtimeMs: number }>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), { content: fs.readFileSync(p, 'utf8'), mtimeMs: fs.statSync(p).mtimeMs });
    }
  };
  walk(dir);
  return out;
}
