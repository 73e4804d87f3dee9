// The pure halves of apply's checks: what a reviewed plan must match, and the destroy guard.
import { describe, expect, it } from 'vitest';
import { createPlan, guardedDeletes, reviewMismatch } from '../../src/plan/index.js';
import { baseSnapshot, edit } from './fixtures.js';

describe('reviewMismatch', () => {
  const live = baseSnapshot();
  const desired = edit(live, (d) => void (d.models['gpt-5']!.pricing.input = 9));
  const plan = createPlan(live, desired);
  const saved = () => JSON.parse(JSON.stringify(plan));

  it('accepts the plan as saved to a file', () => {
    expect(reviewMismatch(saved(), createPlan(live, desired))).toEqual([]);
  });

  it('names each section that differs', () => {
    const doc = saved();
    doc.changes[0].fields[0].after = 1;
    doc.impact = [];
    expect(reviewMismatch(doc, plan)).toEqual(['changes', 'impact']);
    const other = edit(live, (d) => void (d.models['gpt-5']!.pricing.input = 8));
    expect(reviewMismatch(saved(), createPlan(live, other))).toEqual(['desired', 'changes', 'impact']);
    expect(reviewMismatch(null, plan)).toEqual(['base', 'desired', 'summary', 'changes', 'impact']);
  });

  it('ignores key order (canonical comparison)', () => {
    const doc = saved();
    doc.summary = { delete: doc.summary.delete, update: doc.summary.update, create: doc.summary.create };
    expect(reviewMismatch(doc, plan)).toEqual([]);
  });
});

describe('guardedDeletes', () => {
  it('lists deletes of models active and public live, not others', () => {
    const live = baseSnapshot();
    const without = edit(live, (d) => void delete d.models['gpt-5']);
    expect(guardedDeletes(createPlan(live, without))).toEqual(['model/gpt-5']);
    const internal = edit(live, (d) => void (d.models['gpt-5']!.access = 'internal'));
    expect(guardedDeletes(createPlan(internal, edit(internal, (d) => void delete d.models['gpt-5'])))).toEqual([]);
  });
});
