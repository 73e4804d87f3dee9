import type { Command } from '../command.js';
import { validateCommand } from './validate.js';
import { compileCommand } from './compile.js';
import { keygenCommand, verifyCommand } from './keys.js';
import { explainCommand } from './explain.js';
import { planCommand } from './plan.js';
import { applyCommand } from './apply.js';
import { rollbackCommand } from './rollback.js';
import { serveCommand } from './serve.js';
import { demoCommand } from './demo.js';
import { schemaCommand } from './schema.js';
import { testCommand } from './test.js';
import { initCommand } from './init.js';
import { getCommand } from './get.js';
import { accessCommand } from './access.js';

/** Every command, in the order `modelctl --help` lists them. */
export const commands: Command[] = [initCommand, validateCommand, compileCommand, explainCommand, getCommand, accessCommand, keygenCommand, verifyCommand, planCommand, applyCommand, rollbackCommand, serveCommand, demoCommand, schemaCommand, testCommand];
