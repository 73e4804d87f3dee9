// The attempt list (design §6): priority classes ascending; inside a class a
// weighted random order (draws without replacement, probability ∝ weight);
// then drained (weight 0) sources; then open-circuit sources, the one whose
// cooldown ends first leading, so an all-open model still gets traffic that
// can discover recovery. Inactive sources and sources without credentials
// never reach here (see model-index.ts).
//
// Only the returned array is allocated: the ordering works in two scratch
// buffers owned by the router and reused by every call (resolve is synchronous).
import type { BreakerBoard } from './breaker.js';
import type { ModelIndex, PriorityClass, RouteEntry } from './model-index.js';
import type { Attempt } from './types.js';

export class Router {
  private readonly pool: RouteEntry[] = [];
  private readonly deferred: RouteEntry[] = [];

  constructor(
    private readonly breakers: BreakerBoard,
    private readonly random: () => number,
    private readonly now: () => number,
  ) {}

  attempts(m: ModelIndex): Attempt[] {
    const out: Attempt[] = [];
    if (this.breakers.tripped === 0) {
      for (const cls of m.classes) this.orderClass(cls, out);
      for (const d of m.drained) out.push(d.attempt);
      return out;
    }
    return this.attemptsWithBreakers(m, out);
  }

  private orderClass(cls: PriorityClass, out: Attempt[]): void {
    const entries = cls.entries;
    if (entries.length === 1) {
      out.push(entries[0]!.attempt);
      return;
    }
    const pool = this.pool;
    for (let i = 0; i < entries.length; i++) pool[i] = entries[i]!;
    this.drawInto(entries.length, cls.total, out);
  }

  /** Weighted draw without replacement over pool[0..n), whose weights sum to `total`. */
  private drawInto(n: number, total: number, out: Attempt[]): void {
    const pool = this.pool;
    let remaining = total;
    for (let i = 0; i < n - 1; i++) {
      let r = this.random() * remaining;
      let j = i;
      for (; j < n - 1; j++) {
        r -= pool[j]!.weight;
        if (r < 0) break;
      }
      const picked = pool[j]!;
      pool[j] = pool[i]!;
      pool[i] = picked;
      remaining -= picked.weight;
      out.push(picked.attempt);
    }
    if (n > 0) out.push(pool[n - 1]!.attempt);
  }

  private attemptsWithBreakers(m: ModelIndex, out: Attempt[]): Attempt[] {
    const now = this.now();
    const pool = this.pool;
    const deferred = this.deferred;
    let nDeferred = 0;
    for (const cls of m.classes) {
      let n = 0;
      let total = 0;
      for (const e of cls.entries) {
        if (this.breakers.isOpen(e.slot, now)) deferred[nDeferred++] = e;
        else {
          pool[n++] = e;
          total += e.weight;
        }
      }
      this.drawInto(n, total, out);
    }
    for (const d of m.drained) {
      if (this.breakers.isOpen(d.slot, now)) deferred[nDeferred++] = d;
      else out.push(d.attempt);
    }
    this.appendByRecovery(nDeferred, out);
    return out;
  }

  /** Open sources, earliest cooldown end first (insertion sort: the list is tiny). */
  private appendByRecovery(n: number, out: Attempt[]): void {
    const d = this.deferred;
    for (let i = 1; i < n; i++) {
      const e = d[i]!;
      const at = this.breakers.reopensAt(e.slot);
      let j = i - 1;
      while (j >= 0 && this.breakers.reopensAt(d[j]!.slot) > at) {
        d[j + 1] = d[j]!;
        j--;
      }
      d[j + 1] = e;
    }
    for (let i = 0; i < n; i++) out.push(d[i]!.attempt);
  }
}
