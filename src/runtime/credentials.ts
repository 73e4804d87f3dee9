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

/** Each memoized check's answers so far, by env name and by file path. */
const answers = new WeakMap<CredentialCheck, { env: Map<string, boolean>; file: Map<string, boolean> }>();

/** One check per distinct reference (fileExists may be slow), keyed by the name or path as it is: no string built per source. */
export function memoizedCredentials(check: CredentialCheck, given?: { env: Map<string, boolean>; file: Map<string, boolean> }): CredentialCheck {
  const env = given?.env ?? new Map<string, boolean>();
  const file = given?.file ?? new Map<string, boolean>();
  const memo = (ref: SnapshotCredentialRef): boolean => {
    // No destructuring: asked per source on every swap, mostly unoptimized, where [a, b] = … allocates an array and an iterator.
    const isEnv = 'env' in ref;
    const seen = isEnv ? env : file;
    const key = isEnv ? ref.env : ref.file;
    let hit = seen.get(key);
    if (hit === undefined) seen.set(key, (hit = check(ref)));
    return hit;
  };
  answers.set(memo, { env, file });
  return memo;
}

/**
 * A memoized `check` that starts with the answers the memoized check `memo`
 * has given, when `check` gives every one of them (what was laid out from
 * those answers, a resolver's routes, is then what a build asking `check`
 * would lay out); null when one differs, or `memo` was not made here.
 * References asked afterwards are asked of `check`, never of `memo`'s own.
 */
export function carriedMemo(memo: CredentialCheck, check: CredentialCheck): CredentialCheck | null {
  const given = answers.get(memo);
  if (given === undefined) return null;
  for (const [name, present] of given.env) if (check({ env: name }) !== present) return null;
  for (const [path, present] of given.file) if (check({ file: path }) !== present) return null;
  return memoizedCredentials(check, { env: new Map(given.env), file: new Map(given.file) });
}
