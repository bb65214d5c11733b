import * as path from 'node:path';
import { PackageError } from './errors';

/*
 * A TypeScript MCP server as one JavaScript file, made by esbuild: the entry and everything it
 * imports (the user's tools and their npm dependencies), CommonJS for Node.js 22. Paths in the
 * output are relative to the code folder and nothing else of this machine reaches it, so the
 * same code gives the same bytes.
 */

export interface TypeScriptBundle {
  /** File name of the bundle (`handler.js` for `handler.ts`). */
  readonly fileName: string;
  readonly code: Uint8Array;
}

/** Bundles `entry` (a file of `codeDir`, e.g. `handler.ts`); `subject` names the server in errors. */
export async function bundleTypeScript(codeDir: string, entry: string, subject: string): Promise<TypeScriptBundle> {
  // Loaded on first use: only packaging a TypeScript server needs the bundler.
  const esbuild = await import('esbuild');
  const fileName = `${path.basename(entry, path.extname(entry))}.js`;
  try {
    const result = await esbuild.build({
      absWorkingDir: codeDir,
      entryPoints: [entry],
      outfile: fileName,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      write: false,
      sourcemap: false,
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
    });
    const out = result.outputFiles.find((f) => f.path.endsWith(fileName));
    if (!out) throw new PackageError(`${subject}: the bundler wrote no ${fileName}`);
    return { fileName, code: out.contents };
  } catch (e) {
    if (e instanceof PackageError) throw e;
    const errors = (e as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const lines = errors?.map((m) => `${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`) ?? [String((e as Error).message ?? e)];
    throw new PackageError(
      `${subject}: ${entry} could not be bundled:\n${lines.map((l) => `  - ${l}`).join('\n')}\nFix the code (or install its dependencies with npm) and deploy again`,
    );
  }
}
