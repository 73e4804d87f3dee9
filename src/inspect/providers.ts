// `get providers`: each provider's credential references (never values),
// whether each is present on the server, and the models that route through it.
import type { Snapshot } from '../generated/types.js';
import { presenceOf, type LiveStatus, type Presence } from './live.js';
import { present, refText } from './text.js';

export interface BindingRow {
  binding: string;
  /** `env NAME` or `file PATH`. */
  ref: string;
  presence: Presence;
  models: string[];
}

export interface ProviderRow {
  name: string;
  type: string;
  baseUrl: string;
  credentials: BindingRow[];
  models: string[];
}

export function providerRows(s: Snapshot, live: LiveStatus | null): ProviderRow[] {
  const users = new Map<string, Set<string>>();
  for (const [name, m] of present(s.models)) {
    for (const src of m.sources) {
      const key = `${src.provider}\0${src.binding}`;
      users.set(key, (users.get(key) ?? new Set()).add(name));
    }
  }
  return present(s.providers)
    .map(([name, p]): ProviderRow => {
      const credentials = Object.entries(p.credentials)
        .map(([binding, ref]) => ({ binding, ref: refText(ref), presence: presenceOf(live, name, binding), models: [...(users.get(`${name}\0${binding}`) ?? [])].sort() }))
        .sort((a, b) => (a.binding < b.binding ? -1 : 1));
      return { name, type: p.type, baseUrl: p.baseUrl, credentials, models: [...new Set(credentials.flatMap((c) => c.models))].sort() };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
