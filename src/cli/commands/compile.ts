import { serializeSnapshot } from '../../compile/version.js';
import { serializeDocument } from '../../apply/document.js';
import { buildSnapshot } from '../../pipeline.js';
import { catalogHelp, catalogInput, CATALOG_OPTIONS, oneOf, str } from '../args.js';
import { TOOL, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { DIAGNOSTIC_FORMATS, diagnosticFormatters, FAIL_ON, failsOn } from '../format/diagnostics.js';
import { UsageError, useColor } from '../io.js';
import { writeOutput } from '../write-file.js';
import { summarizeSnapshot } from '../format/snapshot-summary.js';
import { serialOption, signWithKeyFile, SignatureRefusedError } from '../snapshot-file.js';

export const compileCommand: Command = {
  name: 'compile',
  usage: `Usage: modelctl compile [DIR... | -] -o snapshot.json [--sign-key KEY [--serial N]]
                        [--format text|json|github|sarif|junit] [--fail-on error|warning] [--exclude GLOB]...

Validates the catalog, resolves every reference and default, and writes the
canonical snapshot. With --sign-key (an Ed25519 private key in PEM, see
'modelctl keygen'), writes a signed envelope { snapshot, signature } instead.

Options:
  -o, --out FILE     where to write the snapshot ('-' for stdout)  (required)
  --sign-key FILE    Ed25519 private key (PEM) to sign with
  --serial N         the envelope's signed serial (default: now, in ms); a server with
                     --verify-key takes only serials above the newest it accepted
  --format FORMAT    how to print diagnostics: text (default), json, github, sarif, junit
                     (as 'modelctl validate'); on stdout when compile fails, else on stderr
  --fail-on LEVEL    error (default) or warning: with warning, any warning fails the
                     compile (exit 1, nothing written)
${catalogHelp(true)}  -h, --help         show this help

Exit codes: 0 written, 1 invalid catalog or failure, 3 refused (the signing key
is not a usable Ed25519 private key), 64 usage error.`,
  options: { out: { type: 'string', short: 'o' }, 'sign-key': { type: 'string' }, serial: { type: 'string' }, format: { type: 'string' }, 'fail-on': { type: 'string' }, ...CATALOG_OPTIONS },
  async run(values, positionals, io) {
    const out = str(values.out);
    if (!out) throw new UsageError('-o/--out is required');
    const format = oneOf(values.format, DIAGNOSTIC_FORMATS, '--format', 'text');
    const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on', 'error');
    const keyPath = str(values['sign-key']);
    const serial = serialOption(values.serial, keyPath !== undefined);
    const input = await catalogInput(values, positionals, io, { stdin: true });
    const built = await buildSnapshot(positionals, io.cwd, input);
    const failed = !built.snapshot || failsOn(built.diagnostics, failOn);
    if (built.diagnostics.length > 0 || failed) {
      // Diagnostics are the machine output only when compile fails; otherwise they are progress.
      const stream = failed ? io.stdout : io.stderr;
      stream.write(diagnosticFormatters[format](built.diagnostics, { sources: built.sources, color: useColor(io, stream), tool: TOOL, failOn }));
    }
    if (failed || !built.snapshot) return EXIT.failed;
    let signed;
    try {
      signed = keyPath ? await signWithKeyFile(io, keyPath, built.snapshot, serial) : undefined;
    } catch (err) {
      if (!(err instanceof SignatureRefusedError)) throw err;
      io.stderr.write(`modelctl compile: refused, nothing written: ${err.message}\n`);
      return EXIT.refused;
    }
    const data = signed ? serializeDocument(signed.snapshot, signed.signature) : serializeSnapshot(built.snapshot);
    await writeOutput(io, out, data);
    io.stderr.write(`${summarizeSnapshot(built.snapshot)}\nwrote ${out === '-' ? 'stdout' : out}${keyPath ? ' (signed)' : ''}: ${built.snapshot.version}\n`);
    return EXIT.ok;
  },
};
