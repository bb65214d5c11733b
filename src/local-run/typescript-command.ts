import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../package-root';
import { UserError } from '../user-error';

/**
 * The command that runs a TypeScript file with tsx: this Node with tsx's loader (`node --import tsx`),
 * so the process started is the one that runs the code (no wrapper to forward signals through).
 * tsx is looked up from the code's folder, then the project (projects made by `create` have it),
 * then this package.
 */
export function typescriptCommand(file: string, codeDir: string, projectRoot: string): { command: string; args: string[] } {
  let loader: string | undefined;
  for (const from of [codeDir, projectRoot, PACKAGE_ROOT]) {
    try {
      loader = require.resolve('tsx', { paths: [from] });
      break;
    } catch {
      // not installed there
    }
  }
  if (!loader) throw new UserError(`tsx was not found to run ${file}: add it to the project (\`npm install --save-dev tsx\`)`);
  return { command: process.execPath, args: ['--import', pathToFileURL(loader).href, file] };
}

/**
 * The `dependencies` of `dir/package.json` that Node would not find from `dir` (in no
 * `node_modules/` of it or its parents).
 */
export function missingNodeDependencies(dir: string): string[] {
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) return [];
  const { dependencies = {} } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(dependencies).filter((name) => !installedFrom(dir, name));
}

function installedFrom(dir: string, name: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'node_modules', name, 'package.json'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/**
 * Makes `dir/package.json`'s dependencies resolvable: when one is missing everywhere Node looks,
 * runs `npm install` in `dir` (once; afterwards they are in its own node_modules).
 */
export async function installNodeDependencies(dir: string, log: (line: string) => void): Promise<void> {
  const missing = missingNodeDependencies(dir);
  if (missing.length === 0) return;
  log(`Installing the dependencies of ${path.join(path.basename(dir), 'package.json')} with npm install (${missing.join(', ')} not found)...`);
  try {
    await promisify(execFile)(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message).trim();
    throw new UserError(`\`npm install\` failed in ${dir} (check its package.json):\n${stderr}`);
  }
}
