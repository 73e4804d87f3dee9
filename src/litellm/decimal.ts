// Exact decimal conversion between modelctl's prices (USD per 1M tokens) and
// LiteLLM's (USD per token). Dividing doubles prints 3.0000000000000004e-6 or
// 3e-7; moving the decimal point in the number's shortest decimal spelling
// gives exactly the figure a person wrote, and plain digits, which every YAML
// reader takes for a number (PyYAML reads `3e-7` as a string).

/** The shortest decimal spelling of a finite number, never in exponent form. */
export function plainDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', exp] = m;
  return sign + normalize(int! + frac, int!.length + Number(exp));
}

/** Digits with the decimal point after `point` of them (may be <= 0 or past the end), tidied. */
function normalize(digits: string, point: number): string {
  let int: string;
  let frac: string;
  if (point <= 0) {
    int = '0';
    frac = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    int = digits + '0'.repeat(point - digits.length);
    frac = '';
  } else {
    int = digits.slice(0, point);
    frac = digits.slice(point);
  }
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** `decimal` × 10^places, as a plain decimal string (places may be negative). */
export function shiftDecimal(decimal: string, places: number): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(decimal);
  if (!m) throw new RangeError(`not a plain decimal: ${decimal}`);
  const [, sign, int, frac = ''] = m;
  const out = normalize(int! + frac, int!.length + places);
  return out === '0' ? '0' : sign + out;
}

/** USD per 1M tokens → USD per token, exactly. */
export function perMillionToPerToken(n: number): string {
  return shiftDecimal(plainDecimal(n), -6);
}

/** USD per token → USD per 1M tokens, exactly (on the number's shortest spelling). */
export function perTokenToPerMillion(n: number): string {
  return shiftDecimal(plainDecimal(n), 6);
}
