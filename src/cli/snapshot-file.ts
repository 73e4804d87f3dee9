// Reading what commands take from files: a compiled snapshot (bare or signed
// envelope) and keys. Every read is capped and refuses non-regular files
// (src/io/read-capped.ts), so /dev/zero or a FIFO is an error, not a hang.
// Signature problems are told apart from invalid content, because they exit
// differently (3 refused vs 1 invalid).
import { resolve } from 'node:path';
import { parseDocument } from '../apply/document.js';
import { signSnapshot } from '../compile/sign.js';
import type { Snapshot } from '../generated/types.js';
import { MAX_KEY_BYTES, readFileCapped } from '../io/read-capped.js';
import type { SignedEnvelope } from '../runtime/envelope.js';
import { UsageError, type CliIO } from './io.js';

export type SnapshotFileResult =
  | { ok: true; snapshot: Snapshot; verified: boolean }
  | { ok: false; reason: 'invalid' | 'signature'; errors: string[] };

/** A signature could not be made or checked: the command refuses (exit 3). */
export class SignatureRefusedError extends Error {}

export async function readSnapshotFile(io: CliIO, path: string, publicKeyPath?: string): Promise<SnapshotFileResult> {
  const text = await readFileCapped(resolve(io.cwd, path));
  const publicKey = publicKeyPath === undefined ? undefined : await readFileCapped(resolve(io.cwd, publicKeyPath), MAX_KEY_BYTES);
  // Content first, without the key: what fails only with the key is the signature.
  const content = await parseDocument(text);
  if (!content.ok) return { ok: false, reason: 'invalid', errors: content.errors };
  if (publicKey === undefined) return content;
  const signed = await parseDocument(text, publicKey);
  return signed.ok ? signed : { ok: false, reason: 'signature', errors: signed.errors };
}

/** Signs with the private key at `keyPath`; an unusable key is a SignatureRefusedError. */
export async function signWithKeyFile(io: CliIO, keyPath: string, snapshot: Snapshot, serial?: number): Promise<SignedEnvelope> {
  const pem = await readFileCapped(resolve(io.cwd, keyPath), MAX_KEY_BYTES);
  try {
    return signSnapshot(snapshot, pem, serial === undefined ? {} : { serial });
  } catch (err) {
    throw new SignatureRefusedError(`cannot sign with ${keyPath}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** --serial N (replay protection; default: the signing time in ms). Only meaningful with --sign-key. */
export function serialOption(value: unknown, signing: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (!signing) throw new UsageError('--serial needs --sign-key: only a signed envelope carries a serial');
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError('--serial must be a non-negative integer');
  return n;
}
