import type { LiveState, Target } from '../../apply/index.js';
import type { Snapshot } from '../../generated/types.js';
import { createPlan, hasChanges } from '../../plan/index.js';
import { buildSnapshot } from '../../pipeline.js';
import { catalogHelp, catalogInput, CATALOG_OPTIONS, oneOf, str } from '../args.js';
import type { ReadOptions } from '../../load/read.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticFormatters } from '../format/diagnostics.js';
import { PLAN_FORMATS, planFormatters } from '../format/plan.js';
import { useColor, type CliIO } from '../io.js';
import { writeOutput } from '../write-file.js';
import { withTarget } from './target.js';

/** load → validate → compile; diagnostics go to stderr (they are progress here). Null when the catalog is invalid. */
export async function buildDesired(paths: readonly string[], io: CliIO, opts: ReadOptions = {}): Promise<Snapshot | null> {
  const built = await buildSnapshot(paths, io.cwd, opts);
  if (built.diagnostics.length > 0) {
    io.stderr.write(diagnosticFormatters.text(built.diagnostics, { sources: built.sources, color: useColor(io, io.stderr) }));
  }
  return built.snapshot ?? null;
}

/**
 * The desired snapshot and the live state, worked out at the same time: the
 * target answers (a round trip, the server's work) while the catalog loads.
 * The live state is read before the catalog is known to be valid; a write
 * made from it still carries If-Match on the version read, so reading it
 * earlier changes only when it is read. Null when the catalog is invalid: the
 * read is then abandoned, and its outcome, failure included, dropped.
 */
export async function desiredAndLive(paths: readonly string[], io: CliIO, opts: ReadOptions, target: Target): Promise<{ desired: Snapshot; live: LiveState } | null> {
  const unwanted = new AbortController();
  // The read starts first (its request on its way while the catalog loads) and is
  // handed the desired snapshot once built: it checks a live one that differs
  // from it only in models by difference.
  let built!: (s: Snapshot | null) => void;
  const reading = target.read(unwanted.signal, new Promise<Snapshot | null>((r) => (built = r)));
  // Handled here so that a failed read is not reported as unhandled when the catalog is invalid and nobody awaits it.
  reading.catch(() => undefined);
  let desired: Snapshot | null = null;
  try {
    desired = await buildDesired(paths, io, opts);
  } finally {
    built(desired);
  }
  if (desired) return { desired, live: await reading };
  // Not left to run on: a slow or unreachable target would hold the exit back (a retry's wait, a request's timeout).
  unwanted.abort();
  return null;
}

export const planCommand: Command = {
  name: 'plan',
  usage: `Usage: modelctl plan [DIR...] --target URL|file:PATH [--out plan.json]
                     [--format text|markdown|json] [--detailed-exitcode]

Compiles the catalog and compares it with the snapshot live on the target,
resource by resource: what is created, updated or deleted, field by field,
and the impact in words (who gains or loses which models and tiers where,
default model and price changes, routes that lose their last source).

Options:
  --target T            an http(s) URL of 'modelctl serve', file:PATH, or
                        redis://[user:pass@]host:port/db?key=NAME  (required)
  --redis-tls           TLS for a redis:// target (as rediss:// has); the Redis
                        password may also come from REDIS_PASSWORD
  --out FILE            also save the full plan (with the snapshot) for 'modelctl apply FILE'
  --format FORMAT       text (default), markdown (a pull-request comment), or json
  --detailed-exitcode   exit 2 when there are changes
${catalogHelp(false, 20)}  -h, --help            show this help

The admin token for an http target comes from MODELCTL_ADMIN_TOKEN.
Exit codes: 0 no changes (or changes without --detailed-exitcode), 1 invalid
catalog or failure, 2 changes present (--detailed-exitcode), 3 refused (auth),
64 usage error.`,
  options: { target: { type: 'string' }, 'redis-tls': { type: 'boolean' }, out: { type: 'string', short: 'o' }, format: { type: 'string' }, 'detailed-exitcode': { type: 'boolean' }, ...CATALOG_OPTIONS },
  async run(values, positionals, io) {
    const format = oneOf(values.format, PLAN_FORMATS, '--format', 'text');
    const input = await catalogInput(values, positionals, io, { stdin: false });
    return withTarget('plan', values, io, async ({ target, shown }) => {
      const both = await desiredAndLive(positionals, io, input, target);
      if (!both) return EXIT.failed;
      const plan = createPlan(both.live.snapshot, both.desired);
      io.stdout.write(planFormatters[format](plan, { color: useColor(io) }));
      const out = str(values.out);
      if (out) {
        await writeOutput(io, out, JSON.stringify(plan, null, 2) + '\n');
        io.stderr.write(`saved the plan to ${out}; apply it with: modelctl apply ${out} --target ${shown} --expect-version ${plan.desired.version}\n`);
      }
      return hasChanges(plan) && values['detailed-exitcode'] ? EXIT.changes : EXIT.ok;
    });
  },
};
