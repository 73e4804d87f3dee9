// Every routable source of the snapshot in one flat table, indexed by slot.
// A model's routable sources occupy consecutive slots — usable ones first,
// by priority class, then drained ones — so routing and breakers work on
// small integers and the table costs one frozen Attempt per source.
import type { Attempt } from './types.js';

export class RouteTable {
  constructor(
    readonly attempts: Attempt[] = [],
    readonly weights: number[] = [],
    readonly priorities: number[] = [],
  ) {}

  add(attempt: Attempt, weight: number, priority: number): number {
    this.attempts.push(attempt);
    this.priorities.push(priority);
    return this.weights.push(weight) - 1;
  }

  /** A table with `other`'s slots, to be changed without changing `other` (index-patch.ts). */
  static copyOf(other: RouteTable): RouteTable {
    return new RouteTable(other.attempts.slice(), other.weights.slice(), other.priorities.slice());
  }

  /** Replaces slot `slot` (which exists) with the given source. */
  set(slot: number, attempt: Attempt, weight: number, priority: number): void {
    this.attempts[slot] = attempt;
    this.weights[slot] = weight;
    this.priorities[slot] = priority;
  }

  get size(): number {
    return this.attempts.length;
  }

  sourceId(slot: number): string {
    return this.attempts[slot]!.sourceId;
  }
}
