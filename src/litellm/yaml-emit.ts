// A small, deterministic YAML writer for generated files (the LiteLLM config,
// imported catalog files). Keys come out in insertion order, strings are
// quoted whenever a YAML 1.1 reader (PyYAML, which LiteLLM uses) could take
// them for anything else, and exact decimals are written digit for digit.
import type { DecimalText } from './types.js';

export type YamlValue = string | number | boolean | null | DecimalText | YamlValue[] | { [key: string]: YamlValue | undefined };

export function isDecimalText(v: unknown): v is DecimalText {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as DecimalText).decimal === 'string';
}

// Plain only when it cannot be read as a bool, null, number, date or
// sexagesimal (`1:30` is 90 in YAML 1.1) and holds nothing YAML treats specially.
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./@+-]*$/;
const RESERVED = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/** A string as a YAML scalar: plain when unambiguous, else double-quoted with JSON escapes. */
export function yamlString(s: string): string {
  if (PLAIN.test(s) && !RESERVED.test(s)) return s;
  // JSON escapes are valid YAML double-quoted escapes; YAML 1.1 also breaks lines at these.
  return JSON.stringify(s).replace(/\u0085/g, '\\N').replace(/\u2028/g, '\\L').replace(/\u2029/g, '\\P');
}

function scalar(v: string | number | boolean | null | DecimalText): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return yamlString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`cannot write ${v} in YAML`);
    if (!Number.isInteger(v)) throw new RangeError(`write non-integers as DecimalText: ${v}`);
    return String(v);
  }
  if (!/^-?\d+(\.\d+)?$/.test(v.decimal)) throw new RangeError(`not a plain decimal: ${v.decimal}`);
  return v.decimal;
}

const isScalar = (v: YamlValue): v is string | number | boolean | null | DecimalText => v === null || typeof v !== 'object' || isDecimalText(v);

type YamlMap = { [key: string]: YamlValue | undefined };

function entries(map: YamlMap): [string, YamlValue][] {
  return Object.entries(map).filter((e): e is [string, YamlValue] => e[1] !== undefined);
}

/** Written on the key's own line: a scalar, a flow list of scalars, or an empty collection. */
function inline(v: YamlValue): string | undefined {
  if (isScalar(v)) return scalar(v);
  if (Array.isArray(v)) return v.every(isScalar) ? `[${v.map((x) => scalar(x as string)).join(', ')}]` : undefined;
  return entries(v).length === 0 ? '{}' : undefined;
}

function emitMap(map: YamlMap, indent: string, out: string[]): void {
  for (const [key, value] of entries(map)) {
    const k = `${indent}${yamlString(key)}:`;
    const flat = inline(value);
    if (flat !== undefined) out.push(`${k} ${flat}`);
    else {
      out.push(k);
      if (Array.isArray(value)) emitList(value, indent + '  ', out);
      else emitMap(value as YamlMap, indent + '  ', out);
    }
  }
}

function emitList(list: YamlValue[], indent: string, out: string[]): void {
  for (const item of list) {
    const flat = inline(item);
    if (flat !== undefined) {
      out.push(`${indent}- ${flat}`);
      continue;
    }
    // The item's block one level in, its first line then carrying the dash.
    const inner: string[] = [];
    if (Array.isArray(item)) emitList(item, indent + '  ', inner);
    else emitMap(item as YamlMap, indent + '  ', inner);
    inner[0] = `${indent}- ${inner[0]!.slice(indent.length + 2)}`;
    for (const item of inner) out.push(item);
  }
}

/** A whole document: optional comment lines, then the value. */
export function toYaml(value: YamlValue, comments: readonly string[] = []): string {
  const out: string[] = comments.map((c) => (c === '' ? '#' : `# ${c}`));
  const flat = inline(value);
  if (flat !== undefined) out.push(flat);
  else if (Array.isArray(value)) emitList(value, '', out);
  else emitMap(value as YamlMap, '', out);
  return out.join('\n') + '\n';
}
