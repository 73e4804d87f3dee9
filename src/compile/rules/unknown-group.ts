import type { Diagnostic } from '../../diagnostics/types.js';
import type { Availability } from '../../generated/types.js';
import { toPointer } from '../../load/source-map.js';
import { didYouMeanHint } from '../../diagnostics/did-you-mean.js';
import type { Resource } from '../../validate/resources.js';
import { report, type CompileContext } from '../context.js';
import type { Rule } from './types.js';

/** Every place that sets availability, with the pointer of its availability value. */
export function availabilitySites(ctx: CompileContext): { resource: Resource; pointer: string; availability: Availability }[] {
  const sites: { resource: Resource; pointer: string; availability: Availability }[] = [];
  for (const kind of ['Model', 'Tier', 'Collection'] as const)
    for (const r of ctx.byKind[kind].values()) if (r.spec.availability !== undefined) sites.push({ resource: r, pointer: '/availability', availability: r.spec.availability });
  for (const r of ctx.byKind.Settings.values())
    if (r.spec.defaults?.availability !== undefined) sites.push({ resource: r, pointer: '/defaults/availability', availability: r.spec.defaults.availability });
  return sites;
}

export const unknownGroup: Rule = {
  code: 'unknown-group',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const { resource, pointer, availability } of availabilitySites(ctx)) {
      if (typeof availability === 'string') continue;
      availability.groups.forEach((g, i) => {
        if (!ctx.byKind.Group.has(g))
          out.push(report(resource, `${pointer}${toPointer(['groups', i])}`, 'unknown-group', `group '${g}' is not declared`, { hint: didYouMeanHint(g, ctx.byKind.Group.keys()) ?? 'declare it with a Group resource' }));
      });
    }
    return out;
  },
};
