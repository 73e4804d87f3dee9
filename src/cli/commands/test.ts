// `modelctl test`: probe the selected models' upstream sources in their real
// protocols (and, with --capabilities, each claimed capability), print the
// report in one format on stdout, progress on a TTY's stderr only.
import type { Snapshot } from '../../generated/types.js';
import { createPlan } from '../../plan/index.js';
import { changedSources, failed, FAIL_ON, PROBE_DEFAULTS, runProbes, selectTargets, type ProbeStatus, type Selection } from '../../probe/index.js';
import { parseDuration } from '../../probe/duration.js';
import { oneOf, str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { PROBE_FORMATS, probeFormatters } from '../format/probe.js';
import { UsageError, useColor, type CliIO } from '../io.js';
import { readSnapshotFile } from '../snapshot-file.js';
import { buildDesired } from './plan.js';
import { withTarget } from './target.js';

const list = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);

function integer(value: unknown, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1 || n > 256) throw new UsageError(`${flag} must be an integer from 1 to 256`);
  return n;
}

function failOn(value: unknown): ProbeStatus[] {
  if (value === undefined) return [...FAIL_ON];
  const allowed = ['error', 'timeout', 'unsupported', 'skipped'] as const;
  const picked = list(value);
  for (const p of picked) if (!(allowed as readonly string[]).includes(p)) throw new UsageError(`--fail-on takes a comma-separated list of: ${allowed.join(', ')}`);
  return picked as ProbeStatus[];
}

interface Options {
  selection: Selection;
  format: (typeof PROBE_FORMATS)[number];
  failOn: ProbeStatus[];
  capabilities: boolean;
  concurrency: number;
  perProvider: number;
  timeoutMs: number;
}

function progress(io: CliIO): ((done: number, total: number, last: { sourceId: string; check: string }) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  return (done, total, last) => io.stderr.write(`\r\u001b[K[${done}/${total}] ${last.sourceId} ${last.check}`);
}

async function testSnapshot(snapshot: Snapshot, opts: Options, io: CliIO): Promise<ExitCode> {
  const selected = selectTargets(snapshot, opts.selection);
  if (selected.unknown.length) throw new UsageError(`not in the catalog: ${selected.unknown.join(', ')}`);
  const onProgress = progress(io);
  const report = await runProbes(selected.targets, {
    env: io.env,
    capabilities: opts.capabilities,
    concurrency: opts.concurrency,
    perProvider: opts.perProvider,
    timeoutMs: opts.timeoutMs,
    ...(io.signal ? { signal: io.signal } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  if (onProgress) io.stderr.write('\r\u001b[K');
  if (selected.targets.length === 0) io.stderr.write('modelctl test: nothing to test\n');
  io.stdout.write(probeFormatters[opts.format](report, { color: useColor(io) }));
  return failed(report, opts.failOn) ? EXIT.failed : EXIT.ok;
}

export const testCommand: Command = {
  name: 'test',
  usage: `Usage: modelctl test [DIR... | --snapshot FILE | --target URL|file:PATH] [--model M ...] [--source ID ...]
                     [--changed] [--capabilities] [--concurrency N] [--per-provider N] [--timeout 20s]
                     [--format text|json|markdown|junit] [--fail-on error,timeout,unsupported]

Sends each selected source one minimal request in its own protocol (Anthropic
Messages, OpenAI Chat Completions / Responses, Azure OpenAI, Gemini
generateContent, Bedrock Converse, OpenRouter, Vercel AI Gateway, any
OpenAI-compatible endpoint) to its base URL with its credential, and reports
each source as usable, error (with the upstream's status and code), timeout,
unsupported or skipped, with time to first byte and total latency.

Credentials are read from the variable or file each reference names and are
never printed; any echo of one in an upstream's answer is masked. Bedrock
sources sign with SigV4 when the credential holds ACCESS_KEY_ID:SECRET[:TOKEN]
(or, when it is unset, from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
AWS_SESSION_TOKEN), else send it as a Bedrock API key (bearer token).
HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured.

Options:
  --snapshot FILE       test a compiled snapshot
  --target T            test what is live on a server (or file:PATH); with DIR and
                        --changed, test only what the plan against it creates or changes
  --model M             only this platform model (repeatable, or comma-separated)
  --source ID           only this source id, e.g. claude-sonnet@anthropic:claude-sonnet-4-5
  --changed             with --target and DIR: only models and sources the plan touches
  --capabilities        also probe each claimed capability: streaming, tools (a forced
                        call), image-input (a 1x1 PNG), structured-output, reasoning
  --concurrency N       probes in flight (default ${PROBE_DEFAULTS.concurrency})
  --per-provider N      probes in flight per provider account (default ${PROBE_DEFAULTS.perProvider})
  --timeout D           per request, e.g. 20s, 500ms (default 20s)
  --format FORMAT       text (default), json (schema/probe-result.schema.json),
                        markdown (a pull-request comment) or junit
  --fail-on LIST        outcomes that make the exit code 1 (default error,timeout,unsupported;
                        skipped may be added)
  -h, --help            show this help

A 429 is retried once after its Retry-After (up to 30 s). Progress goes to
stderr on a terminal only; stdout carries the result alone.
Exit codes: 0 every source usable (or only outcomes not in --fail-on), 1 a source
failed or the catalog is invalid, 3 refused by the target, 64 usage error.`,
  options: {
    snapshot: { type: 'string' },
    target: { type: 'string' },
    model: { type: 'string', multiple: true },
    source: { type: 'string', multiple: true },
    changed: { type: 'boolean' },
    capabilities: { type: 'boolean' },
    concurrency: { type: 'string' },
    'per-provider': { type: 'string' },
    timeout: { type: 'string' },
    format: { type: 'string' },
    'fail-on': { type: 'string' },
  },
  async run(values, positionals, io) {
    const timeout = str(values.timeout);
    const timeoutMs = timeout === undefined ? PROBE_DEFAULTS.timeoutMs : parseDuration(timeout);
    if (timeoutMs === undefined) throw new UsageError('--timeout must be a duration such as 20s, 500ms or 2m');
    const opts: Options = {
      selection: { models: list(values.model), sources: list(values.source) },
      format: oneOf(values.format, PROBE_FORMATS, '--format', 'text'),
      failOn: failOn(values['fail-on']),
      capabilities: values.capabilities === true,
      concurrency: integer(values.concurrency, '--concurrency', PROBE_DEFAULTS.concurrency),
      perProvider: integer(values['per-provider'], '--per-provider', PROBE_DEFAULTS.perProvider),
      timeoutMs,
    };
    const file = str(values.snapshot);
    const targetSpec = str(values.target);
    if ([file !== undefined, targetSpec !== undefined && !values.changed, positionals.length > 0 && !values.changed].filter(Boolean).length > 1)
      throw new UsageError('test one of: catalog directories, --snapshot FILE, or --target (DIR... with --target needs --changed)');
    if (values.changed && (!targetSpec || positionals.length === 0)) throw new UsageError('--changed needs --target and the catalog directories to plan against it');

    if (file) {
      const loaded = await readSnapshotFile(io, file);
      if (!loaded.ok) {
        io.stderr.write(`${file}: not a valid snapshot\n${loaded.errors.map((e) => `  ${e}`).join('\n')}\n`);
        return EXIT.failed;
      }
      return testSnapshot(loaded.snapshot, opts, io);
    }
    if (targetSpec) {
      return withTarget('test', values, io, async ({ target, shown }) => {
        const live = (await target.read()).snapshot;
        if (!values.changed) {
          if (!live) {
            io.stderr.write(`modelctl test: nothing is live on ${shown}\n`);
            return EXIT.failed;
          }
          return testSnapshot(live, opts, io);
        }
        const desired = await buildDesired(positionals, io);
        if (!desired) return EXIT.failed;
        const changed = changedSources(createPlan(live, desired), desired);
        return testSnapshot(desired, { ...opts, selection: { ...opts.selection, changed } }, io);
      });
    }
    const desired = await buildDesired(positionals, io);
    if (!desired) return EXIT.failed;
    return testSnapshot(desired, opts, io);
  },
};
