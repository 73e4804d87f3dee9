// Attempt ordering: weighted split within a priority class, classes in order,
// drained and open sources last. Seeded random, fake clock.
import { describe, expect, it } from 'vitest';
import { createResolver, type ResolveResult } from '../../src/runtime/index.js';
import { ENV, fakeClock, makeSnapshot, model, mulberry32, source } from './fixtures.js';

const ids = (r: ResolveResult): string[] => (r.ok ? r.attempts.map((a) => a.sourceId) : []);
const req = { entryPoint: 'desktop', groups: ['eng'] };

/** A model with three sources in class 0 weighted 50/30/20, one in class 1, one drained. */
const snapshot = makeSnapshot((s) => {
  s.models['split'] = model('split', {
    sources: [
      source('split', 'anthropic', 'a', { weight: 50 }),
      source('split', 'bedrock', 'b', { weight: 30 }),
      source('split', 'vertex', 'c', { weight: 20 }),
      source('split', 'openrouter', 'd', { priority: 1, weight: 5 }),
      source('split', 'openrouter', 'drained', { weight: 0 }),
    ],
  });
});

describe('weighted order within a priority class', () => {
  it('splits first attempts 80/20 to within ±2% over 20,000 draws', () => {
    const r = createResolver(snapshot, { env: ENV, random: mulberry32(42) });
    const first = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const id = ids(r.resolve({ ...req, model: 'sonnet' }))[0]!;
      first.set(id, (first.get(id) ?? 0) + 1);
    }
    expect(Math.abs(first.get('sonnet@anthropic:claude-sonnet-4-5')! / 20_000 - 0.8)).toBeLessThan(0.02);
    expect(Math.abs(first.get('sonnet@bedrock:anthropic.claude-sonnet-4-5-v1:0')! / 20_000 - 0.2)).toBeLessThan(0.02);
  });

  it('draws without replacement: 50/30/20 first, and second place follows conditional weights', () => {
    const r = createResolver(snapshot, { env: ENV, random: mulberry32(7) });
    const n = 20_000;
    const first: Record<string, number> = {};
    let bSecondAfterA = 0;
    let aFirst = 0;
    for (let i = 0; i < n; i++) {
      const [a, b] = ids(r.resolve({ ...req, model: 'split' }));
      first[a!] = (first[a!] ?? 0) + 1;
      if (a === 'split@anthropic:a') {
        aFirst++;
        if (b === 'split@bedrock:b') bSecondAfterA++;
      }
    }
    expect(Math.abs(first['split@anthropic:a']! / n - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(first['split@bedrock:b']! / n - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(first['split@vertex:c']! / n - 0.2)).toBeLessThan(0.02);
    // After a is drawn, b has 30 of the remaining 50.
    expect(Math.abs(bSecondAfterA / aFirst - 0.6)).toBeLessThan(0.02);
  });

  it('always offers a lower priority class after a higher one, and drained sources last', () => {
    const r = createResolver(snapshot, { env: ENV, random: mulberry32(1) });
    for (let i = 0; i < 1000; i++) {
      const order = ids(r.resolve({ ...req, model: 'split' }));
      expect(new Set(order.slice(0, 3))).toEqual(new Set(['split@anthropic:a', 'split@bedrock:b', 'split@vertex:c']));
      expect(order.slice(3)).toEqual(['split@openrouter:d', 'split@openrouter:drained']);
    }
  });

  it('leaves out inactive sources and sources whose credential is missing', () => {
    const s = makeSnapshot((d) => {
      d.models['mixed'] = model('mixed', {
        sources: [
          source('mixed', 'anthropic', 'off', { status: 'inactive' }),
          source('mixed', 'azure', 'nokey'),
          source('mixed', 'vertex', 'file'),
          source('mixed', 'bedrock', 'on', { priority: 1 }),
        ],
      });
    });
    const withFile = createResolver(s, { env: ENV });
    expect(ids(withFile.resolve({ ...req, model: 'mixed' }))).toEqual(['mixed@vertex:file', 'mixed@bedrock:on']);
    const noFile = createResolver(s, { env: ENV, fileExists: () => false });
    expect(ids(noFile.resolve({ ...req, model: 'mixed' }))).toEqual(['mixed@bedrock:on']);
  });

  it('builds attempts from the source', () => {
    const r = createResolver(snapshot, { env: ENV, random: () => 0 });
    const res = r.resolve({ ...req, model: 'sonnet' });
    expect(res.ok && res.attempts[0]).toEqual({
      sourceId: 'sonnet@anthropic:claude-sonnet-4-5',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      protocol: 'anthropic-messages',
      baseUrl: 'https://anthropic.example',
      credential: { env: 'ANTHROPIC_API_KEY' },
    });
  });
});

describe('open circuits in the attempt order', () => {
  const fail = (r: ReturnType<typeof createResolver>, id: string, times = 3) => {
    for (let i = 0; i < times; i++) r.report(id, { ok: false });
  };

  it('moves an open source after every usable one, lower classes included', () => {
    const clock = fakeClock();
    const r = createResolver(snapshot, { env: ENV, now: clock.now, random: mulberry32(3) });
    fail(r, 'split@anthropic:a');
    for (let i = 0; i < 200; i++) {
      const order = ids(r.resolve({ ...req, model: 'split' }));
      expect(order.slice(2)).toEqual(['split@openrouter:d', 'split@openrouter:drained', 'split@anthropic:a']);
    }
  });

  it('when every source is open, offers the earliest-recovering first', () => {
    const clock = fakeClock();
    const r = createResolver(snapshot, { env: ENV, now: clock.now, random: mulberry32(3) });
    const order = ['split@vertex:c', 'split@openrouter:drained', 'split@anthropic:a', 'split@openrouter:d', 'split@bedrock:b'];
    for (const id of order) {
      fail(r, id);
      clock.advance(1000);
    }
    expect(ids(r.resolve({ ...req, model: 'split' }))).toEqual(order);
  });

  it('puts a half-open source back in its normal place', () => {
    const clock = fakeClock();
    const r = createResolver(snapshot, { env: ENV, now: clock.now, random: () => 0 });
    fail(r, 'split@anthropic:a');
    expect(ids(r.resolve({ ...req, model: 'split' }))[0]).toBe('split@bedrock:b');
    clock.advance(30_000);
    expect(ids(r.resolve({ ...req, model: 'split' }))[0]).toBe('split@anthropic:a');
  });
});
