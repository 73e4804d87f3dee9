import { generateSigningKeys } from '../../compile/sign.js';
import { str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../io.js';
import { writeOutput } from '../write-file.js';

// verify lives in verify.ts; re-exported so the command list keeps its import.
export { verifyCommand } from './verify.js';

export const keygenCommand: Command = {
  name: 'keygen',
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
