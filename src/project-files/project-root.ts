import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../user-error';
import { CONFIG_PATH, PROJENRC } from './paths';

/** No project folder at or above the folder a command ran in. */
export class ProjectNotFoundError extends UserError {
  constructor(cwd: string) {
    super(
      `No ${PROJENRC} found in ${cwd} or any folder above it. Run this command inside a project, or create one with \`agentcore-projen create --name MyProject\`.`,
    );
    this.name = 'ProjectNotFoundError';
  }
}

/**
 * The project folder: the nearest folder from `cwd` upwards that holds `.projenrc.ts` or a
 * synthesized `agentcore/agentcore.json` (a checkout of the config alone can be deployed).
 */
export function findProjectRoot(cwd: string = process.cwd()): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, PROJENRC)) || fs.existsSync(path.join(dir, CONFIG_PATH))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new ProjectNotFoundError(cwd);
}
