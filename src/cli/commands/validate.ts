import { oneOf, catalogHelp, catalogInput, CATALOG_OPTIONS, CACHE_OPTIONS, cacheDir, cacheHelp } from '../args.js';
import { TOOL, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { DIAGNOSTIC_FORMATS, diagnosticFormatters, FAIL_ON, failsOn } from '../format/diagnostics.js';
import { UsageError, useColor } from '../io.js';
import { checkCatalog } from '../../pipeline.js';

export const validateCommand: Command = {
  name: 'validate',
  usage: `Usage: modelctl validate [DIR... | -] [--format text|json|github|sarif|junit]
                         [--fail-on error|warning] [--exclude GLOB]... [--cache DIR | --watch]

Reads every *.yaml / *.yml under the given directories (default: .), validates
each document against its JSON Schema and the catalog rules, and prints every
problem with its file, line and column.

Options:
  --format FORMAT    text (default); json { valid, errorCount, warningCount, diagnostics };
                     github (workflow annotations); sarif (SARIF 2.1.0, for code scanning);
                     junit (JUnit XML: a testsuite per file, a failing testcase per error)
  --fail-on LEVEL    error (default) or warning: with warning, any warning also exits 1
  --watch            validate again on every change under the catalog's directories, printing
                     a whole report each time, until Ctrl-C (SIGINT) or SIGTERM; the catalog is
                     kept in memory, so a run after an edit reads only the changed files
${catalogHelp(true)}${cacheHelp()}  -h, --help         show this help

Exit codes: 0 valid (warnings allowed unless --fail-on warning), 1 invalid, 64 usage error.
With --watch: the last run's verdict, once stopped.`,
  options: { format: { type: 'string' }, 'fail-on': { type: 'string' }, watch: { type: 'boolean' }, ...CATALOG_OPTIONS, ...CACHE_OPTIONS },
  async run(values, positionals, io) {
    const format = oneOf(values.format, DIAGNOSTIC_FORMATS, '--format', 'text');
    const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on', 'error');
    const cache = cacheDir(values, io.cwd);
    if (values.watch) {
      if (cache) throw new UsageError('--watch keeps the catalog in memory: drop --cache');
      if (positionals.includes('-')) throw new UsageError('--watch cannot watch stdin (-): give directories');
      const input = await catalogInput(values, positionals, io, { stdin: false });
      const { watchCatalog } = await import('../watch.js');
      return watchCatalog(positionals, io, input, ({ checked }) => {
        io.stdout.write(diagnosticFormatters[format](checked.diagnostics, { sources: checked.sources, color: useColor(io), tool: TOOL, failOn }));
        return failsOn(checked.diagnostics, failOn) ? EXIT.failed : EXIT.ok;
      });
    }
    const input = await catalogInput(values, positionals, io, { stdin: true });
    // Every rule runs, but no snapshot is built or hashed: validate never prints one.
    const { diagnostics, sources, notes } = await checkCatalog(positionals, io.cwd, { ...input, ...(cache ? { cacheDir: cache } : {}) });
    for (const note of notes ?? []) io.stderr.write(`modelctl validate: ${note}\n`);
    io.stdout.write(diagnosticFormatters[format](diagnostics, { sources, color: useColor(io), tool: TOOL, failOn }));
    return failsOn(diagnostics, failOn) ? EXIT.failed : EXIT.ok;
  },
};
