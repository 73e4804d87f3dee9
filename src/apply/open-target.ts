// `--target` as the user writes it: `file:PATH`, an http(s) URL, or a
// redis(s):// URL (the Redis target loads ioredis only on first use).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRedisSpec, parseRedisSpec, RedisSpecError } from '../redis/spec.js';
import { FileTarget } from './file-target.js';
import { HttpTarget, proxyFromEnv } from './http-target.js';
import { redactUrl, secretsOf } from '../io/redact-url.js';
import { RedisTarget } from './redis-target.js';
import type { Target } from './types.js';

export class TargetSpecError extends Error {}

export interface OpenTargetOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** `--redis-tls`: TLS for a redis:// target (rediss:// has it anyway); refused for other targets. */
  redisTls?: boolean;
}

/** What must never be printed for this --target: the URL's credentials and query values, and REDIS_PASSWORD for a Redis target. */
export function targetSecrets(spec: string, env: Record<string, string | undefined>): string[] {
  const password = isRedisSpec(spec) ? env['REDIS_PASSWORD'] : undefined;
  return [...secretsOf(spec), ...(password ? [password] : [])];
}

export function openTarget(spec: string, opts: OpenTargetOptions): Target {
  if (isRedisSpec(spec)) {
    try {
      // Warnings (models hidden for missing credentials) are computed against this command's env, as for file:.
      return new RedisTarget(parseRedisSpec(spec, { env: opts.env, ...(opts.redisTls ? { tls: true } : {}) }), { env: opts.env });
    } catch (err) {
      throw err instanceof RedisSpecError ? new TargetSpecError(`--target: ${err.message}`) : err;
    }
  }
  if (opts.redisTls) throw new TargetSpecError('--redis-tls applies to redis:// targets only');
  if (/^https?:\/\//i.test(spec)) {
    if (!URL.canParse(spec)) throw new TargetSpecError(`--target is not a valid URL: '${redactUrl(spec)}'`);
    const token = opts.env['MODELCTL_ADMIN_TOKEN'];
    // HTTP(S)_PROXY / NO_PROXY from the command's environment.
    return new HttpTarget(spec, { ...(token ? { token } : {}), proxy: proxyFromEnv(opts.env) });
  }
  // Warnings (models hidden for missing credentials) are computed against this command's env.
  if (spec.startsWith('file://')) return new FileTarget(fileURLToPath(spec), { env: opts.env });
  if (spec.startsWith('file:')) {
    const path = spec.slice('file:'.length);
    if (!path) throw new TargetSpecError('--target file: needs a path, e.g. file:live.json');
    return new FileTarget(resolve(opts.cwd, path), { env: opts.env });
  }
  throw new TargetSpecError(`--target must be an http(s) URL, redis(s)://host:port/db?key=NAME or file:PATH, not '${redactUrl(spec)}'`);
}
