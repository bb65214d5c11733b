import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './output';

export const PROJENRC = '.projenrc.ts';

/** The project folder: the nearest folder from `cwd` upwards that holds `.projenrc.ts`. */
export function findProjectRoot(cwd: string = process.cwd()): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, PROJENRC))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new CliError(
    `No ${PROJENRC} found in ${cwd} or any folder above it. Run this command inside a project, or create one with \`agentcore-projen create --name MyProject\`.`,
  );
}
