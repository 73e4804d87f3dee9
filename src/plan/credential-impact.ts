// A provider credential that points somewhere else (another env variable, another
// file) changes what every model bound to it sends upstream: the plan names them.
import type { Snapshot, SnapshotCredentialRef } from '../generated/types.js';
import type { Impact } from './types.js';

const refWords = (r: SnapshotCredentialRef | undefined): string => (r === undefined ? 'nothing' : 'env' in r ? `env ${r.env}` : `file ${r.file}`);
const same = (a: SnapshotCredentialRef | undefined, b: SnapshotCredentialRef | undefined): boolean => refWords(a) === refWords(b);

/** Models of `s` with a source bound to provider/binding. */
function dependents(s: Snapshot, provider: string, binding: string): string[] {
  return Object.keys(s.models)
    .filter((m) => s.models[m]!.sources.some((src) => src.provider === provider && src.binding === binding))
    .sort();
}

export function credentialImpact(live: Snapshot, desired: Snapshot): Impact[] {
  const out: Impact[] = [];
  for (const name of Object.keys(desired.providers).sort()) {
    const a = live.providers[name]?.credentials;
    const b = desired.providers[name]?.credentials;
    if (!a || !b) continue;
    for (const binding of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (same(a[binding], b[binding]) || a[binding] === undefined || b[binding] === undefined) continue;
      const models = dependents(desired, name, binding);
      const who = models.length ? `models ${models.join(', ')} depend on it` : 'no model uses it';
      out.push({
        kind: 'credential-changed',
        address: `provider/${name}`,
        message: `provider ${name} credential '${binding}' now reads ${refWords(b[binding])} (was ${refWords(a[binding])}): ${who}`,
      });
    }
  }
  return out;
}
