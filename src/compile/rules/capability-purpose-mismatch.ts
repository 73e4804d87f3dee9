import type { Diagnostic } from '../../diagnostics/types.js';
import { report } from '../context.js';
import { resolveTraits } from '../build/model.js';
import type { Rule } from './types.js';

const PURPOSE_NEEDS: Record<string, string[]> = {
  chat: ['text'],
  audio: [],
  'image-generation': ['image-generation'],
  'image-edit': ['image-edit'],
  'video-generation': ['video-generation'],
};

export const capabilityPurposeMismatch: Rule = {
  code: 'capability-purpose-mismatch',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const m = resolveTraits(ctx, r);
      const needs = m.purpose === 'audio' ? (m.capabilities.some((c) => c === 'audio-input' || c === 'audio-output') ? [] : ['audio-input or audio-output']) : (PURPOSE_NEEDS[m.purpose] ?? []).filter((c) => !m.capabilities.includes(c));
      if (needs.length)
        out.push(report(r, r.spec.capabilities ? '/capabilities' : r.spec.purpose ? '/purpose' : '/name', 'capability-purpose-mismatch', `purpose '${m.purpose}' needs capability ${needs.join(', ')}`));
    }
    return out;
  },
};
