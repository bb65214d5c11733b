import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Runs every bench/*.bench.ts in its own process (clean memory figures), in name order.
const dir = __dirname;
const only = process.argv[2];
for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n=== ${file} ===`);
  execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, file)], { stdio: 'inherit' });
}
