import { describe, expect, it } from 'vitest';
import { createResolver } from '../../src/runtime/index.js';
import { ENV, fakeClock, makeSnapshot } from './fixtures.js';

const ID = 'sonnet@anthropic:claude-sonnet-4-5';

function setup() {
  const clock = fakeClock();
  const r = createResolver(makeSnapshot(), { env: ENV, now: clock.now });
  const state = () => r.breakers().find((b) => b.sourceId === ID);
  const fail = (n = 1) => {
    for (let i = 0; i < n; i++) r.report(ID, { ok: false });
  };
  return { clock, r, state, fail, t0: clock.now() };
}

describe('circuit breaker', () => {
  it('stays closed below the threshold, and a success resets the count', () => {
    const { r, state, fail } = setup();
    fail(2);
    expect(state()).toBeUndefined();
    r.report(ID, { ok: true });
    fail(2);
    expect(r.breakers()).toEqual([]);
  });

  it('opens after failureThreshold consecutive failures for cooldownSeconds', () => {
    const { state, fail, t0 } = setup();
    fail(3);
    expect(state()).toEqual({ sourceId: ID, state: 'open', consecutiveFailures: 3, openUntil: t0 + 30_000, cooldownSeconds: 30 });
  });

  it('stays open for the whole cooldown whatever further failures say', () => {
    const { clock, state, fail, t0 } = setup();
    fail(3);
    clock.advance(29_000);
    fail(10);
    expect(state()).toMatchObject({ state: 'open', openUntil: t0 + 30_000, cooldownSeconds: 30 });
  });

  it('goes half-open after the cooldown and closes on success', () => {
    const { clock, r, state, fail, t0 } = setup();
    fail(3);
    clock.advance(30_000);
    expect(state()).toMatchObject({ state: 'half-open', openUntil: t0 + 30_000 });
    r.report(ID, { ok: true });
    expect(state()).toBeUndefined();
    // closed again: the cooldown was reset to the base value
    fail(3);
    expect(state()).toMatchObject({ state: 'open', cooldownSeconds: 30 });
  });

  it('re-opens on a half-open failure with the cooldown doubled, capped at maxCooldownSeconds', () => {
    const { clock, state, fail } = setup();
    fail(3);
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(state()!.cooldownSeconds * 1000);
      expect(state()!.state).toBe('half-open');
      fail(1); // one failure decides in half-open
      expect(state()).toMatchObject({ state: 'open', openUntil: clock.now() + state()!.cooldownSeconds * 1000 });
      seen.push(state()!.cooldownSeconds);
    }
    expect(seen).toEqual([60, 100, 100, 100]);
  });

  it('a success while open closes the circuit (traffic discovered recovery)', () => {
    const { r, state, fail } = setup();
    fail(3);
    r.report(ID, { ok: true });
    expect(state()).toBeUndefined();
  });

  it('ignores reports for unknown sources', () => {
    const { r } = setup();
    r.report('ghost@nowhere:x', { ok: false });
    expect(r.breakers()).toEqual([]);
  });

  it('keeps breaker state per resolver', () => {
    const { fail } = setup();
    fail(3);
    const fresh = createResolver(makeSnapshot(), { env: ENV });
    expect(fresh.breakers()).toEqual([]);
  });

  it('carries breaker state to the resolver that replaces it, for sources that keep their id', () => {
    const { clock, r, fail, t0 } = setup();
    fail(3);
    const next = createResolver(makeSnapshot(), { env: ENV, now: clock.now, previous: r });
    expect(next.breakers()).toEqual([{ sourceId: ID, state: 'open', consecutiveFailures: 3, openUntil: t0 + 30_000, cooldownSeconds: 30 }]);
    // The carried circuit keeps behaving: half-open after the cooldown, closed on success.
    clock.advance(30_000);
    expect(next.breakers()[0]?.state).toBe('half-open');
    next.report(ID, { ok: true });
    expect(next.breakers()).toEqual([]);
  });

  it('drops carried state for sources the new snapshot no longer has', () => {
    const { clock, r, fail } = setup();
    fail(3);
    const without = makeSnapshot((s) => {
      for (const m of Object.values(s.models)) m.sources = m.sources.filter((src) => src.id !== ID);
    });
    const next = createResolver(without, { env: ENV, now: clock.now, previous: r });
    expect(next.breakers()).toEqual([]);
  });
});
