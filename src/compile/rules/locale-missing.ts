import type { Diagnostic } from '../../diagnostics/types.js';
import type { LocalizedText } from '../../generated/types.js';
import type { Resource } from '../../validate/resources.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

/** A display name map that skips one of the catalog's locales shows the fallback there. */
export const localeMissing: Rule = {
  code: 'locale-missing',
  check(ctx) {
    const locales = ctx.settings?.locales ?? [];
    if (locales.length < 2) return [];
    const out: Diagnostic[] = [];
    const check = (r: Resource, text: LocalizedText | undefined) => {
      if (!text || typeof text === 'string') return;
      const missing = locales.filter((l) => !(l in text));
      if (missing.length) out.push(report(r, '/displayName', 'locale-missing', `displayName has no ${missing.join(', ')} text`, { severity: 'warning' }));
    };
    for (const kind of ['Model', 'Tier', 'Collection', 'NativeTool'] as const) for (const r of ctx.byKind[kind].values()) check(r, r.spec.displayName);
    return out;
  },
};
