import { generateSigningKeys } from '../../compile/sign.js';
import { str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../io.js';
import { writeOutput } from '../write-file.js';
import { readSnapshotFile } from '../snapshot-file.js';

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'Create an Ed25519 key pair for signing snapshots',
  usage: `Usage: modelctl keygen --out PREFIX

Writes PREFIX.key (private, PKCS#8 PEM, mode 0600) and PREFIX.pub (public, SPKI PEM).
Keep the private key in your CI secret store; give gateways the public key.

Options:
  -o, --out PREFIX   file name prefix (required)
  -h, --help         show this help`,
  options: { out: { type: 'string', short: 'o' } },
  async run(values, _positionals, io) {
    const prefix = str(values.out);
    if (!prefix) throw new UsageError('--out PREFIX is required');
    const keys = generateSigningKeys();
    await writeOutput(io, `${prefix}.key`, keys.privateKeyPem, 0o600);
    await writeOutput(io, `${prefix}.pub`, keys.publicKeyPem);
    io.stderr.write(`wrote ${prefix}.key and ${prefix}.pub (key id ${keys.keyId})\n`);
    return EXIT.ok;
  },
};

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check a signed snapshot against a public key',
  usage: `Usage: modelctl verify SNAPSHOT --key PUB

Checks the snapshot's schema, its version hash and its Ed25519 signature.

Options:
  --key FILE     public key (SPKI PEM) (required)
  -h, --help     show this help

Exit codes: 0 valid signature, 1 unreadable file (missing, not a regular file, over
the size limit), 3 signature or content refused, 64 usage error.`,
  options: { key: { type: 'string' } },
  async run(values, positionals, io) {
    const keyPath = str(values.key);
    if (!keyPath || positionals.length !== 1) throw new UsageError('give one snapshot file and --key');
    const result = await readSnapshotFile(io, positionals[0]!, keyPath);
    if (!result.ok) {
      // verify's whole job is the check: invalid content and a bad signature are both refusals.
      io.stderr.write(`${positionals[0]}: refused (${result.reason === 'signature' ? 'signature' : 'invalid snapshot'})\n${result.errors.map((e) => `  ${e}`).join('\n')}\n`);
      return EXIT.refused;
    }
    io.stdout.write(`${positionals[0]}: signature valid, version ${result.snapshot.version}\n`);
    return EXIT.ok;
  },
};
