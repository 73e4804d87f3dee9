// Parsing `redis://[user:pass@]host:port/db?key=NAME`: what a client gets,
// what may be shown, and clear refusals that never echo a password. Also the
// redaction of Redis URLs in any text (the key name stays readable).
import { describe, expect, it } from 'vitest';
import { openTarget, redactText, redactUrl, secretsOf, targetSecrets, TargetSpecError } from '../../src/apply/index.js';
import { parseRedisSpec, redisKeys, RedisSpecError } from '../../src/redis/spec.js';

const PASS = 'pa:ss/w@rd-3f9c1e';
const ENC = encodeURIComponent(PASS);

describe('parseRedisSpec', () => {
  it('reads host, port, db, key and credentials, and describes them without the password', () => {
    const s = parseRedisSpec(`redis://app:${ENC}@cache.internal:6380/3?key=prod.models`, { env: {} });
    expect(s).toMatchObject({ tls: false, host: 'cache.internal', port: 6380, db: 3, key: 'prod.models', username: 'app', password: PASS });
    expect(s.description).toBe('redis://***@cache.internal:6380/3?key=prod.models');
    expect(s.secrets).toEqual(expect.arrayContaining([PASS, ENC]));
    expect(s.secrets).not.toContain('app');
  });

  it('defaults: port 6379, db 0, key modelctl; TLS from rediss:// or the option', () => {
    expect(parseRedisSpec('redis://localhost', { env: {} })).toMatchObject({ port: 6379, db: 0, key: 'modelctl', tls: false, description: 'redis://localhost:6379/0?key=modelctl' });
    expect(parseRedisSpec('rediss://localhost/', { env: {} })).toMatchObject({ tls: true, description: 'rediss://localhost:6379/0?key=modelctl' });
    expect(parseRedisSpec('redis://localhost/1', { env: {}, tls: true })).toMatchObject({ tls: true, db: 1, description: 'rediss://localhost:6379/1?key=modelctl' });
    expect(parseRedisSpec('REDIS://[::1]:7000/0?key=k', { env: {} })).toMatchObject({ host: '::1', port: 7000, description: 'redis://[::1]:7000/0?key=k' });
  });

  it('takes the password from REDIS_PASSWORD when the URL has none; the URL wins otherwise', () => {
    const fromEnv = parseRedisSpec('redis://127.0.0.1/0', { env: { REDIS_PASSWORD: 'env-secret-1234' } });
    expect(fromEnv.password).toBe('env-secret-1234');
    expect(fromEnv.description).toBe('redis://127.0.0.1:6379/0?key=modelctl');
    expect(fromEnv.secrets).toEqual(['env-secret-1234']);
    const both = parseRedisSpec(`redis://:${ENC}@127.0.0.1/0`, { env: { REDIS_PASSWORD: 'env-secret-1234' } });
    expect(both.password).toBe(PASS);
    // An ACL user with the password from the environment.
    expect(parseRedisSpec('redis://ops@127.0.0.1/0', { env: { REDIS_PASSWORD: 'env-secret-1234' } })).toMatchObject({ username: 'ops', password: 'env-secret-1234' });
  });

  it('refuses what it cannot use, in words that never echo the password', () => {
    const bad: [string, RegExp][] = [
      [`redis://:${ENC}@host:99999/0`, /does not parse/],
      [`redis://:${ENC}@/0`, /does not parse|no host/],
      [`redis://:${ENC}@host/zero`, /path is the database number/],
      [`redis://:${ENC}@host/123456`, /path is the database number/],
      [`redis://:${ENC}@host/0?key=`, /key must be 1 to 100/],
      [`redis://:${ENC}@host/0?key=a{b}`, /key must be 1 to 100/],
      [`redis://:${ENC}@host/0?key=${'k'.repeat(101)}`, /key must be 1 to 100/],
      [`redis://:${ENC}@host/0?key=a&key=b`, /more than once/],
      [`redis://:${ENC}@host/0?key=a&pass=${ENC}`, /unknown parameter 'pass'/],
      [`redis://:${ENC}@host/0#x`, /fragment/],
      [`redis://:%E0%A4%A@host/0`, /not valid percent-encoding/],
      ['http://host/0', /starts with redis:\/\//],
    ];
    for (const [spec, message] of bad) {
      let error: unknown;
      try {
        parseRedisSpec(spec, { env: {} });
      } catch (err) {
        error = err;
      }
      expect(error, spec).toBeInstanceOf(RedisSpecError);
      expect((error as Error).message, spec).toMatch(message);
      expect((error as Error).message).not.toContain(PASS);
      expect((error as Error).message).not.toContain(ENC);
      expect((error as Error).message).not.toContain('%E0');
    }
  });

  it('names every key under one hash tag (one cluster slot)', () => {
    expect(redisKeys('prod')).toEqual({ live: '{prod}:live', history: '{prod}:history', docPrefix: '{prod}:doc:', events: '{prod}:events' });
  });
});

describe('openTarget with redis://', () => {
  it('opens a Redis target without connecting, and turns a bad spec into a TargetSpecError', () => {
    const t = openTarget(`redis://:${ENC}@127.0.0.1:1/0?key=k`, { cwd: '/', env: {} });
    expect(t.description).toBe('redis://***@127.0.0.1:1/0?key=k');
    expect(() => openTarget('redis://h/0?key={x}', { cwd: '/', env: {} })).toThrow(TargetSpecError);
    expect(() => openTarget('file:live.json', { cwd: '/', env: {}, redisTls: true })).toThrow(/--redis-tls applies to redis:\/\/ targets only/);
    expect(openTarget('redis://h/0', { cwd: '/', env: {}, redisTls: true }).description).toBe('rediss://h:6379/0?key=modelctl');
  });

  it('masks the URL password and REDIS_PASSWORD, but not the key name', () => {
    expect(targetSecrets(`redis://:${ENC}@h/0?key=prod`, { REDIS_PASSWORD: 'env-secret-1234' })).toEqual(expect.arrayContaining([PASS, ENC, 'env-secret-1234']));
    expect(targetSecrets(`redis://:${ENC}@h/0?key=prod`, {})).not.toContain('prod');
    // REDIS_PASSWORD belongs to Redis targets only; an http target's query values stay secret.
    expect(targetSecrets('https://h/?key=prod', { REDIS_PASSWORD: 'env-secret-1234' })).toEqual(['prod']);
  });
});

describe('redactUrl and Redis URLs', () => {
  it("shows a Redis URL's key name, and masks its userinfo and every other query value", () => {
    expect(redactUrl(`redis://:${ENC}@h:6379/0?key=prod`)).toBe('redis://***@h:6379/0?key=prod');
    expect(redactUrl(`rediss://u:${ENC}@h/0?key=a.b:c-d_e`)).toBe('rediss://***@h/0?key=a.b:c-d_e');
    expect(redactUrl('redis://h/0?other=x&key=prod')).toBe('redis://h/0?other=***&key=prod');
    expect(redactText(`failed: Redis at "redis://h/0?key=prod" and https://h/?key=secret-token`)).toBe('failed: Redis at "redis://h/0?key=prod" and https://h/?key=***');
    // A value that is not a plain key name is masked even in a Redis URL.
    expect(redactUrl('redis://h/0?key=a%20b')).toBe('redis://h/0?key=***');
    expect(secretsOf(`redis://:${ENC}@h/0?key=prod`)).not.toContain('prod');
    expect(secretsOf('https://h/?key=prod-token')).toContain('prod-token');
  });

  it('masks a key= that is not in a Redis URL, and stays linear over many parameters', () => {
    expect(redactUrl(`redis://h/0 ${'x'.repeat(5000)}?key=notredis`)).toContain('?key=***');
    expect(redactUrl('see redis://h/0, then "https://x/?key=tok" and notredis://h/?key=k')).toBe('see redis://h/0, then "https://x/?key=***" and notredis://h/?key=***');
    const many = 'redis://h/0?' + Array.from({ length: 50_000 }, (_, i) => `key=k${i}&token=t${i}`).join('&');
    const out = redactUrl(many);
    expect(out.match(/key=k\d+/g)).toHaveLength(50_000);
    expect(out.match(/token=\*\*\*/g)).toHaveLength(50_000);
  });
});
