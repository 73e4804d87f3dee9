// Every row table, so the coverage test sees them all.
import type { Row } from '../harness.js';
import { yamlRows } from './yaml.rows.js';
import { schemaRows } from './schema.rows.js';
import { secretRows } from './secrets.rows.js';
import { referenceRows } from './references.rows.js';
import { registryRows, ruleRows } from './rules.rows.js';
import { fileRows } from './files.rows.js';

export { yamlRows, schemaRows, secretRows, referenceRows, ruleRows, registryRows, fileRows };

/** Rows that run without disk (parse → validate → compile, or buildRegistry). */
export const pureRows: Row[] = [...yamlRows, ...schemaRows, ...secretRows, ...registryRows];
export const compileRuleRows: Row[] = [...referenceRows, ...ruleRows];
export const allRows: Row[] = [...pureRows, ...compileRuleRows, ...fileRows];
