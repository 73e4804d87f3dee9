import type { LocalizedText } from '../../generated/types.js';

/** A plain string becomes { <first locale>: text }; maps are copied as written. */
export function toLocaleMap(text: LocalizedText | undefined, fallback: string | undefined, firstLocale: string): Record<string, string> {
  if (text === undefined) return fallback === undefined ? {} : { [firstLocale]: fallback };
  if (typeof text === 'string') return { [firstLocale]: text };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(text)) if (v !== undefined) out[k] = v;
  return out;
}
