// Table-driven compile rules (src/compile/rules): each code triggered at its
// position and narrowly missed by a valid catalog. Rows: rows/references.rows.ts, rows/rules.rows.ts.
import { describe } from 'vitest';
import { referenceRows, ruleRows } from './rows/index.js';
import { runRows } from './run-rows.js';

describe('compile rules: names and references', () => runRows(referenceRows));
describe('compile rules: capabilities, routes, exposure, limits', () => runRows(ruleRows));
