// `redis://[user:pass@]host:port/db?key=modelctl` (or `rediss://` for TLS)
// as the user writes it, checked and split into what a client needs. Pure:
// no ioredis here, so commands that never touch Redis never load it.
//
// The password comes from the URL, else from REDIS_PASSWORD. It is never
// part of `description` or of any error message: messages name the spec
// only through `description`, and the URL text is never echoed when it does
// not parse.
import { cleanText } from '../io/apply-meta.js';

export class RedisSpecError extends Error {}

export interface RedisSpec {
  tls: boolean;
  host: string;
  port: number;
  db: number;
  /** The name every key is built from (`{key}:live`, …). */
  key: string;
  username?: string;
  password?: string;
  /** `redis://host:port/db?key=K`, with `***@` when credentials are set: safe to print. */
  description: string;
  /**
   * The password as given (raw and decoded), for masking any text before it
   * is shown. The user name is not a secret (and often a common word such as
   * 'default'); it is still kept out of `description`.
   */
  secrets: string[];
}

export interface RedisSpecOptions {
  env: Record<string, string | undefined>;
  /** TLS even for a `redis://` URL (`--redis-tls`). */
  tls?: boolean;
}

export const DEFAULT_KEY = 'modelctl';
/** Letters, digits and . _ : - — no braces (the key becomes a hash tag), no spaces, nothing to escape. */
const KEY_NAME = /^[A-Za-z0-9._:-]{1,100}$/;
const SCHEME = /^rediss?:\/\//i;

export function isRedisSpec(spec: string): boolean {
  return SCHEME.test(spec);
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new RedisSpecError(`the ${what} in the Redis URL is not valid percent-encoding (not shown)`);
  }
}

export function parseRedisSpec(spec: string, opts: RedisSpecOptions): RedisSpec {
  if (!isRedisSpec(spec)) throw new RedisSpecError('a Redis target starts with redis:// or rediss://');
  // Never echoed: a URL that does not parse may hide its password from any redaction.
  if (!URL.canParse(spec)) throw new RedisSpecError('the Redis URL does not parse (not shown: it may hold a password); expected redis://[user:pass@]host:port/db?key=NAME');
  const url = new URL(spec);
  const tls = url.protocol.toLowerCase() === 'rediss:' || opts.tls === true;
  // URL keeps IPv6 literals in brackets; a socket wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new RedisSpecError('the Redis URL has no host; expected redis://[user:pass@]host:port/db?key=NAME');
  const port = url.port === '' ? 6379 : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RedisSpecError('the Redis URL has no valid port');

  const path = url.pathname.replace(/^\//, '');
  if (!/^\d{0,5}$/.test(path)) throw new RedisSpecError(`the Redis URL's path is the database number (e.g. /0), not '${cleanText(path, 40)}'`);
  const db = path === '' ? 0 : Number(path);
  if (url.hash) throw new RedisSpecError('the Redis URL has a #fragment; remove it');

  let key = DEFAULT_KEY;
  for (const name of new Set(url.searchParams.keys())) {
    if (name !== 'key') throw new RedisSpecError(`the Redis URL has an unknown parameter '${cleanText(name, 40)}' (known: key)`);
    const values = url.searchParams.getAll('key');
    if (values.length > 1) throw new RedisSpecError("the Redis URL gives 'key' more than once");
    if (!KEY_NAME.test(values[0]!)) {
      throw new RedisSpecError("the Redis URL's key must be 1 to 100 letters, digits, '.', '_', ':' or '-' (it names the keys: {key}:live, {key}:history, …)");
    }
    key = values[0]!;
  }

  const username = url.username ? decode(url.username, 'user name') : undefined;
  const fromUrl = url.password ? decode(url.password, 'password') : undefined;
  const fromEnv = opts.env['REDIS_PASSWORD'] || undefined;
  // The URL is the more specific of the two; REDIS_PASSWORD keeps the password out of argv.
  const password = fromUrl ?? fromEnv;
  const credentials = username !== undefined || fromUrl !== undefined;
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const description = `${tls ? 'rediss' : 'redis'}://${credentials ? '***@' : ''}${hostPort}/${db}?key=${key}`;
  const secrets = [password, url.password].filter((s): s is string => !!s);
  return {
    tls,
    host,
    port,
    db,
    key,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    description,
    secrets: [...new Set(secrets)],
  };
}

/** The key layout, all under one hash tag so a cluster keeps them in one slot. */
export interface RedisKeys {
  /** Hash: version, document, appliedAt (ms, Redis clock), meta (JSON, when given), serial (when signed). */
  live: string;
  /** List, newest first, capped: one JSON entry per swap ({ version, appliedAt, meta }). */
  history: string;
  /** `{key}:doc:` + version: each kept document (string), pruned with the history. */
  docPrefix: string;
  /** Channel: the new version is published here after each swap. */
  events: string;
}

export function redisKeys(key: string): RedisKeys {
  const tag = `{${key}}`;
  return { live: `${tag}:live`, history: `${tag}:history`, docPrefix: `${tag}:doc:`, events: `${tag}:events` };
}
