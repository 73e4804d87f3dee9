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
  // Already in canonical order (a snapshot parsed from canonical JSON, as every
  // push is): the engine's serializer alone gives the canonical bytes.
  if (inCanonicalOrder(value)) {
    const out = JSON.stringify(value);
    if (out === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
    return out;
  }
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

/**
 * True when JSON.stringify would already write `value` canonically: every
 * object's keys strictly ascending, none integer-like, no undefined, function,
 * symbol or toJSON anywhere (those take the general path). Past a depth no
 * snapshot reaches (a cycle, say) it gives up, and the general path reports it.
 */
function inCanonicalOrder(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'bigint';
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (value[i] === undefined || !inCanonicalOrder(value[i], depth + 1)) return false;
    return true;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) return false;
    const c = key.charCodeAt(0);
    if (c >= 48 && c <= 57 && INTEGER_KEY.test(key)) return false;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol' || !inCanonicalOrder(item, depth + 1)) return false;
    previous = key;
  }
  return true;
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
