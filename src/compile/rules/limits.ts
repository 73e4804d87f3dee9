// Token limits that cannot all hold at once.
import type { Diagnostic } from '../../diagnostics/types.js';
import { report } from '../context.js';
import { resolveModel } from '../build/model.js';
import type { Rule } from './types.js';

export const maxOutputExceedsContext: Rule = {
  code: 'max-output-exceeds-context',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const m = resolveModel(ctx, r);
      if (m.maxOutputTokens !== null && m.contextLimit !== null && m.maxOutputTokens > m.contextLimit)
        out.push(report(r, r.spec.maxOutputTokens !== undefined ? '/maxOutputTokens' : '/contextLimit', 'max-output-exceeds-context', `maxOutputTokens ${m.maxOutputTokens} exceeds contextLimit ${m.contextLimit}`));
      const budget = r.spec.providerOptions?.anthropic?.thinkingBudgetTokens ?? r.spec.providerOptions?.bedrock?.thinkingBudgetTokens;
      if (budget !== undefined && m.maxOutputTokens !== null && budget >= m.maxOutputTokens) {
        const key = r.spec.providerOptions?.anthropic?.thinkingBudgetTokens !== undefined ? 'anthropic' : 'bedrock';
        out.push(report(r, `/providerOptions/${key}/thinkingBudgetTokens`, 'thinking-budget-exceeds-output', `thinkingBudgetTokens ${budget} must be below maxOutputTokens ${m.maxOutputTokens}`));
      }
    }
    return out;
  },
};
