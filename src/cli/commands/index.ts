import type { Command } from '../command.js';
import { validateCommand } from './validate.js';
import { compileCommand } from './compile.js';
import { keygenCommand, verifyCommand } from './keys.js';

/** Every command, in the order `modelctl --help` lists them. */
export const commands: Command[] = [validateCommand, compileCommand, keygenCommand, verifyCommand];
