import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Imports point down only. Each folder of src/ has a layer; a module may import its own folder and
 * any folder of a lower layer, never one of its own layer or above. The root files (index.ts,
 * package-root.ts, user-error.ts) sit under everything.
 */
const LAYERS: Record<string, number> = {
  model: 1,
  // The project's files (paths, the config loader, secrets, locks): render writes to their paths.
  'project-files': 2,
  render: 3,
  // Agent packaging reads the config; deploy will call it.
  package: 3,
  // How user code runs on this machine (a Python venv, tsx): dev runs agents, the local gateway managed servers.
  'local-run': 3,
  // Tool schemas read from managed servers' code (synth, the local gateway and deploy use them).
  'tool-schema': 3,
  projen: 4,
  deploy: 4,
  'local-gateway': 4,
  edit: 4,
  // Runs .projenrc.ts (in process, in a worker, in a child) for the commands that synthesize.
  'projenrc-runner': 4,
  dev: 5,
  create: 5,
  cli: 6,
};

const SRC = path.resolve(__dirname, '../../src');

/** The layer of a file of src/: its top folder's, or 0 for a file at the root. */
function layerOf(file: string): { folder: string; layer: number } {
  const rel = path.relative(SRC, file).split(path.sep);
  if (rel.length === 1) return { folder: '.', layer: 0 };
  const folder = rel[0]!;
  const layer = LAYERS[folder];
  if (layer === undefined) throw new Error(`src/${folder}/ has no layer: add it to LAYERS in ${path.relative(process.cwd(), __filename)}`);
  return { folder, layer };
}

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

/** Relative specifiers of static imports, re-exports, `import()` and `require()`. */
function relativeImports(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]*)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]!);
  return out;
}

describe('layers', () => {
  it('no module of src/ imports a folder of its own layer or above', () => {
    const upward: string[] = [];
    for (const file of sources(SRC)) {
      if (path.dirname(file) === SRC && path.basename(file) === 'index.ts') continue; // the public entry re-exports
      const from = layerOf(file);
      for (const spec of relativeImports(fs.readFileSync(file, 'utf8'))) {
        const to = layerOf(path.resolve(path.dirname(file), spec));
        if (to.folder === from.folder) continue;
        if (to.layer >= from.layer) upward.push(`${path.relative(SRC, file)} imports ${spec} (${from.folder} ${from.layer} -> ${to.folder} ${to.layer})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('finds the imports it walks (the walker is not blind)', () => {
    expect(relativeImports("import { a } from '../x';\nexport * from './y';\nconst z = await import('../z');\nrequire('./w');")).toEqual([
      '../x',
      './y',
      '../z',
      './w',
    ]);
  });
});
