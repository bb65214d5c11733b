import type { Command } from 'commander';
import { registerCreate } from './create';

/** Every command of the CLI; each module registers its own verbs and flags. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerCreate];
