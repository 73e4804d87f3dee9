import type { Command } from '../command.js';
import { validateCommand } from './validate.js';

/** Every command, in the order `modelctl --help` lists them. */
export const commands: Command[] = [validateCommand];
