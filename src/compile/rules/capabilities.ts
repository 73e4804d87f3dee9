// Capabilities fit the purpose; native tools need `tools` and what each tool requires;
// claims the registry says the upstream lacks are warnings.
import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import { resolveModel } from '../build/model.js';
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
      const m = resolveModel(ctx, r);
      const needs = m.purpose === 'audio' ? (m.capabilities.some((c) => c === 'audio-input' || c === 'audio-output') ? [] : ['audio-input or audio-output']) : (PURPOSE_NEEDS[m.purpose] ?? []).filter((c) => !m.capabilities.includes(c));
      if (needs.length)
        out.push(report(r, r.spec.capabilities ? '/capabilities' : r.spec.purpose ? '/purpose' : '/name', 'capability-purpose-mismatch', `purpose '${m.purpose}' needs capability ${needs.join(', ')}`));
    }
    return out;
  },
};

export const nativeToolNeedsTools: Rule = {
  code: 'native-tool-needs-tools',
  check(ctx) {
    return [...ctx.byKind.Model.values()].flatMap((r) => {
      const m = resolveModel(ctx, r);
      return m.nativeTools.length > 0 && !m.capabilities.includes('tools')
        ? [report(r, '/nativeTools', 'native-tool-needs-tools', "native tools need the 'tools' capability", { hint: "add 'tools' to capabilities or remove nativeTools" })]
        : [];
    });
  },
};

export const nativeToolMissingCapability: Rule = {
  code: 'native-tool-missing-capability',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const m = resolveModel(ctx, r);
      (r.spec.nativeTools ?? []).forEach((name, i) => {
        const missing = (ctx.byKind.NativeTool.get(name)?.spec.requires ?? []).filter((c) => c !== 'tools' && !m.capabilities.includes(c));
        if (missing.length) out.push(report(r, toPointer(['nativeTools', i]), 'native-tool-missing-capability', `native tool '${name}' requires ${missing.join(', ')}`));
      });
    }
    return out;
  },
};

export const capabilityNotInRegistry: Rule = {
  code: 'capability-not-in-registry',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const base = r.spec.extends ? ctx.registry.get(r.spec.extends) : undefined;
      if (!base) continue;
      (r.spec.capabilities ?? []).forEach((c, i) => {
        if (!base.capabilities.includes(c))
          out.push(report(r, toPointer(['capabilities', i]), 'capability-not-in-registry', `registry model '${base.id}' does not list capability '${c}'`, { severity: 'warning' }));
      });
    }
    return out;
  },
};
