import { didYouMeanHint } from '../../diagnostics/did-you-mean.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const unknownDefaultModel: Rule = {
  code: 'unknown-default-model',
  check(ctx) {
    const s = ctx.byKind.Settings.values().next().value;
    const name = s?.spec.defaultModel;
    if (!s || name === undefined || ctx.byKind.Model.has(name)) return [];
    return [report(s, '/defaultModel', 'unknown-default-model', `default model '${name}' is not defined`, { hint: didYouMeanHint(name, ctx.byKind.Model.keys()) })];
  },
};
