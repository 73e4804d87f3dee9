// Every reference resolves: source → provider and binding, tier/collection →
// model, tier → entry point group, model → native tool, extends → registry.
import type { Diagnostic } from '../../diagnostics/types.js';
import { toPointer } from '../../load/source-map.js';
import { didYouMeanHint } from '../../validate/did-you-mean.js';
import { report } from '../context.js';
import type { Rule } from './types.js';

export const unknownProvider: Rule = {
  code: 'unknown-provider',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const m of ctx.byKind.Model.values())
      (m.spec.sources ?? []).forEach((s, i) => {
        if (!ctx.byKind.Provider.has(s.provider))
          out.push(report(m, toPointer(['sources', i, 'provider']), 'unknown-provider', `provider '${s.provider}' is not defined`, { hint: didYouMeanHint(s.provider, ctx.byKind.Provider.keys()) }));
      });
    return out;
  },
};

export const unknownBinding: Rule = {
  code: 'unknown-binding',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const m of ctx.byKind.Model.values())
      (m.spec.sources ?? []).forEach((s, i) => {
        const provider = ctx.byKind.Provider.get(s.provider);
        const binding = s.binding ?? 'default';
        if (provider && !(binding in provider.spec.credentials)) {
          const pointer = toPointer(['sources', i, s.binding ? 'binding' : 'provider']);
          out.push(report(m, pointer, 'unknown-binding', `provider '${s.provider}' has no credential '${binding}'`, { hint: `defined: ${Object.keys(provider.spec.credentials).join(', ')}` }));
        }
      });
    return out;
  },
};

export const unknownModel: Rule = {
  code: 'unknown-model',
  check(ctx) {
    const lists = [...ctx.byKind.Tier.values(), ...ctx.byKind.Collection.values()];
    return lists.flatMap((r) =>
      r.spec.models.flatMap((name, i) =>
        ctx.byKind.Model.has(name) ? [] : [report(r, toPointer(['models', i]), 'unknown-model', `model '${name}' is not defined`, { hint: didYouMeanHint(name, ctx.byKind.Model.keys()) })],
      ),
    );
  },
};

export const unknownEntryPointGroup: Rule = {
  code: 'unknown-entry-point-group',
  check(ctx) {
    return [...ctx.byKind.Tier.values()].flatMap((t) =>
      ctx.byKind.EntryPointGroup.has(t.spec.entryPointGroup)
        ? []
        : [report(t, '/entryPointGroup', 'unknown-entry-point-group', `entry point group '${t.spec.entryPointGroup}' is not defined`, { hint: didYouMeanHint(t.spec.entryPointGroup, ctx.byKind.EntryPointGroup.keys()) })],
    );
  },
};

export const unknownNativeTool: Rule = {
  code: 'unknown-native-tool',
  check(ctx) {
    return [...ctx.byKind.Model.values()].flatMap((m) =>
      (m.spec.nativeTools ?? []).flatMap((name, i) =>
        ctx.byKind.NativeTool.has(name) ? [] : [report(m, toPointer(['nativeTools', i]), 'unknown-native-tool', `native tool '${name}' is not defined`, { hint: didYouMeanHint(name, ctx.byKind.NativeTool.keys()) })],
      ),
    );
  },
};

export const unknownExtends: Rule = {
  code: 'unknown-extends',
  check(ctx) {
    return [...ctx.byKind.Model.values()].flatMap((m) =>
      m.spec.extends && !ctx.registry.has(m.spec.extends)
        ? [report(m, '/extends', 'unknown-extends', `registry model '${m.spec.extends}' does not exist`, { hint: didYouMeanHint(m.spec.extends, ctx.registry.keys()) })]
        : [],
    );
  },
};
