// Localised text: the requested locale, else the snapshot's first locale
// (the fallback the compiler guarantees is present), else any entry, else
// the resource name.
import type { LocaleMap } from '../generated/types.js';

export function pickText(map: LocaleMap, locale: string | undefined, fallbackLocale: string, name: string): string {
  if (locale !== undefined) {
    const hit = map[locale];
    if (hit !== undefined) return hit;
  }
  const fallback = map[fallbackLocale];
  if (fallback !== undefined) return fallback;
  for (const key of Object.keys(map)) {
    const any = map[key];
    if (any !== undefined) return any;
  }
  return name;
}
