import type { Snapshot } from '../../generated/types.js';
import type { LiveStatus } from '../../inspect/index.js';
import { buildSnapshot } from '../../pipeline.js';
import { explainLive } from '../../inspect/index.js';
import { type Parsed, catalogHelp, catalogInput, CATALOG_OPTIONS, oneOf, str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { diagnosticFormatters } from '../format/diagnostics.js';
import { formatExplanation } from '../format/explain.js';
import { UsageError, useColor, type CliIO } from '../io.js';
import { readSnapshotFile } from '../snapshot-file.js';
import { readLiveStatus } from './inspect-input.js';
import { withTarget } from './target.js';

/** The snapshot to explain, or the exit code when there is none (1 invalid, 3 signature refused). */
async function snapshotFrom(values: Parsed['values'], positionals: string[], io: CliIO): Promise<Snapshot | ExitCode> {
  const file = str(values.snapshot);
  const key = str(values.key);
  if (key && !file) throw new UsageError('--key checks a --snapshot file; give --snapshot too');
  if (file) {
    const loaded = await readSnapshotFile(io, file, key);
    if (!loaded.ok) {
      io.stderr.write(`${file}: ${loaded.reason === 'signature' ? 'refused: not signed by the --key' : 'not a valid snapshot'}\n${loaded.errors.map((e) => `  ${e}`).join('\n')}\n`);
      return loaded.reason === 'signature' ? EXIT.refused : EXIT.failed;
    }
    return loaded.snapshot;
  }
  const built = await buildSnapshot(positionals, io.cwd, await catalogInput(values, positionals, io, { stdin: false }));
  if (!built.snapshot) io.stderr.write(diagnosticFormatters.text(built.diagnostics, { sources: built.sources, color: useColor(io, io.stderr) }));
  return built.snapshot ?? EXIT.failed;
}

/** Explaining a catalog, not this machine: every credential variable counts as set. */
function everyReferencedVariable(snapshot: Snapshot): Record<string, string> {
  const env: Record<string, string> = {};
  for (const p of Object.values(snapshot.providers)) for (const ref of Object.values(p.credentials)) if ('env' in ref) env[ref.env] = 'set';
  return env;
}

export const explainCommand: Command = {
  name: 'explain',
  usage: `Usage: modelctl explain [DIR... | --snapshot FILE [--key PUB] | --target URL] --entry-point EP --groups a,b
                        [--model M | --tier T | --task T] [--tools a,b] [--format text|json]

Compiles the catalog (or reads a compiled snapshot) and answers as the runtime
resolver would: the tiers and models shown, each hidden model with the reason,
and for --model/--tier/--task the ordered routes a request would try.
Credentials count as present (explain looks at the catalog, not this machine)
unless --check-credentials is given, which checks this process's environment.
With --target URL it explains the snapshot live on that server as the server
sees it: credentials the server reports missing (GET /v1/status) are missing,
and each route shows its live breaker state and credential presence.
The resolved model's prices, allowed tools and collections are shown too.

Options:
  --snapshot FILE      a compiled snapshot instead of catalog directories
  --target URL         the snapshot live on a 'modelctl serve' server, with its breakers and credentials
  --key PUB            with --snapshot: explain it only if signed by this Ed25519 public key
  --entry-point EP     client entry point (required)
  --groups LIST        comma-separated user groups (names or aliases)
  --model M | --tier T | --task T   resolve a request
  --tools LIST         tools the request asks for
  --check-credentials  hide models whose credential variables are unset here
  --format FORMAT      text (default) or json: one object on stdout,
                       { version, entryPoint, groups: { requested, matched, unknown },
                         catalog: { defaultModel, models, tiers, collections, message? },
                         hidden: { models, tiers }, live, result?, routes?, model? }
                       where result is the resolve answer: { ok: true, model, attempts, … }
                       or { ok: false, error: { code, message } }
${catalogHelp(false, 19)}  -h, --help           show this help

Exit codes: 0 explained (and, with --model/--tier/--task, the request resolves),
1 the request is refused (model-not-found, not-available, capability-unsupported,
no-route: so CI can assert '! modelctl explain … --model M'), or an invalid catalog
or snapshot, 3 refused (--key given and the snapshot is not signed by it), 64 usage error.`,
  options: {
    snapshot: { type: 'string' },
    target: { type: 'string' },
    key: { type: 'string' },
    'entry-point': { type: 'string' },
    groups: { type: 'string' },
    model: { type: 'string' },
    tier: { type: 'string' },
    task: { type: 'string' },
    tools: { type: 'string' },
    format: { type: 'string' },
    'check-credentials': { type: 'boolean' },
    ...CATALOG_OPTIONS,
  },
  async run(values, positionals, io) {
    const entryPoint = str(values['entry-point']);
    if (!entryPoint) throw new UsageError('--entry-point is required');
    const targets = ['model', 'tier', 'task'].filter((k) => values[k] !== undefined);
    if (targets.length > 1) throw new UsageError('give at most one of --model, --tier, --task');
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    const list = (v: unknown) => (str(v) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const req = {
      entryPoint,
      groups: list(values.groups),
      ...(str(values.model) ? { model: str(values.model)! } : {}),
      ...(str(values.tier) ? { tier: str(values.tier)! } : {}),
      ...(str(values.task) ? { task: str(values.task)! } : {}),
      ...(values.tools ? { tools: list(values.tools) } : {}),
    };
    const answer = (snapshot: Snapshot, live: LiveStatus | null): ExitCode => {
      const env = values['check-credentials'] ? io.env : everyReferencedVariable(snapshot);
      const result = explainLive(snapshot, req, live, { env, fileExists: () => true }, Date.now());
      io.stdout.write(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatExplanation(result));
      // A refused resolve is the answer to "may group G use model M?": no, exit 1.
      return result.result && !result.result.ok ? EXIT.failed : EXIT.ok;
    };
    const target = str(values.target);
    if (target) {
      if (values.snapshot !== undefined || values.key !== undefined || positionals.length) throw new UsageError('--target explains the live snapshot; give no DIR, --snapshot or --key with it');
      if (values['check-credentials']) throw new UsageError("--check-credentials checks this machine; with --target the server's own credential report is used");
      return withTarget('explain', values, io, async ({ target: t, shown }) => {
        const state = await t.read();
        if (!state.snapshot) {
          io.stderr.write(`modelctl explain: ${shown} has no live snapshot\n`);
          return EXIT.failed;
        }
        return answer(state.snapshot, /^https?:/i.test(target) ? await readLiveStatus(target, state.snapshot, io.env) : null);
      });
    }
    const snapshot = await snapshotFrom(values, positionals, io);
    if (typeof snapshot === 'number') return snapshot;
    return answer(snapshot, null);
  },
};
