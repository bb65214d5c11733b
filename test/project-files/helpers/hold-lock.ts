// A process that takes a lock as deploy or an edit would, then holds it until it is ended.
// Usage: hold-lock.ts <lock file> <command> [<go file>]; with a go file, it waits for that file
// to appear first (after printing `ready`), so that several such processes try at the same moment.
// Prints `held <pid>` or `busy <pid of the holder>`.
import * as fs from 'node:fs';
import { acquireLock, LockHeldError } from '../../../src/project-files/lock';

const [file, command, go] = process.argv.slice(2) as [string, string, string | undefined];
if (go) {
  process.stdout.write('ready\n');
  while (!fs.existsSync(go));
}
try {
  acquireLock(file, command);
  process.stdout.write(`held ${process.pid}\n`);
} catch (e) {
  if (!(e instanceof LockHeldError)) throw e;
  process.stdout.write(`busy ${e.owner.pid}\n`);
}
setInterval(() => undefined, 60_000);
