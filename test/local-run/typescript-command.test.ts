import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingNodeDependencies, typescriptCommand } from '../../src/local-run/typescript-command';
import { tempDir } from '../helpers/tmp';

function writeJson(file: string, value: unknown) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

describe('the dependencies of a TypeScript server', () => {
  it('are missing when no node_modules Node looks in has them, and found in the project’s', () => {
    const project = tempDir();
    const server = path.join(project, 'app/mcp/calc');
    writeJson(path.join(server, 'package.json'), { dependencies: { 'left-pad': '^1.3.0', zod: '^4' }, devDependencies: { tsx: '^4' } });
    expect(missingNodeDependencies(server)).toEqual(['left-pad', 'zod']);
    // The project's own node_modules (two folders up) counts, as Node resolves from there too.
    writeJson(path.join(project, 'node_modules/zod/package.json'), { name: 'zod' });
    expect(missingNodeDependencies(server)).toEqual(['left-pad']);
    writeJson(path.join(server, 'node_modules/left-pad/package.json'), { name: 'left-pad' });
    expect(missingNodeDependencies(server)).toEqual([]);
  });

  it('runs with this Node and tsx’s loader, found even when the project has no tsx', () => {
    const project = tempDir();
    const run = typescriptCommand(path.join(project, 'server.ts'), project, project);
    expect(run.command).toBe(process.execPath);
    expect(run.args).toEqual(['--import', expect.stringMatching(/^file:\/\/.*\/tsx\//), path.join(project, 'server.ts')]);
  });
});
