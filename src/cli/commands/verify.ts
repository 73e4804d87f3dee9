import { oneOf, str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { verifyJson, type VerifyReport } from '../format/outcome.js';
import { UsageError } from '../io.js';
import { readSnapshotFile } from '../snapshot-file.js';

export const verifyCommand: Command = {
  name: 'verify',
  usage: `Usage: modelctl verify SNAPSHOT --key PUB [--format text|json]

Checks the snapshot's schema, its version hash and its Ed25519 signature.

Options:
  --key FILE       public key (SPKI PEM) (required)
  --format FORMAT  text (default) or json: one object on stdout,
                   { file, status: "valid", version } or
                   { file, status: "refused", reason: "signature" | "invalid", errors: [...] }
  -h, --help       show this help

Exit codes: 0 valid signature, 1 unreadable file (missing, not a regular file, over
the size limit; no JSON is printed), 3 signature or content refused, 64 usage error.`,
  options: { key: { type: 'string' }, format: { type: 'string' } },
  async run(values, positionals, io) {
    const keyPath = str(values.key);
    if (!keyPath || positionals.length !== 1) throw new UsageError('give one snapshot file and --key');
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    const file = positionals[0]!;
    const result = await readSnapshotFile(io, file, keyPath);
    const report: VerifyReport = result.ok ? { file, status: 'valid', version: result.snapshot.version } : { file, status: 'refused', reason: result.reason, errors: result.errors };
    if (format === 'json') io.stdout.write(verifyJson(report));
    if (report.status === 'refused') {
      // verify's whole job is the check: invalid content and a bad signature are both refusals.
      io.stderr.write(`${file}: refused (${report.reason === 'signature' ? 'signature' : 'invalid snapshot'})\n${report.errors.map((e) => `  ${e}`).join('\n')}\n`);
      return EXIT.refused;
    }
    if (format === 'text') io.stdout.write(`${file}: signature valid, version ${report.version}\n`);
    return EXIT.ok;
  },
};
