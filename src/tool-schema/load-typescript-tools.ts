/*
 * ts-morph (with TypeScript) takes about half a second to load, so it is loaded on first use:
 * projects without TypeScript tools, and every command that does not read them, never pay for it.
 */
type TypeScriptTools = typeof import('./typescript-tools');

let loaded: TypeScriptTools | undefined;

export function loadTypeScriptTools(): TypeScriptTools {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  loaded ??= require('./typescript-tools') as TypeScriptTools;
  return loaded;
}
