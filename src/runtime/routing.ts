// The attempt list (design §6): priority classes ascending; inside a class a
// weighted random order (draws without replacement, probability ∝ weight);
// then drained (weight 0) sources; then open-circuit sources, the one whose
// cooldown ends first leading, so an all-open model still gets traffic that
// can discover recovery. Inactive sources and sources without credentials
// never reach the route table (see model-index.ts).
//
// Only the returned array is allocated: the ordering works on slot numbers
// in two scratch buffers owned by the router and reused by every call
// (resolve is synchronous).
import type { BreakerBoard } from './breaker.js';
import type { ModelIndex } from './model-index.js';
import type { RouteTable } from './route-table.js';
import type { Attempt } from './types.js';

export class Router {
  private readonly pool: number[] = [];
  private readonly deferred: number[] = [];

  constructor(
    private readonly table: RouteTable,
    private readonly breakers: BreakerBoard,
    private readonly random: () => number,
    private readonly now: () => number,
  ) {}

  attempts(m: ModelIndex): Attempt[] {
    if (this.breakers.tripped !== 0) return this.attemptsWithBreakers(m);
    const out: Attempt[] = [];
    const attempts = this.table.attempts;
    const pool = this.pool;
    const weights = this.table.weights;
    let start = m.routeStart;
    for (const end of m.classEnds) {
      if (end - start === 1) out.push(attempts[start]!);
      else {
        let total = 0;
        for (let s = start; s < end; s++) {
          pool[s - start] = s;
          total += weights[s]!;
        }
        this.drawInto(end - start, total, out);
      }
      start = end;
    }
    for (let s = m.usableEnd; s < m.routeEnd; s++) out.push(attempts[s]!);
    return out;
  }

  /** Weighted draw without replacement over the slots pool[0..n), whose weights sum to `total`. */
  private drawInto(n: number, total: number, out: Attempt[]): void {
    const pool = this.pool;
    const weights = this.table.weights;
    const attempts = this.table.attempts;
    let remaining = total;
    for (let i = 0; i < n - 1; i++) {
      let r = this.random() * remaining;
      let j = i;
      for (; j < n - 1; j++) {
        r -= weights[pool[j]!]!;
        if (r < 0) break;
      }
      const picked = pool[j]!;
      pool[j] = pool[i]!;
      pool[i] = picked;
      remaining -= weights[picked]!;
      out.push(attempts[picked]!);
    }
    if (n > 0) out.push(attempts[pool[n - 1]!]!);
  }

  private attemptsWithBreakers(m: ModelIndex): Attempt[] {
    const out: Attempt[] = [];
    const now = this.now();
    const { pool, deferred, breakers } = this;
    const weights = this.table.weights;
    let nDeferred = 0;
    let start = m.routeStart;
    for (const end of m.classEnds) {
      let n = 0;
      let total = 0;
      for (let s = start; s < end; s++) {
        if (breakers.isOpen(s, now)) deferred[nDeferred++] = s;
        else {
          pool[n++] = s;
          total += weights[s]!;
        }
      }
      this.drawInto(n, total, out);
      start = end;
    }
    for (let s = m.usableEnd; s < m.routeEnd; s++) {
      if (breakers.isOpen(s, now)) deferred[nDeferred++] = s;
      else out.push(this.table.attempts[s]!);
    }
    this.appendByRecovery(nDeferred, out);
    return out;
  }

  /** Open sources, earliest cooldown end first (insertion sort: the list is tiny). */
  private appendByRecovery(n: number, out: Attempt[]): void {
    const d = this.deferred;
    const b = this.breakers;
    for (let i = 1; i < n; i++) {
      const slot = d[i]!;
      const at = b.reopensAt(slot);
      let j = i - 1;
      while (j >= 0 && b.reopensAt(d[j]!) > at) {
        d[j + 1] = d[j]!;
        j--;
      }
      d[j + 1] = slot;
    }
    for (let i = 0; i < n; i++) out.push(this.table.attempts[d[i]!]!);
  }
}
