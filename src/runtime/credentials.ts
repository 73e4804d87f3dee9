// Whether a credential reference is present where this resolver runs.
// Evaluated once when the resolver is built: secrets are mounted before a
// gateway starts, and the routing tables are precomputed from the answer.
// A resolver built after the secrets change (e.g. on the next snapshot load)
// sees the new state.
import type { SnapshotCredentialRef } from '../generated/types.js';
import type { ResolverOptions } from './types.js';

export type CredentialCheck = (ref: SnapshotCredentialRef) => boolean;

type Env = Record<string, string | undefined>;

/** process.env where it exists (Node, Bun, Deno with compat), else nothing. */
function defaultEnv(): Env {
  const proc = (globalThis as { process?: { env?: Env } }).process;
  return proc?.env ?? {};
}

export function credentialCheck(opts: Pick<ResolverOptions, 'env' | 'fileExists'>): CredentialCheck {
  const env = opts.env ?? defaultEnv();
  const fileExists = opts.fileExists;
  return (ref) => {
    if ('env' in ref) {
      const value = env[ref.env];
      return typeof value === 'string' && value !== '';
    }
    return fileExists ? fileExists(ref.file) : true;
  };
}

/** One check per distinct reference (fileExists may be slow), keyed by the name or path as it is: no string built per source. */
export function memoizedCredentials(check: CredentialCheck): CredentialCheck {
  const env = new Map<string, boolean>();
  const file = new Map<string, boolean>();
  return (ref: SnapshotCredentialRef) => {
    // No destructuring: asked per source on every swap, mostly unoptimized, where [a, b] = … allocates an array and an iterator.
    const isEnv = 'env' in ref;
    const seen = isEnv ? env : file;
    const key = isEnv ? ref.env : ref.file;
    let hit = seen.get(key);
    if (hit === undefined) seen.set(key, (hit = check(ref)));
    return hit;
  };
}
