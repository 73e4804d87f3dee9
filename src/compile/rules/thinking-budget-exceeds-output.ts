import type { Diagnostic } from '../../diagnostics/types.js';
import { report } from '../context.js';
import { resolveTraits } from '../build/model.js';
import type { Rule } from './types.js';

/** Anthropic rejects a thinking budget that is not below max_tokens; catch it before a request does. */
export const thinkingBudgetExceedsOutput: Rule = {
  code: 'thinking-budget-exceeds-output',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const { maxOutputTokens } = resolveTraits(ctx, r);
      if (maxOutputTokens === null) continue;
      for (const type of ['anthropic', 'bedrock'] as const) {
        const budget = r.spec.providerOptions?.[type]?.thinkingBudgetTokens;
        if (budget !== undefined && budget >= maxOutputTokens)
          out.push(report(r, `/providerOptions/${type}/thinkingBudgetTokens`, 'thinking-budget-exceeds-output', `thinkingBudgetTokens ${budget} must be below maxOutputTokens ${maxOutputTokens}`));
      }
    }
    return out;
  },
};
