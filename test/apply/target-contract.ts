// One contract suite for every Target (file: and http): each implementation
// must behave the same for reads, compare-and-swap writes, races, history and
// rollback.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Target } from '../../src/apply/index.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';

/** The env both targets check credentials against: a planted secret that must never be shown. */
export const CONTRACT_SECRET = 'sk-ant-contract-secret-5c1e9a7d3b';
export const CONTRACT_ENV = { ANTHROPIC_API_KEY: CONTRACT_SECRET };
/** gpt-5's only source takes env OPENAI_API_KEY, which is not set. */
const HIDDEN = ['1 model is hidden: env OPENAI_API_KEY is not set'];

export interface TargetFixture {
  /** A new client on the same live state (another process would open its own). */
  open(): Target;
  cleanup(): Promise<void>;
}

export function targetContract(name: string, setup: () => Promise<TargetFixture>): void {
  describe(`Target contract: ${name}`, () => {
    let fx: TargetFixture;
    let target: Target;
    const opened: Target[] = [];
    const open = () => {
      const t = fx.open();
      opened.push(t);
      return t;
    };
    const v1 = baseSnapshot();
    const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 1));
    const v3 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 2));

    beforeEach(async () => {
      fx = await setup();
      target = open();
    });
    afterEach(async () => {
      for (const t of opened.splice(0)) await t.close();
      await fx.cleanup();
    });

    it('reads nothing when nothing is live', async () => {
      expect(await target.read()).toEqual({ snapshot: null, version: null });
      expect(await target.history()).toEqual([]);
    });

    it('writes the first snapshot only when told nothing is live', async () => {
      expect(await target.write(v1, { ifMatch: 'sha256:' + '0'.repeat(64) })).toEqual({ status: 'stale', current: null });
      expect(await target.write(v1, { ifMatch: null })).toEqual({ status: 'ok', version: v1.version, previous: null, warnings: HIDDEN });
      const live = await target.read();
      expect(live.version).toBe(v1.version);
      expect(live.snapshot).toEqual(v1);
    });

    it('refuses a write whose base is not live, and names the live version', async () => {
      await target.write(v1, { ifMatch: null });
      expect(await target.write(v2, { ifMatch: null })).toEqual({ status: 'stale', current: v1.version });
      expect(await target.write(v2, { ifMatch: v3.version })).toEqual({ status: 'stale', current: v1.version });
      expect((await target.read()).version).toBe(v1.version);
      expect(await target.write(v2, { ifMatch: v1.version })).toEqual({ status: 'ok', version: v2.version, previous: v1.version, warnings: HIDDEN });
      expect((await open().read()).version).toBe(v2.version);
    });

    it('refuses an invalid snapshot and keeps the live one', async () => {
      await target.write(v1, { ifMatch: null });
      const forged = { ...v2, version: v3.version };
      const result = await target.write(forged, { ifMatch: v1.version });
      expect(result).toMatchObject({ status: 'refused', reason: 'invalid' });
      expect((await target.read()).version).toBe(v1.version);
    });

    it('lets exactly one of several writes from the same base win', async () => {
      await target.write(v1, { ifMatch: null });
      const contenders = Array.from({ length: 6 }, (_, i) => edit(v1, (d) => void (d.models['gpt-5']!.pricing.output = 20 + i)));
      const results = await Promise.all(contenders.map((s) => open().write(s, { ifMatch: v1.version })));
      const winners = results.filter((r) => r.status === 'ok');
      expect(winners).toHaveLength(1);
      const winner = winners[0]! as { version: string };
      for (const r of results.filter((r) => r.status !== 'ok')) expect(r).toEqual({ status: 'stale', current: winner.version });
      const live = await open().read();
      expect(live.version).toBe(winner.version);
      expect(live.snapshot).toEqual(contenders.find((s) => s.version === winner.version));
    });

    it('keeps history newest first and rolls back to a kept version', async () => {
      await target.write(v1, { ifMatch: null });
      await target.write(v2, { ifMatch: v1.version });
      const history = await target.history();
      expect(history.map((h) => [h.version, h.live])).toEqual([
        [v2.version, true],
        [v1.version, false],
      ]);
      expect(Number.isNaN(Date.parse(history[0]!.appliedAt))).toBe(false);

      expect(await target.rollback(v1.version, { ifMatch: v3.version })).toEqual({ status: 'stale', current: v2.version });
      expect(await target.rollback(v1.version, { ifMatch: v2.version })).toEqual({ status: 'ok', version: v1.version, previous: v2.version, warnings: HIDDEN });
      expect((await target.read()).snapshot).toEqual(v1);
      expect((await target.history()).map((h) => [h.version, h.live])).toEqual([
        [v1.version, true],
        [v2.version, false],
        [v1.version, false],
      ]);
    });

    it('warns of nothing once every credential is present, and never shows a value', async () => {
      const all = edit(v1, (d) => void (d.models['gpt-5']!.sources[0]!.credential = { env: 'ANTHROPIC_API_KEY' }));
      const first = await target.write(v1, { ifMatch: null });
      expect(JSON.stringify(first)).not.toContain(CONTRACT_SECRET);
      expect(await target.write(all, { ifMatch: v1.version })).toEqual({ status: 'ok', version: all.version, previous: v1.version, warnings: [] });
    });

    it('keeps who applied what beside each version; a hostile message is one cleaned line', async () => {
      const hostile = 'fix\n{"level":"error","msg":"forged"}\r\u001b[31mred\u001b[0m\u202eevil\u0007 ' + 'x'.repeat(2000);
      await target.write(v1, { ifMatch: null, meta: { message: hostile, commit: 'a'.repeat(40), author: 'Jane Doe <jane@example.com>', run: 'https://github.com/o/r/actions/runs/1' } });
      await target.write(v2, { ifMatch: v1.version });
      const [newest, oldest] = await target.history();
      expect(newest).toEqual({ version: v2.version, appliedAt: newest!.appliedAt, live: true });
      expect(oldest).toMatchObject({ version: v1.version, live: false, commit: 'a'.repeat(40), author: 'Jane Doe <jane@example.com>', run: 'https://github.com/o/r/actions/runs/1' });
      const message = oldest!.message!;
      expect(message.startsWith('fix {"level":"error","msg":"forged"} [31mred [0m evil x')).toBe(true);
      expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
      expect([...message].length).toBeLessThanOrEqual(500);
      // Kept with the version: a new client (another process) reads it back.
      expect((await open().history())[1]).toEqual(oldest);
    });

    it('reads a kept version (checked), and null for one it does not keep', async () => {
      await target.write(v1, { ifMatch: null });
      await target.write(v2, { ifMatch: v1.version });
      expect(await target.readVersion(v1.version)).toEqual(v1);
      expect(await target.readVersion(v3.version)).toBeNull();
      expect((await target.read()).version).toBe(v2.version);
    });

    it('refuses a rollback to a version it does not keep', async () => {
      await target.write(v1, { ifMatch: null });
      expect(await target.rollback(v3.version)).toMatchObject({ status: 'refused', reason: 'not-found' });
    });
  });
}
