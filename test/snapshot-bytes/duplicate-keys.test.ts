// A pushed document may not repeat a key: JSON.parse keeps the last value,
// other tools the first, so a reviewer and the server could read different
// snapshots. Refused with 400 and the key's pointer; the scanner is linear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { findDuplicateKey } from '../../src/snapshot-bytes/json-keys.js';
import { baseSnapshot } from '../plan/fixtures.js';
import { call, put, testServer, type TestServer } from '../server/helpers.js';

const v1 = baseSnapshot();

describe('findDuplicateKey', () => {
  it('finds a repeated key with its pointer, line and column', () => {
    expect(findDuplicateKey('{"a":1,"b":{"c":[1,{"d":1,"d":2}]}}')).toEqual({ pointer: '/b/c/1/d', key: 'd', line: 1, column: 27 });
    expect(findDuplicateKey('{\n  "a": 1,\n  "a": 2\n}')).toEqual({ pointer: '/a', key: 'a', line: 3, column: 3 });
  });

  it('compares decoded names, so an escape does not hide a duplicate', () => {
    expect(findDuplicateKey('{"input":1,"\\u0069nput":2}')?.key).toBe('input');
    expect(findDuplicateKey('{"a/b~c":1,"a\\/b~c":2}')?.pointer).toBe('/a~1b~0c');
  });

  it('does not confuse values, escaped quotes, sibling objects or array elements with keys', () => {
    expect(findDuplicateKey('{"a":"a","b":"a"}')).toBeNull();
    expect(findDuplicateKey('{"a":"x\\",\\"a\\":1","b":[{"a":1},{"a":2}],"c":{"a":1}}')).toBeNull();
    expect(findDuplicateKey('{"a\\\\":1,"a":2}')).toBeNull();
    expect(findDuplicateKey(JSON.stringify(v1))).toBeNull();
  });

  it('gives up quietly on malformed text (JSON.parse reports it)', () => {
    for (const bad of ['', '{"a', '{"a":1,"a', '}}}', '"\\']) expect(findDuplicateKey(bad)).toBeNull();
  });

  it('handles 100,000-deep nesting (no recursion) and 200,000 escaped quotes in one string', () => {
    // Inputs a quadratic or recursive scanner would choke on; the test timeout is the hang guard.
    const deep = (n: number) => '['.repeat(n) + '{"a":1,"a":2}' + ']'.repeat(n);
    expect(findDuplicateKey(deep(100_000))?.pointer).toBe('/' + Array(100_000).fill('0').join('/') + '/a');
    const escapes = `{"k":"${'\\"'.repeat(200_000)}","k":1}`;
    expect(findDuplicateKey(escapes)?.key).toBe('k');
  });
});

describe('pushes with duplicate keys', () => {
  let server: TestServer;
  const keys = generateSigningKeys();
  let signed: TestServer;
  beforeAll(async () => {
    server = await testServer();
    signed = await testServer({ verifyKey: keys.publicKeyPem });
  });
  afterAll(async () => {
    await server.close();
    await signed.close();
  });

  const secret = 'sk-live-duplicate-value-5be1a7';
  /** v1's text with a second "input" in gpt-5's pricing, placed first so JSON.parse keeps v1's value. */
  function withDuplicate(text: string): string {
    const at = text.indexOf('"pricing":{', text.indexOf('"gpt-5":{')) + '"pricing":{'.length;
    return `${text.slice(0, at)}"input":"${secret}",${text.slice(at)}`;
  }

  it('refuses a bare snapshot with 400 naming the key path, and keeps nothing', async () => {
    const text = withDuplicate(JSON.stringify(v1));
    expect(JSON.parse(text).models['gpt-5'].pricing.input).toBe(v1.models['gpt-5']!.pricing.input);
    const res = await put(server.url, text, { 'if-none-match': '*' });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('invalid');
    expect(res.json().error.errors[0]).toMatch(/^\/models\/gpt-5\/pricing\/input: duplicate key "input" \(line 1, column \d+\)/);
    expect(res.text).not.toContain(secret);
    expect(server.logText()).not.toContain(secret);
    expect((await call(server.url, 'GET', '/v1/snapshot')).status).toBe(404);
  });

  it('refuses one inside a validly signed envelope too', async () => {
    const text = withDuplicate(JSON.stringify(signSnapshot(v1, keys.privateKeyPem, { serial: 1 })));
    const res = await put(signed.url, text, { 'if-none-match': '*' });
    expect(res.status).toBe(400);
    expect(res.json().error.errors[0]).toMatch(/^\/snapshot\/models\/gpt-5\/pricing\/input: duplicate key/);
    expect(res.text).not.toContain(secret);
  });
});
