// Every routable source of the snapshot in one flat table, indexed by slot.
// A model's routable sources occupy consecutive slots — usable ones first,
// by priority class, then drained ones — so routing and breakers work on
// small integers and the table costs one frozen Attempt per source.
import type { Attempt } from './types.js';

export class RouteTable {
  readonly attempts: Attempt[] = [];
  readonly weights: number[] = [];
  readonly priorities: number[] = [];

  add(attempt: Attempt, weight: number, priority: number): number {
    this.attempts.push(attempt);
    this.priorities.push(priority);
    return this.weights.push(weight) - 1;
  }

  get size(): number {
    return this.attempts.length;
  }

  sourceId(slot: number): string {
    return this.attempts[slot]!.sourceId;
  }
}
