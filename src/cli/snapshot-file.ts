// Reading a compiled snapshot (bare or signed envelope) from a file, for every
// command that takes one. loadSnapshot parses the text, so bad JSON is a refusal too.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDocument } from '../apply/document.js';
import type { LoadResult } from '../runtime/envelope.js';
import type { CliIO } from './io.js';

export async function readSnapshotFile(io: CliIO, path: string, publicKeyPath?: string): Promise<LoadResult> {
  const text = await readFile(resolve(io.cwd, path), 'utf8');
  const publicKey = publicKeyPath === undefined ? undefined : await readFile(resolve(io.cwd, publicKeyPath), 'utf8');
  return parseDocument(text, publicKey);
}
