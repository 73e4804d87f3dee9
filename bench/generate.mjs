#!/usr/bin/env node
// Writes a benchmark catalog: node bench/generate.mjs --models 1000 --out DIR
//   [--models-per-file 1] [--seed 1]
// Then e.g.: node bin/modelctl.js validate DIR
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { writeCatalog } from './lib/catalog-generator.mjs';

const usage = 'usage: node bench/generate.mjs --models N --out DIR [--models-per-file K] [--seed S]';
let values;
try {
  ({ values } = parseArgs({
    options: {
      models: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'models-per-file': { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (err) {
  process.stderr.write(`${err.message}\n${usage}\n`);
  process.exit(64);
}
if (values.help) {
  process.stdout.write(usage + '\n');
  process.exit(0);
}
const models = Number(values.models);
const perFile = Number(values['models-per-file']);
const seed = Number(values.seed);
if (!values.out || !Number.isInteger(models) || models < 1 || !Number.isInteger(perFile) || perFile < 1 || !Number.isInteger(seed)) {
  process.stderr.write(`${usage}\n`);
  process.exit(64);
}
const out = resolve(values.out);
if (existsSync(out) && readdirSync(out).length > 0) {
  process.stderr.write(`${values.out} exists and is not empty; give an empty or new directory\n`);
  process.exit(1);
}
const t0 = performance.now();
const r = writeCatalog(out, models, { modelsPerFile: perFile, seed });
process.stderr.write(`wrote ${r.models} models (${r.visible} public and active), ${r.documents} documents in ${r.files} files to ${values.out} in ${(performance.now() - t0).toFixed(0)} ms\n`);
