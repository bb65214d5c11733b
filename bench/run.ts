import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Runs every bench/*.bench.ts in its own process (clean memory figures), in name order. A bench
// that fails is reported and the others still run; the exit code then says so.
const dir = __dirname;
const only = process.argv[2];
const failed: string[] = [];
for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n=== ${file} ===`);
  try {
    execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, file)], { stdio: 'inherit' });
  } catch (e) {
    console.log(`=== ${file} failed: ${(e as Error).message.split('\n')[0]}`);
    failed.push(file);
  }
}
if (failed.length > 0) {
  console.log(`\n${failed.length} bench${failed.length === 1 ? '' : 'es'} failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
