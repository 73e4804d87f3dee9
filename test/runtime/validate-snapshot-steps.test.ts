// validateSnapshotSteps checks a snapshot in steps (its models a batch at a
// time, then each rule) so a server can check a large push between
// requests. It must give exactly validateSnapshot's answer on every input:
// these compare the two on a snapshot large enough for several batches,
// valid and broken in each place a batch boundary could hide a difference.
import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../../src/runtime/index.js';
import { validateSnapshotSteps } from '../../src/runtime/validate-snapshot.js';
import { makeSnapshot, model } from './fixtures.js';

const MODELS = 700;

function large(): Record<string, any> {
  return makeSnapshot((d) => {
    for (let i = 0; i < MODELS; i++) d.models[`m-${String(i).padStart(4, '0')}`] = model(`m${i}`);
  }) as unknown as Record<string, any>;
}

function run(x: unknown): { result: ReturnType<typeof validateSnapshot>; steps: number } {
  const g = validateSnapshotSteps(x);
  let steps = 0;
  for (;;) {
    const n = g.next();
    if (n.done) return { result: n.value, steps };
    steps++;
  }
}

const cases: Record<string, (s: Record<string, any>) => unknown> = {
  valid: (s) => s,
  'a schema error in the last batch': (s) => ((s['models']['m-0690']['status'] = 'paused'), s),
  'schema errors in two batches and the shell': (s) => ((s['models']['m-0010']['colour'] = 'blue'), (s['models']['m-0600']['sources'] = 'none'), delete s['nativeTools'], s),
  'a shell error only': (s) => ((s['settings']['locales'] = 'en'), s),
  'a rule error (unknown provider) in a later batch': (s) => ((s['models']['m-0400']['sources'][0]['provider'] = 'nowhere'), s),
  'a model named __proto__ and one named constructor': (s) => {
    const models = s['models'];
    Object.defineProperty(models, '__proto__', { value: model('p'), enumerable: true, writable: true, configurable: true });
    models['constructor'] = model('c');
    return s;
  },
  'a __proto__ model that breaks the schema': (s) => {
    Object.defineProperty(s['models'], '__proto__', { value: { status: 'active' }, enumerable: true, writable: true, configurable: true });
    return s;
  },
  'models not an object': (s) => ((s['models'] = []), s),
  'no models': (s) => (delete s['models'], s),
  'not an object': () => 'snapshot',
  null: () => null,
  'an empty models map': (s) => ((s['models'] = {}), s),
};

const PASSING = new Set(['valid', 'a model named __proto__ and one named constructor']);

describe('validateSnapshotSteps', () => {
  for (const [name, make] of Object.entries(cases)) {
    it(`answers as validateSnapshot does: ${name}`, () => {
      const x = make(large());
      const { result } = run(x);
      expect(result).toEqual(validateSnapshot(x));
      expect(result.ok).toBe(PASSING.has(name));
    });
  }

  it('takes a valid large snapshot in several steps, and the very value it was given', () => {
    const s = large();
    const { result, steps } = run(s);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.snapshot).toBe(s);
    expect(steps).toBeGreaterThanOrEqual(Math.ceil((MODELS + 3) / 250));
  });
});
