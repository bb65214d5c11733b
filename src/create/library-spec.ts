import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../package-root';

/**
 * The npm dependency spec that installs the very copy of the library that is running: a checkout
 * is linked with `file:`, a copy installed from a tarball points back at that tarball, and a copy
 * from the registry is pinned to its version.
 */
export function librarySpec(root: string = PACKAGE_ROOT): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const nodeModules = path.dirname(root);
  if (path.basename(nodeModules) !== 'node_modules') return `file:${root}`;
  // npm records where each installed package came from in node_modules/.package-lock.json.
  const lockPath = path.join(nodeModules, '.package-lock.json');
  if (fs.existsSync(lockPath)) {
    const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { packages?: Record<string, { resolved?: string }> };
    const resolved = lock.packages?.[`node_modules/${name}`]?.resolved;
    if (resolved?.startsWith('file:')) {
      return `file:${path.resolve(path.dirname(nodeModules), resolved.slice('file:'.length))}`;
    }
  }
  return version;
}

/** Version of a package this library depends on, as installed next to it. */
export function installedVersion(pkg: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package is named at run time
  return (require(`${pkg}/package.json`) as { version: string }).version;
}
