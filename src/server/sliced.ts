// Runs a step generator (a resolver build, a document assembly) on the event
// loop in slices of a few milliseconds, yielding to pending I/O between them:
// work that would block for 300 ms becomes many short turns, and requests
// arriving meanwhile are answered between the turns.
import { setImmediate as nextTurn } from 'node:timers/promises';

export const SLICE_MS = 4;

export async function runSliced<T>(steps: Generator<void, T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
