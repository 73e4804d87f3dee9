import type { Diagnostic } from '../../diagnostics/types.js';
import { report } from '../context.js';
import { resolveTraits } from '../build/model.js';
import type { Rule } from './types.js';

/** A model cannot promise more output than its context window holds (after registry inheritance). */
export const maxOutputExceedsContext: Rule = {
  code: 'max-output-exceeds-context',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const m = resolveTraits(ctx, r);
      if (m.maxOutputTokens !== null && m.contextLimit !== null && m.maxOutputTokens > m.contextLimit)
        out.push(report(r, r.spec.maxOutputTokens !== undefined ? '/maxOutputTokens' : '/contextLimit', 'max-output-exceeds-context', `maxOutputTokens ${m.maxOutputTokens} exceeds contextLimit ${m.contextLimit}`));
    }
    return out;
  },
};
