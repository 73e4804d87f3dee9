// Rebuilding a pushed document's value on the main thread from the spans the
// verify worker found (json-spans.ts): every member but the models parsed at
// once (they are small), the models one by one, yielding between batches so
// a 10,000-model push never stalls the requests being answered. The result
// is the value JSON.parse gives for the whole text (test/server/assemble.test.ts
// proves it), with keys in the same order.
import type { SnapshotSpans } from './json-spans.js';

const decoder = new TextDecoder();
const MODELS_PER_STEP = 200;

const text = (bytes: Uint8Array, start: number, end: number): string => decoder.decode(bytes.subarray(start, end));
const parseSpan = (bytes: Uint8Array, start: number, end: number): unknown => JSON.parse(text(bytes, start, end));

/** obj[key] = value, as JSON.parse would: `__proto__` becomes an own property, not the prototype. */
export function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function* objectSteps(bytes: Uint8Array, spans: Uint32Array, member: (key: string, start: number, end: number) => Generator<void, unknown> | unknown): Generator<void, Record<string, unknown>> {
  const obj: Record<string, unknown> = {};
  for (let m = 0; m < spans.length / 4; m++) {
    const key = parseSpan(bytes, spans[m * 4]!, spans[m * 4 + 1]!) as string;
    const value = member(key, spans[m * 4 + 2]!, spans[m * 4 + 3]!);
    define(obj, key, isGenerator(value) ? yield* value : value);
  }
  return obj;
}

const isGenerator = (x: unknown): x is Generator<void, unknown> => typeof x === 'object' && x !== null && typeof (x as Generator).next === 'function' && typeof (x as Generator)[Symbol.iterator] === 'function';

/** The document's value (snapshot or envelope), built in steps. */
export function* assembleSteps(bytes: Uint8Array, spans: SnapshotSpans): Generator<void, unknown> {
  const models = function* (): Generator<void, Record<string, unknown>> {
    let n = 0;
    return yield* objectSteps(bytes, spans.models, function* (_key, start, end) {
      if (++n % MODELS_PER_STEP === 0) yield;
      return parseSpan(bytes, start, end);
    });
  };
  const snapshot = () => objectSteps(bytes, spans.snapshot, (key, start, end) => (key === 'models' ? models() : parseSpan(bytes, start, end)));
  if (spans.envelope.length === 0) return yield* snapshot();
  return yield* objectSteps(bytes, spans.envelope, (key, start, end) => (key === 'snapshot' ? snapshot() : parseSpan(bytes, start, end)));
}
