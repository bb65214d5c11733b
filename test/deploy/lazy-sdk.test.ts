import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { expect, test } from 'vitest';

const REPO = path.resolve(__dirname, '..', '..');

/** Modules loaded after running `code` in a fresh process, filtered by `pattern`. */
function loadedAfter(code: string, pattern: string): string[] {
  const probe = `${code};
    const hits = Object.keys(require.cache).filter((k) => new RegExp(${JSON.stringify(pattern)}).test(k));
    process.stdout.write(JSON.stringify(hits));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: REPO, encoding: 'utf8' })) as string[];
}

test('synth, the library entry and the CLI program load neither the AWS SDK nor the deploy code', () => {
  expect(loadedAfter("require('./src/index.ts'); require('./src/cli/main.ts').buildProgram()", '@aws-sdk|[\\\\/]src[\\\\/]deploy[\\\\/](?!state)')).toEqual([]);
});

test('the deploy entry point loads the AWS SDK only when a deploy connects', () => {
  expect(loadedAfter("require('./src/deploy/index.ts')", '@aws-sdk')).toEqual([]);
});
