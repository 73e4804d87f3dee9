import { resolve } from 'node:path';
import { once } from 'node:events';
import { withVersion } from '../../compile/version.js';
import { snapshotStream } from '../../compile/stream.js';
import { serializeDocument } from '../../apply/document.js';
import { writeFileDurable } from '../../io/durable-write.js';
import { buildOutputContent } from '../../pipeline.js';
import { LazyModels, type StreamContent } from '../../compile/index.js';
import type { CachedModelsContent } from '../../compile/build/snapshot.js';
import type { Snapshot, SnapshotModel } from '../../generated/types.js';
import { catalogHelp, catalogInput, CATALOG_OPTIONS, CACHE_OPTIONS, cacheDir, cacheHelp, oneOf, str } from '../args.js';
import { TOOL, type Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { DIAGNOSTIC_FORMATS, diagnosticFormatters, FAIL_ON, failsOn } from '../format/diagnostics.js';
import { UsageError, useColor, type CliIO } from '../io.js';
import { writeOutput } from '../write-file.js';
import { summarizeSnapshot } from '../format/snapshot-summary.js';
import { serialOption, signWithKeyFile, SignatureRefusedError } from '../snapshot-file.js';

export const compileCommand: Command = {
  name: 'compile',
  usage: `Usage: modelctl compile [DIR... | -] -o snapshot.json [--sign-key KEY [--serial N]]
                        [--format text|json|github|sarif|junit] [--fail-on error|warning] [--exclude GLOB]...
                        [--cache DIR]

Validates the catalog, resolves every reference and default, and writes the
canonical snapshot. With --sign-key (an Ed25519 private key in PEM, see
'modelctl keygen'), writes a signed envelope { snapshot, signature } instead.

Options:
  -o, --out FILE     where to write the snapshot ('-' for stdout)  (required)
  --sign-key FILE    Ed25519 private key (PEM) to sign with
  --serial N         the envelope's signed serial (default: now, in ms); a server with
                     --verify-key takes only serials above the newest it accepted
  --format FORMAT    how to print diagnostics: text (default), json, github, sarif, junit
                     (as 'modelctl validate'); on stdout when compile fails, else on stderr
  --fail-on LEVEL    error (default) or warning: with warning, any warning fails the
                     compile (exit 1, nothing written)
${catalogHelp(true)}${cacheHelp()}  -h, --help         show this help

Exit codes: 0 written, 1 invalid catalog or failure, 3 refused (the signing key
is not a usable Ed25519 private key), 64 usage error.`,
  options: { out: { type: 'string', short: 'o' }, 'sign-key': { type: 'string' }, serial: { type: 'string' }, format: { type: 'string' }, 'fail-on': { type: 'string' }, ...CATALOG_OPTIONS, ...CACHE_OPTIONS },
  async run(values, positionals, io) {
    const out = str(values.out);
    if (!out) throw new UsageError('-o/--out is required');
    const format = oneOf(values.format, DIAGNOSTIC_FORMATS, '--format', 'text');
    const failOn = oneOf(values['fail-on'], FAIL_ON, '--fail-on', 'error');
    const keyPath = str(values['sign-key']);
    const serial = serialOption(values.serial, keyPath !== undefined);
    const cache = cacheDir(values, io.cwd);
    const input = await catalogInput(values, positionals, io, { stdin: true });
    const built = await buildOutputContent(positionals, io.cwd, { ...input, ...(cache ? { cacheDir: cache } : {}) });
    for (const note of built.notes ?? []) io.stderr.write(`modelctl compile: ${note}\n`);
    const failed = !built.content || failsOn(built.diagnostics, failOn);
    if (built.diagnostics.length > 0 || failed) {
      // Diagnostics are the machine output only when compile fails; otherwise they are progress.
      const stream = failed ? io.stdout : io.stderr;
      stream.write(diagnosticFormatters[format](built.diagnostics, { sources: built.sources, color: useColor(io, stream), tool: TOOL, failOn }));
    }
    if (failed || !built.content) return EXIT.failed;
    let snapshot: Snapshot;
    if (keyPath) {
      snapshot = withVersion(materialize(built.content));
      let signed;
      try {
        signed = await signWithKeyFile(io, keyPath, snapshot, serial);
      } catch (err) {
        if (!(err instanceof SignatureRefusedError)) throw err;
        io.stderr.write(`modelctl compile: refused, nothing written: ${err.message}\n`);
        return EXIT.refused;
      }
      await writeOutput(io, out, serializeDocument(signed.snapshot, signed.signature));
    } else {
      // Unsigned: the canonical bytes are written as they are made and hashed on the way (the same bytes serializeSnapshot gives).
      const seen = new Map<string, SummaryFields>();
      const { models } = built.content;
      if (models instanceof LazyModels) models.onModel = (name, m) => seen.set(name, { status: m.status, access: m.access, sources: { length: m.sources.length } });
      // Models the cache had made: what the summary reads of each was kept with them.
      else models.summaries.forEach(([status, access, sources], i) => seen.set(models.names[i]!, { status, access, sources: { length: sources } } as SummaryFields));
      const stream = snapshotStream(built.content);
      await writeStream(io, out, stream.chunks);
      // What the summary line reads of each model, kept while they were written (the models themselves are not).
      snapshot = { ...built.content, models: Object.fromEntries(seen), version: stream.version() } as unknown as Snapshot;
    }
    io.stderr.write(`${summarizeSnapshot(snapshot)}\nwrote ${out === '-' ? 'stdout' : out}${keyPath ? ' (signed)' : ''}: ${snapshot.version}\n`);
    return EXIT.ok;
  },
};

type SummaryFields = Pick<SnapshotModel, 'status' | 'access'> & { sources: { length: number } };

/** Every model built (signing needs the whole snapshot). */
function materialize(content: StreamContent | CachedModelsContent): Omit<Snapshot, 'version'> {
  return { ...content, models: Object.fromEntries(content.models.names.map((n) => [n, content.models.get(n)])) };
}

/** Pieces to a file (the durable writer) or to stdout, waiting for a pipe to drain rather than queueing the whole text. */
async function writeStream(io: CliIO, out: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  if (out !== '-') return writeFileDurable(resolve(io.cwd, out), chunks);
  const stdout = io.stdout as CliIO['stdout'] & Partial<NodeJS.EventEmitter>;
  // A piece of bytes ends where a model's JSON ends: it decodes whole.
  for (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
    if (stdout.write(text) === false && typeof stdout.once === 'function') await once(stdout as NodeJS.EventEmitter, 'drain');
  }
}
