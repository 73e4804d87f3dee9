// `modelctl validate` against ajv-cli 5 (a devDependency) on the same files and
// the same schemas, whole processes, at 1,000 and 10,000 models.
//
// The files: a generated catalog (bench/lib/catalog-generator.mjs) with every
// multi-document file split into one file per document, since ajv-cli reads a
// YAML file as a single document (js-yaml safeLoad). Both tools run in the
// catalog folder on every *.yaml under it.
//
// The fair ajv-cli invocation (node_modules/ajv-cli/README.md):
//   ajv validate -s schema/catalog.schema.json
//                -r schema/{common,provider,model,settings,group,entry-point-group,tier,collection,native-tool}.schema.json
//                -r 'schema/provider-options/*.json'
//                -d '**/*.yaml' --all-errors --strict=false --errors=line
// The schemas are draft-07, ajv-cli's default spec (not --spec=draft2020);
// --all-errors because modelctl reports every problem; --strict=false because
// the schemas carry one annotation keyword of ours (enumDescriptions) that
// modelctl registers as a vocabulary. ajv-cli prints a line per file; both
// tools' stdout goes to /dev/null. ajv-cli checks the schema only: no line
// numbers, no cross-file rules, no secret scan; modelctl does all of that.
//
// Reported: median wall time of REPS alternating runs (process start to exit),
// peak RSS, and modelctl / ajv-cli (target: < 1 at both sizes).
// Env: BENCH_SIZES=1000,10000  BENCH_REPS=5  BENCH_STRICT=1 (exit 1 on a miss).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternate, measure, MODELCTL, prepareCatalog, ROOT, round, summary } from './large-lib.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const AJV = join(ROOT, 'node_modules', 'ajv-cli', 'dist', 'index.js');
const schema = (name) => join(ROOT, 'schema', name);
const KINDS = ['common', 'provider', 'model', 'settings', 'group', 'entry-point-group', 'tier', 'collection', 'native-tool'];
const AJV_ARGS = [
  AJV,
  'validate',
  '-s',
  schema('catalog.schema.json'),
  ...KINDS.flatMap((k) => ['-r', schema(`${k}.schema.json`)]),
  '-r',
  schema('provider-options/*.json'),
  '-d',
  '**/*.yaml',
  '--all-errors',
  '--strict=false',
  '--errors=line',
];

const scratch = mkdtempSync(join(tmpdir(), 'modelctl-bench-ajv-'));
const results = [];
try {
  for (const size of SIZES) {
    const dir = join(scratch, `catalog-${size}`);
    const catalog = prepareCatalog(dir, size, { singleDocuments: true });
    const commands = { modelctl: () => measure([MODELCTL, 'validate', '.'], dir), ajvCli: () => measure(AJV_ARGS, dir) };
    // One untimed round: page cache, and both must accept the catalog.
    commands.modelctl();
    commands.ajvCli();
    const runs = alternate(commands, REPS);
    const row = { models: size, files: catalog.files, modelctl: summary(runs.modelctl), ajvCli: summary(runs.ajvCli) };
    row.ratio = round(row.modelctl.ms / row.ajvCli.ms, 2);
    results.push(row);
    console.error(`  ${size} models, ${catalog.files} files: modelctl ${row.modelctl.ms} ms, ajv-cli ${row.ajvCli.ms} ms`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const pass = results.every((r) => r.ratio < 1);
console.log(`validate vs ajv-cli — whole processes, median of ${REPS} alternating runs, same files and schemas`);
console.log(`  ${'models'.padStart(7)} ${'files'.padStart(7)} ${'modelctl'.padStart(10)} ${'ajv-cli'.padStart(10)} ${'ratio'.padStart(6)}  ${'peak RSS modelctl / ajv-cli'.padStart(28)}  target`);
for (const r of results)
  console.log(
    `  ${r.models.toLocaleString('en-US').padStart(7)} ${r.files.toLocaleString('en-US').padStart(7)} ${`${r.modelctl.ms} ms`.padStart(10)} ${`${r.ajvCli.ms} ms`.padStart(10)} ${`${r.ratio}×`.padStart(6)}  ${`${r.modelctl.maxRssMb} / ${r.ajvCli.maxRssMb} MB`.padStart(28)}  < 1× ${r.ratio < 1 ? 'ok' : 'MISS'}`,
  );
console.log(`BENCH ${JSON.stringify({ bench: 'large-ajv-cli', reps: REPS, results, pass })}`);
if (process.env.BENCH_STRICT === '1' && !pass) process.exitCode = 1;
