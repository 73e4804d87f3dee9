// Work done in steps: a generator that yields between pieces, so a server can
// run it between requests (src/server/sliced.ts) and everyone else at once.

/** Runs a step generator to its end, synchronously. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
