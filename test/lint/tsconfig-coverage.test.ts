import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');

/** The files a tsconfig includes, relative to the repository, as tsc resolves them. */
function filesOf(tsconfig: string): string[] {
  const file = path.join(REPO, tsconfig);
  const { config, error } = ts.readConfigFile(file, (p) => ts.sys.readFile(p));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(file)).fileNames.map((f) => path.relative(REPO, f));
}

describe('type-checked files', () => {
  it('every TypeScript file of the repository is in a tsconfig, so tsc and eslint check its types', () => {
    const checked = new Set(['tsconfig.json', 'test/tsconfig.json', 'projenrc/tsconfig.json'].flatMap(filesOf));
    const tracked = execFileSync('git', ['ls-files', '*.ts', '*.mts'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(tracked.filter((f) => !checked.has(f))).toEqual([]);
  });
});
