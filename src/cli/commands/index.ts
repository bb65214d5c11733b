import type { Command } from 'commander';
import { registerCreate } from './create';
import { registerGateway } from './gateway';

/** Every command of the CLI; each module registers its own verbs and flags. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerCreate, registerGateway];
