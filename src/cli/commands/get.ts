// `modelctl get`: kubectl-style lists of a catalog, a snapshot or a live server.
import { didYouMeanHint } from '../../diagnostics/did-you-mean.js';
import type { Snapshot } from '../../generated/types.js';
import { collectionRows, filterModels, groupRows, modelRows, providerRows, tierRows, toolRows, type LiveStatus, type ModelFilter } from '../../inspect/index.js';
import { catalogHelp, CATALOG_OPTIONS, oneOf, str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { GET_FORMATS, getFormatters, type GetKind, type GetOutput } from '../format/get.js';
import { UsageError } from '../io.js';
import { INPUT_OPTIONS, withInspected } from './inspect-input.js';

const KINDS: readonly GetKind[] = ['models', 'providers', 'tiers', 'collections', 'groups', 'tools'];
/** kubectl accepts singular and plural; so do we. */
const ALIASES: Record<string, GetKind> = Object.fromEntries(KINDS.flatMap((k) => [[k, k], [k.replace(/s$/, ''), k]]));
const STATUSES = ['active', 'inactive', 'hidden', 'circuit-open', 'degraded'] as const;
const FILTERS = ['search', 'status', 'protocol', 'vendor', 'purpose', 'access', 'group', 'entry-point'] as const;

function rowsOf(kind: GetKind, s: Snapshot, live: LiveStatus | null, filter: ModelFilter): GetOutput {
  switch (kind) {
    case 'models':
      return { kind, items: filterModels(s, modelRows(s, live), filter) };
    case 'providers':
      return { kind, items: providerRows(s, live) };
    case 'tiers':
      return { kind, items: tierRows(s) };
    case 'collections':
      return { kind, items: collectionRows(s) };
    case 'groups':
      return { kind, items: groupRows(s) };
    case 'tools':
      return { kind, items: toolRows(s) };
  }
}

/** Names a NAME argument may give, for the did-you-mean. */
function namesOf(kind: GetKind, s: Snapshot): string[] {
  const record = { models: s.models, providers: s.providers, tiers: s.tiers, collections: s.collections, groups: s.groups, tools: s.nativeTools }[kind];
  return Object.keys(record);
}

export const getCommand: Command = {
  name: 'get',
  usage: `Usage: modelctl get models|providers|tiers|collections|groups|tools [NAME]
                    [DIR... | --target URL | --snapshot FILE] [-o table|wide|json|yaml]
                    [--search TEXT] [--status S] [--protocol P] [--vendor V] [--purpose P]
                    [--access public|internal] [--group G] [--entry-point EP]

Lists the resources of a catalog (compiled from DIR), a compiled snapshot, or
the snapshot live on a server. From a server, a model's status also says
what the server sees: hidden (no active source has its credential present
there), circuit-open (every other active source's breaker is open) or
degraded (some are); providers show whether each credential reference is
present on the server (never its value). From a catalog or a file, statuses
are active or inactive and presence is unknown.

Options:
  --target URL         a 'modelctl serve' URL (or file:PATH: its snapshot, no live state)
  --snapshot FILE      a compiled snapshot
  -o, --output F       table (default), wide, json or yaml (schema/get-output.schema.json)
  --search TEXT        models whose name, display name (any locale), vendor or description contains TEXT
  --status S           ${STATUSES.join(', ')}
  --protocol P         models with a source speaking P (e.g. anthropic-messages)
  --vendor V, --purpose P, --access A   exact matches
  --group G            models available to group G (a name or alias; 'everyone' = available to all)
  --entry-point EP     models offered on entry point EP
${catalogHelp(false, 19)}  -h, --help           show this help

Models are sorted by display order, then name. NAME selects one resource.
Exit codes: 0 listed, 1 unknown NAME, an invalid catalog or a failed read, 3 refused (auth), 64 usage error.`,
  options: {
    ...INPUT_OPTIONS,
    output: { type: 'string', short: 'o' },
    ...Object.fromEntries(FILTERS.map((f) => [f, { type: 'string' as const }])),
    ...CATALOG_OPTIONS,
  },
  async run(values, positionals, io) {
    const [kindArg, ...rest] = positionals;
    if (!kindArg) throw new UsageError(`name a resource type: ${KINDS.join(', ')}`);
    const kind = ALIASES[kindArg];
    if (!kind) throw new UsageError(`unknown resource type '${kindArg}'${hint(kindArg, Object.keys(ALIASES))}; one of: ${KINDS.join(', ')}`);
    const format = oneOf(values.output, GET_FORMATS, '-o', 'table');
    if (kind !== 'models') for (const f of FILTERS) if (values[f] !== undefined) throw new UsageError(`--${f} filters models only`);
    const status = values.status === undefined ? undefined : oneOf(values.status, STATUSES, '--status', 'active');
    // A first positional that is not a directory is the NAME; the rest are catalog directories.
    const { name, dirs } = await splitName(rest, io.cwd, values);
    const filter: ModelFilter = {
      ...(str(values.search) !== undefined ? { search: str(values.search)! } : {}),
      ...(status ? { status } : {}),
      ...(str(values.protocol) !== undefined ? { protocol: str(values.protocol)! } : {}),
      ...(str(values.vendor) !== undefined ? { vendor: str(values.vendor)! } : {}),
      ...(str(values.purpose) !== undefined ? { purpose: str(values.purpose)! } : {}),
      ...(str(values.access) !== undefined ? { access: str(values.access)! } : {}),
      ...(str(values.group) !== undefined ? { group: str(values.group)! } : {}),
      ...(str(values['entry-point']) !== undefined ? { entryPoint: str(values['entry-point'])! } : {}),
    };
    return withInspected('get', values, dirs, io, ({ snapshot, live }) => {
      let output = rowsOf(kind, snapshot, live, filter);
      if (name !== undefined) {
        if (!namesOf(kind, snapshot).includes(name)) {
          io.stderr.write(`modelctl get: no ${kind.replace(/s$/, '')} named '${name}'${hint(name, namesOf(kind, snapshot))}\n`);
          return EXIT.failed;
        }
        output = { ...output, items: (output.items as { name: string }[]).filter((r) => r.name === name) } as GetOutput;
      }
      io.stdout.write(getFormatters[format]({ version: snapshot.version, live: live ? { presence: live.presenceSource } : null, output }));
      return EXIT.ok;
    });
  },
};

function hint(input: string, candidates: string[]): string {
  const h = didYouMeanHint(input, candidates);
  return h ? ` (${h})` : '';
}

/**
 * kubectl's `get TYPE NAME`: with --target or --snapshot every positional is a
 * NAME (at most one); otherwise a first positional that does not exist on
 * disk is the NAME and the rest are directories.
 */
async function splitName(rest: string[], cwd: string, values: Record<string, unknown>): Promise<{ name: string | undefined; dirs: string[] }> {
  if (values.target !== undefined || values.snapshot !== undefined) {
    if (rest.length > 1) throw new UsageError('give at most one NAME with --target or --snapshot');
    return { name: rest[0], dirs: [] };
  }
  const { stat } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  const [first, ...others] = rest;
  if (first === undefined) return { name: undefined, dirs: [] };
  const exists = await stat(resolve(cwd, first)).then(() => true, () => false);
  return exists ? { name: undefined, dirs: rest } : { name: first, dirs: others };
}
