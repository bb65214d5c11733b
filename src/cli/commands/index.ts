import type { Command } from 'commander';
import { registerAdd } from './add';
import { registerCreate } from './create';
import { registerDev } from './dev';
import { registerDeploy } from './deploy';
import { registerGateway } from './gateway';
import { registerInvoke } from './invoke';
import { registerRemove } from './remove';
import { registerStatus } from './status';
import { registerToken } from './token';

/** Every command of the CLI; each module registers its own verbs and flags. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerCreate,
  registerAdd,
  registerRemove,
  registerDev,
  registerGateway,
  registerDeploy,
  registerInvoke,
  registerStatus,
  registerToken,
];
