import { report } from '../context.js';
import { resolveModel } from '../build/model.js';
import type { Rule } from './types.js';

/** The default model must be public, active and visible to someone. */
export const defaultModelUnusable: Rule = {
  code: 'default-model-unusable',
  check(ctx) {
    const s = ctx.byKind.Settings.values().next().value;
    const model = s?.spec.defaultModel ? ctx.byKind.Model.get(s.spec.defaultModel) : undefined;
    if (!s || !model) return [];
    const m = resolveModel(ctx, model);
    const problems = [m.access !== 'public' && 'internal', m.status !== 'active' && 'inactive', m.availability === 'none' && "available to no one ('none')"].filter(Boolean);
    if (m.availability !== 'none' && typeof m.availability === 'object' && m.availability.groups.length === 0) problems.push('available to no group');
    if (m.entryPoints !== null && m.entryPoints.length === 0) problems.push('on no entry point (entryPoints: [])');
    return problems.length
      ? [report(s, '/defaultModel', 'default-model-unusable', `default model '${model.name}' is ${problems.join(', ')}`, { related: [{ message: 'model defined here', resource: model, pointer: '/name' }] })]
      : [];
  },
};
