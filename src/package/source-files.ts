import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { PackageError } from './errors';
import { byPath } from './zip-entry';

/** A file of the agent's own code, as it goes into the package. */
export interface SourceFile {
  /** Path inside the zip (`/`-separated, relative to the agent folder). */
  readonly zipPath: string;
  readonly absolutePath: string;
  readonly executable: boolean;
}

/**
 * Never packaged, whatever the .gitignore files say: local environments and caches, which are
 * large and specific to this machine; env files, which hold local secrets (on the Runtime, secrets
 * come from AgentCore Identity); and the ignore files themselves.
 */
const ALWAYS_LEFT_OUT = ['.env', '.env.*', '.venv/', '__pycache__/', '*.py[cod]', '.pytest_cache/', '.mypy_cache/', '.ruff_cache/', '.git/', '.gitignore'];

/** The rules of one .gitignore file; they apply to paths relative to the folder that holds it. */
interface IgnoreRules {
  readonly dir: string;
  readonly rules: Ignore;
}

function rulesIn(dir: string): IgnoreRules | undefined {
  const file = path.join(dir, '.gitignore');
  return fs.existsSync(file) ? { dir, rules: ignore().add(fs.readFileSync(file, 'utf8')) } : undefined;
}

/** Whether git would ignore `absolutePath`: deeper .gitignore files override shallower ones. */
function ignored(absolutePath: string, isDir: boolean, stack: readonly IgnoreRules[]): boolean {
  let result = false;
  for (const { dir, rules } of stack) {
    const rel = path.relative(dir, absolutePath).split(path.sep).join('/') + (isDir ? '/' : '');
    const verdict = rules.test(rel);
    if (verdict.ignored) result = true;
    else if (verdict.unignored) result = false;
  }
  return result;
}

/**
 * The agent's code, sorted by zip path: every file under `agentDir` except local environments,
 * caches and what the .gitignore files between `projectDir` and the file ignore (so `.env` files and
 * other local secrets stay out).
 */
export function listSourceFiles(projectDir: string, agentDir: string): SourceFile[] {
  const leftOut = ignore().add(ALWAYS_LEFT_OUT);
  const stack: IgnoreRules[] = [];
  // The .gitignore files of the project root and every folder down to the agent's.
  const fromRoot = path.relative(projectDir, agentDir).split(path.sep).filter(Boolean);
  for (let i = 0; i < fromRoot.length; i++) {
    const found = rulesIn(path.join(projectDir, ...fromRoot.slice(0, i)));
    if (found) stack.push(found);
  }
  const files: SourceFile[] = [];
  // Real paths of the folders being walked: a link to one of them would never end.
  const open = new Set<string>();
  const walk = (dir: string, rules: readonly IgnoreRules[]) => {
    const real = fs.realpathSync(dir);
    if (open.has(real)) {
      throw new PackageError(`${path.relative(projectDir, dir)} links to a folder that contains it; remove the link or add it to the agent's .gitignore`);
    }
    open.add(real);
    const own = rulesIn(dir);
    const here = own ? [...rules, own] : rules;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const absolutePath = path.join(dir, entry.name);
      // Follows links: a linked file is packaged as a file. A dangling link has no stat.
      const stat = fs.statSync(absolutePath, { throwIfNoEntry: false });
      const isDir = stat?.isDirectory() ?? false;
      const rel = path.relative(agentDir, absolutePath).split(path.sep).join('/');
      if (leftOut.ignores(isDir ? `${rel}/` : rel)) continue;
      if (ignored(absolutePath, isDir, here)) continue;
      if (!stat) {
        throw new PackageError(`${path.relative(projectDir, absolutePath)} is a link to nothing; remove it or add it to the agent's .gitignore`);
      }
      if (!isDir && !stat.isFile()) continue;
      if (isDir) {
        walk(absolutePath, here);
      } else {
        files.push({ zipPath: rel, absolutePath, executable: (stat.mode & 0o111) !== 0 });
      }
    }
    open.delete(real);
  };
  walk(agentDir, stack);
  return files.sort((a, b) => byPath(a.zipPath, b.zipPath));
}
