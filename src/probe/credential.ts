// Reads the value a credential reference names. The value never leaves the
// probe: it goes into one request header (or the SigV4 signer) and into the
// redaction list, and is never printed or logged.
import type { SnapshotCredentialRef } from '../generated/types.js';
import { readFileCapped } from '../io/read-capped.js';

const MAX_SECRET_BYTES = 64 * 1024;

/** The value, or undefined when the variable is unset/empty or the file is unreadable. */
export async function readCredential(ref: SnapshotCredentialRef, env: Record<string, string | undefined>): Promise<string | undefined> {
  if ('env' in ref) {
    const v = env[ref.env];
    return v ? v.trim() : undefined;
  }
  try {
    // Mounted secrets usually end with a newline that is not part of the key.
    const text = (await readFileCapped(ref.file, MAX_SECRET_BYTES)).trim();
    return text || undefined;
  } catch {
    return undefined;
  }
}

/** The reference as it may be shown: the variable name or the path, never a value. */
export const describeRef = (ref: SnapshotCredentialRef): string => ('env' in ref ? `env ${ref.env}` : `file ${ref.file}`);
