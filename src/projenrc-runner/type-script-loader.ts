import * as path from 'node:path';

/** How to make `require` load .ts files: already possible (run through tsx), or tsx from the project; undefined without either. */
export function typeScriptLoader(root: string): (() => void) | undefined {
  if (require.extensions['.ts']) return () => {};
  let api: string;
  try {
    api = require.resolve('tsx/cjs/api', { paths: [root] });
  } catch {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- tsx's loader, from the project's own node_modules
  return () => (require(api) as { register: () => void }).register();
}

/** A module of this folder as a file to start: `.ts` when running from source (tests), `.js` from lib/. */
export function entryFile(name: string): string {
  return path.join(__dirname, `${name}${path.extname(__filename)}`);
}
