// A map that is `base` with some of its keys' values replaced: no key added
// or removed, so size and order are the base's; no value is undefined. A patched index's models
// (index-patch.ts) are the last full build's map plus the models changed
// since, instead of a copy of all 10,000 entries per apply (~4 ms of a
// server's event loop, and of every replica's swap).

export class OverlayMap<K, V> implements ReadonlyMap<K, V> {
  /** `over`: replacements for keys that `base` holds; neither is changed afterwards. */
  constructor(
    readonly base: ReadonlyMap<K, V>,
    readonly over: ReadonlyMap<K, V>,
  ) {}

  get(key: K): V | undefined {
    // The overlay is small: one failed lookup there, then the base's.
    const v = this.over.get(key);
    return v === undefined ? this.base.get(key) : v;
  }

  has(key: K): boolean {
    return this.base.has(key);
  }

  get size(): number {
    return this.base.size;
  }

  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.base.forEach((v, k) => fn.call(thisArg, this.over.get(k) ?? v, k, this));
  }

  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.base) yield [k, this.over.get(k) ?? v];
  }

  keys(): MapIterator<K> {
    return this.base.keys();
  }

  *values(): MapIterator<V> {
    for (const [k, v] of this.base) yield this.over.get(k) ?? v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
