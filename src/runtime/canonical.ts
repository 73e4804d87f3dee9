// Canonical JSON (design §4): the one byte form that is hashed into `version`
// and signed. The compiler imports this too, so the output must never change:
// object keys sorted by UTF-16 code unit order (the default string sort),
// no whitespace, arrays in order, undefined / function / symbol properties
// omitted exactly as JSON.stringify omits them.

/** Serialises `value` canonically. Throws TypeError on cycles and BigInt, like JSON.stringify. */
export function canonicalJson(value: unknown): string {
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
