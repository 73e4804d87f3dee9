// The main thread rebuilds a pushed document from the worker's spans
// (json-spans.ts + assemble.ts) instead of one JSON.parse: the value must be
// exactly JSON.parse's, key order included, for every shape a push may take.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSigningKeys, signSnapshot } from '../../src/compile/sign.js';
import { buildSnapshot } from '../../src/pipeline.js';
import { assembleSteps } from '../../src/snapshot-bytes/assemble.js';
import { objectMembers, snapshotSpansSteps } from '../../src/snapshot-bytes/json-spans.js';
import { drain } from '../../src/runtime/steps.js';
import { baseSnapshot } from '../plan/fixtures.js';

const root = new URL('../..', import.meta.url).pathname;

function assembled(text: string): unknown {
  const bytes = Buffer.from(text, 'utf8');
  return drain(assembleSteps(bytes, drain(snapshotSpansSteps(bytes))));
}

/** Deep equality that also compares key order, at every level. */
const sameAsParse = (text: string) => expect(JSON.stringify(assembled(text))).toBe(JSON.stringify(JSON.parse(text)));

describe('assembling a document from its spans', () => {
  const examples = readdirSync(join(root, 'examples'));
  for (const example of examples) {
    it(`gives JSON.parse's value for the compiled ${example} example, bare, pretty-printed and signed`, async () => {
      const built = await buildSnapshot([join(root, 'examples', example)], root);
      expect(built.snapshot).toBeDefined();
      const snapshot = built.snapshot!;
      sameAsParse(JSON.stringify(snapshot));
      sameAsParse(JSON.stringify(snapshot, null, 2));
      const keys = generateSigningKeys();
      sameAsParse(JSON.stringify(signSnapshot(snapshot, keys.privateKeyPem, { serial: 7 })));
      // Signature first, with spacing: the envelope's member order is free.
      const env = signSnapshot(snapshot, keys.privateKeyPem, { serial: 8 });
      sameAsParse(JSON.stringify({ signature: env.signature, snapshot: env.snapshot }, null, '\t'));
    });
  }

  it('keeps odd keys and values exact: escapes, non-ASCII, __proto__, numbers, empty models', () => {
    const s = baseSnapshot() as unknown as Record<string, any>;
    const model = s['models']['gpt-5'];
    s['models'] = {
      'q"uote\\d': model,
      'ünïcödé-模型-🚀': { ...model, displayName: { en: 'a "quoted" \\ name \u2028 with \u0000 nul' } },
      ['__proto__']: model,
      '123': model,
      '\u0061lias': model,
    };
    const text = JSON.stringify(s).replace('"__proto__"', '"\\u005f_proto__"');
    expect(text).toContain('"\\u005f_proto__"');
    const value = assembled(text) as Record<string, any>;
    expect(Object.getPrototypeOf(value['models'])).toBe(Object.prototype);
    expect(Object.keys(value['models'])).toEqual(Object.keys(JSON.parse(text).models));
    sameAsParse(text);
    sameAsParse(JSON.stringify({ ...baseSnapshot(), models: {} }));
    sameAsParse(` \n ${JSON.stringify({ models: { a: [1, -2.5e-7, true, null, { x: [] }] }, z: 1e21 })} \n`);
  });

  it('finds members exactly, and fails loudly (not silently) on what is not an object', () => {
    const bytes = Buffer.from('{ "a" : 1 , "b":{"c":"}"} ,"d":[{"e":"\\\\"}]}');
    const spans = objectMembers(bytes, 0, bytes.length);
    const text = (i: number) => bytes.toString('utf8', spans[i]!, spans[i + 1]!);
    expect([text(0), text(2), text(4), text(6), text(8), text(10)]).toEqual(['"a"', '1', '"b"', '{"c":"}"}', '"d"', '[{"e":"\\\\"}]']);
    expect(() => objectMembers(Buffer.from('[1]'), 0, 3)).toThrow(/not an object/);
    expect(() => drain(snapshotSpansSteps(Buffer.from('{"a":1}')))).toThrow(/no models/);
  });
});
