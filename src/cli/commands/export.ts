// modelctl export litellm: the compiled catalog as a LiteLLM proxy config.
// The mapping is pure (src/litellm); this file reads the input, places each
// problem at its line in the catalog (or snapshot file), prints and writes.
import { resolve } from 'node:path';
import type { Snapshot } from '../../generated/types.js';
import { exportLitellm, renderLitellmConfig, type FileCredential, type NotExported } from '../../litellm/index.js';
import { parseSource } from '../../load/parse.js';
import { readFileCapped } from '../../io/read-capped.js';
import { buildSnapshot } from '../../pipeline.js';
import { catalogHelp, catalogInput, CATALOG_OPTIONS, str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticFormatters } from '../format/diagnostics.js';
import { UsageError, useColor, type CliIO } from '../io.js';
import { readSnapshotFile } from '../snapshot-file.js';
import { writeOutput } from '../write-file.js';

const FORMATS = ['litellm'] as const;

/** Where a provider's credential binding is written: file:line:column. */
type Locate = (provider: string, binding: string) => string;

interface Input {
  snapshot: Snapshot;
  locate: Locate;
}

/** --credential-env PROVIDER[:BINDING]=VAR, repeatable. */
export function credentialEnvOption(values: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of Array.isArray(values) ? values : []) {
    const m = /^([a-z0-9][a-z0-9._-]*(?::[a-z0-9][a-z0-9._-]*)?)=([A-Za-z_][A-Za-z0-9_]*)$/.exec(String(v));
    if (!m) throw new UsageError(`--credential-env takes PROVIDER[:BINDING]=ENV_VAR (e.g. openai=OPENAI_API_KEY), not '${String(v)}'`);
    out.set(m[1]!, m[2]!);
  }
  return out;
}

async function fromSnapshotFile(io: CliIO, file: string): Promise<Input | number> {
  const loaded = await readSnapshotFile(io, file, undefined);
  if (!loaded.ok) {
    io.stderr.write(`${file}: not a valid snapshot\n${loaded.errors.map((e) => `  ${e}`).join('\n')}\n`);
    return EXIT.failed;
  }
  // JSON is YAML: the same source map finds the line of a pointer in the snapshot file.
  const text = await readFileCapped(resolve(io.cwd, file));
  const doc = parseSource({ file, text }).documents[0];
  const envelope = doc && typeof doc.value === 'object' && doc.value !== null && 'snapshot' in doc.value ? '/snapshot' : '';
  const locate: Locate = (provider, binding) => {
    const pointer = `${envelope}/providers/${provider.replace(/~/g, '~0').replace(/\//g, '~1')}/credentials/${binding}`;
    const r = doc?.map.rangeOf(pointer) ?? { line: 1, column: 1 };
    return `${file}:${r.line}:${r.column}`;
  };
  return { snapshot: loaded.snapshot, locate };
}

async function fromCatalog(io: CliIO, values: Record<string, unknown>, positionals: string[]): Promise<Input | number> {
  const built = await buildSnapshot(positionals, io.cwd, await catalogInput(values as never, positionals, io, { stdin: false }));
  if (!built.snapshot) {
    io.stderr.write(diagnosticFormatters.text(built.diagnostics, { sources: built.sources, color: useColor(io, io.stderr) }));
    return EXIT.failed;
  }
  const locate: Locate = (provider, binding) => {
    const r = built.resources.find((x) => x.kind === 'Provider' && x.name === provider);
    if (!r) return provider;
    const at = r.source.map.rangeOf(`/credentials/${binding}`);
    return `${r.source.file}:${at.line}:${at.column}`;
  };
  return { snapshot: built.snapshot, locate };
}

function fileCredentialError(p: FileCredential, locate: Locate): string {
  return (
    `${locate(p.provider, p.binding)}: error: provider '${p.provider}' credential '${p.binding}' is a { file } reference; LiteLLM reads keys only from environment variables (used by ${p.usedBy.join(', ')})\n` +
    `  hint: use { env: NAME } for this provider, or map it: --credential-env ${p.provider}${p.binding === 'default' ? '' : ':' + p.binding}=NAME, and set NAME from ${p.path} in LiteLLM's environment\n`
  );
}

const noteLine = (n: NotExported, strict: boolean) => `${strict ? 'error: ' : ''}not exported: ${n.subject} ${n.field}: ${n.reason}\n`;

export const exportCommand: Command = {
  name: 'export',
  usage: `Usage: modelctl export litellm [DIR... | --snapshot FILE] [-o config.yaml] [--strict]
                       [--credential-env PROVIDER[:BINDING]=VAR]... [--exclude GLOB]...

Writes the compiled catalog as a LiteLLM proxy config: one model_list entry per
active source (grouped under the platform model's name), with the provider
prefix, api_base, key reference (os.environ/VAR), order (priority + 1), weight,
model_info (supports_* flags, token limits, per-token costs, access groups) and
router_settings from the circuit breaker. The same snapshot always gives the
same bytes, so the file can be committed and its diff reviewed.

What LiteLLM cannot express (tiers, entry points, system prompts, collections,
...) is listed on stderr as "not exported". A { file } credential is an error:
LiteLLM reads keys only from the environment.

Options:
  -o, --out FILE          where to write the config ('-' for stdout, the default)
  --snapshot FILE         export a compiled snapshot instead of catalog directories
  --strict                anything not exported is an error (exit 1, nothing written)
  --credential-env P[:B]=VAR
                          export provider P's { file } credential (binding B, or all
                          of P's) as os.environ/VAR; repeatable
${catalogHelp(false, 22)}  -h, --help              show this help

Exit codes: 0 written, 1 invalid catalog, a { file } credential, or (--strict)
something not exported, 64 usage error.`,
  options: { out: { type: 'string', short: 'o' }, snapshot: { type: 'string' }, strict: { type: 'boolean' }, 'credential-env': { type: 'string', multiple: true }, ...CATALOG_OPTIONS },
  async run(values, positionals, io) {
    const [format, ...dirs] = positionals;
    if (format === undefined) throw new UsageError(`name what to export: ${FORMATS.join(', ')}`);
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`cannot export '${format}'; formats: ${FORMATS.join(', ')}`);
    const file = str(values.snapshot);
    if (file && dirs.length > 0) throw new UsageError('give catalog directories or --snapshot FILE, not both');
    const out = str(values.out) ?? '-';
    const strict = values.strict === true;
    const credentialEnv = credentialEnvOption(values['credential-env']);
    const input = file ? await fromSnapshotFile(io, file) : await fromCatalog(io, values, dirs);
    if (typeof input === 'number') return input;
    const result = exportLitellm(input.snapshot, { credentialEnv });
    for (const n of result.notExported) io.stderr.write(noteLine(n, strict));
    for (const p of result.fileCredentials) io.stderr.write(fileCredentialError(p, input.locate));
    if (result.fileCredentials.length > 0 || (strict && result.notExported.length > 0)) {
      io.stderr.write(`modelctl export: nothing written (${result.fileCredentials.length} file credential${result.fileCredentials.length === 1 ? '' : 's'}${strict ? `, ${result.notExported.length} not exported under --strict` : ''})\n`);
      return EXIT.failed;
    }
    await writeOutput(io, out, renderLitellmConfig(result.config, input.snapshot.version));
    const groups = new Set(result.config.model_list.map((d) => d.model_name)).size;
    io.stderr.write(`wrote ${out === '-' ? 'stdout' : out}: ${result.config.model_list.length} deployments in ${groups} model groups${result.notExported.length ? `, ${result.notExported.length} item${result.notExported.length === 1 ? '' : 's'} not exported (above)` : ''}\n`);
    return EXIT.ok;
  },
};
