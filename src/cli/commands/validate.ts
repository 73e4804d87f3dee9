import { hasErrors } from '../../diagnostics/types.js';
import { oneOf } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { DIAGNOSTIC_FORMATS, diagnosticFormatters } from '../format/diagnostics.js';
import { useColor } from '../io.js';
import { buildSnapshot } from '../../pipeline.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check catalog files against the schemas and rules',
  usage: `Usage: modelctl validate [DIR...] [--format text|json|github]

Reads every *.yaml / *.yml under the given directories (default: .), validates
each document against its JSON Schema and the catalog rules, and prints every
problem with its file, line and column.

Options:
  --format FORMAT   text (default), json, or github (workflow annotations)
  -h, --help        show this help

Exit codes: 0 valid (warnings allowed), 1 invalid, 64 usage error.`,
  options: { format: { type: 'string' } },
  async run(values, positionals, io) {
    const format = oneOf(values.format, DIAGNOSTIC_FORMATS, '--format', 'text');
    const { diagnostics, sources } = await buildSnapshot(positionals, io.cwd);
    io.stdout.write(diagnosticFormatters[format](diagnostics, { sources, color: useColor(io) }));
    return hasErrors(diagnostics) ? EXIT.failed : EXIT.ok;
  },
};
