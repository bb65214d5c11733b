import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Benchmarks run the library as a user's project would: compiled, installed in node_modules.
// Linking instead of `npm install` keeps them offline and fast.
const REPO = path.resolve(__dirname, '..');

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** The library as it would be installed: compiled lib/ (outside the checkout) next to templates/ and frameworks/. */
export function compiledLibrary(): string {
  const pkg = tempDir('bench-pkg-');
  const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
  const args = ['-p', 'tsconfig.json', '--outDir', path.join(pkg, 'lib'), '--incremental', 'false', '--tsBuildInfoFile', 'null'];
  execFileSync(process.execPath, [tsc, ...args], { cwd: REPO, stdio: 'inherit' });
  for (const entry of ['templates', 'frameworks', 'scripts', 'package.json', 'node_modules']) {
    fs.symlinkSync(path.join(REPO, entry), path.join(pkg, entry));
  }
  fs.mkdirSync(path.join(pkg, 'bin'));
  fs.copyFileSync(path.join(REPO, 'bin', 'agentcore-projen'), path.join(pkg, 'bin', 'agentcore-projen'));
  return pkg;
}

/** Installs the compiled library and what a project needs (tsx, projen, ...) into `dir` by links. */
export function linkDependencies(dir: string, pkg: string): void {
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '.bin'), { recursive: true });
  fs.symlinkSync(pkg, path.join(modules, 'agentcore-projen'));
  for (const dep of ['tsx', 'typescript', 'projen', 'constructs']) {
    fs.symlinkSync(path.join(REPO, 'node_modules', dep), path.join(modules, dep));
  }
  // `npx projen` and the tasks it runs find their commands here.
  for (const bin of ['projen', 'tsx']) {
    fs.symlinkSync(fs.realpathSync(path.join(REPO, 'node_modules', '.bin', bin)), path.join(modules, '.bin', bin));
  }
}
