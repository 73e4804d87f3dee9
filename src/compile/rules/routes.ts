// Routing rules: an active model has an active source with weight > 0; no source
// twice; the protocol fits the provider type; provider options match a source.
import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { report } from '../context.js';
import { PROTOCOLS } from '../provider-types.js';
import type { Rule } from './types.js';

export const noActiveSource: Rule = {
  code: 'no-active-source',
  check(ctx) {
    return [...ctx.byKind.Model.values()].flatMap((r) => {
      if ((r.spec.status ?? 'active') !== 'active') return [];
      const live = (r.spec.sources ?? []).some((s) => (s.status ?? 'active') === 'active' && (s.weight ?? 1) > 0);
      return live ? [] : [report(r, r.spec.sources ? '/sources' : '/name', 'no-active-source', `active model '${r.name}' has no active source with weight > 0`, { target: 'key', hint: 'add a source, or set status: inactive' })];
    });
  },
};

export const duplicateSource: Rule = {
  code: 'duplicate-source',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const seen = new Map<string, number>();
      (r.spec.sources ?? []).forEach((s, i) => {
        const key = `${s.provider}\u0000${s.model}`;
        const first = seen.get(key);
        if (first !== undefined)
          out.push(report(r, toPointer(['sources', i]), 'duplicate-source', `source ${s.provider}:${s.model} is listed twice`, { related: [{ message: 'first listed here', resource: r, pointer: toPointer(['sources', first]) }] }));
        else seen.set(key, i);
      });
    }
    return out;
  },
};

export const protocolUnsupported: Rule = {
  code: 'protocol-unsupported',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values())
      (r.spec.sources ?? []).forEach((s, i) => {
        const type = ctx.byKind.Provider.get(s.provider)?.spec.type;
        if (type && s.protocol && !PROTOCOLS[type].allowed.includes(s.protocol))
          out.push(report(r, toPointer(['sources', i, 'protocol']), 'protocol-unsupported', `provider type '${type}' does not speak ${s.protocol}`, { hint: `supported: ${PROTOCOLS[type].allowed.join(', ')}` }));
      });
    return out;
  },
};

export const providerOptionsUnused: Rule = {
  code: 'provider-options-unused',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const r of ctx.byKind.Model.values()) {
      const types = new Set((r.spec.sources ?? []).map((s) => ctx.byKind.Provider.get(s.provider)?.spec.type));
      for (const key of Object.keys(r.spec.providerOptions ?? {}))
        if (!types.has(key as never))
          out.push(report(r, toPointer(['providerOptions', key]), 'provider-options-unused', `no source of '${r.name}' uses a provider of type '${key}'; these options are never sent`, { severity: 'warning', target: 'key' }));
    }
    return out;
  },
};
