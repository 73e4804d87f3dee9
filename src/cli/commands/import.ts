// modelctl import litellm: a LiteLLM proxy config as a catalog directory. The
// mapping is pure (src/litellm); this file reads the config, prints the
// diagnostics and writes the files, into a directory that is new or empty so
// nothing of the user's is overwritten.
import { mkdir, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { hasErrors } from '../../diagnostics/types.js';
import { writeFileDurable } from '../../io/durable-write.js';
import { importLitellm } from '../../litellm/index.js';
import { readCatalogFiles } from '../../load/read.js';
import { loadRegistry } from '../../pipeline.js';
import { oneOf, str } from '../args.js';
import type { Command } from '../command.js';
import { TOOL } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { diagnosticFormatters } from '../format/diagnostics.js';
import { UsageError, useColor, type CliIO } from '../io.js';

const FORMATS = ['text', 'json', 'github'] as const;

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

export const importCommand: Command = {
  name: 'import',
  usage: `Usage: modelctl import litellm CONFIG.yaml [--out DIR] [--format text|json|github]

Turns a LiteLLM proxy config into a catalog directory: one Provider per distinct
type, base URL and key reference (providers/), one file per model group
(models/), Groups from model_info.access_groups, Settings from router_settings.
A model whose upstream the registry knows says extends: and writes only what
differs; every guessed value has a comment above it. os.environ/NAME becomes
{ env: NAME }; a literal api_key is an error, and is never written or printed.
Run 'modelctl validate DIR' on the result.

Options:
  --out DIR        where to write the catalog (default: catalog); must be new or empty
  --format FORMAT  how to print diagnostics: text (default), json, github
  -h, --help       show this help

Exit codes: 0 written, 1 the config cannot be imported (nothing written), 64 usage error.`,
  options: { out: { type: 'string' }, format: { type: 'string' } },
  async run(values, positionals, io: CliIO) {
    const [format, file, ...rest] = positionals;
    if (format !== 'litellm') throw new UsageError(format === undefined ? 'name what to import: litellm' : `cannot import '${format}'; formats: litellm`);
    if (file === undefined) throw new UsageError('give the LiteLLM config file: modelctl import litellm config.yaml');
    if (rest.length > 0) throw new UsageError('give one config file');
    const outFormat = oneOf(values.format, FORMATS, '--format', 'text');
    const out = str(values.out) ?? 'catalog';
    const outDir = resolve(io.cwd, out);
    if (!(await isEmptyOrAbsent(outDir))) {
      io.stderr.write(`modelctl import: ${out} exists and is not empty; give --out a new or empty directory\n`);
      return EXIT.failed;
    }
    const read = await readCatalogFiles([file], io.cwd);
    const source = read.sources[0];
    const imported = source ? importLitellm(source, (await loadRegistry()).registry) : undefined;
    const diagnostics = [...read.diagnostics, ...(imported?.diagnostics ?? [])];
    const display = imported?.display ?? new Map<string, string>();
    const failed = hasErrors(diagnostics) || !imported || imported.files.length === 0;
    if (diagnostics.length > 0 || outFormat === 'json') {
      const stream = failed || outFormat !== 'text' ? io.stdout : io.stderr;
      stream.write(diagnosticFormatters[outFormat](diagnostics, { sources: display, color: useColor(io, stream), tool: TOOL }));
    }
    if (failed) {
      io.stderr.write(`modelctl import: nothing written\n`);
      return EXIT.failed;
    }
    for (const f of imported.files) {
      const path = join(outDir, ...f.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFileDurable(path, f.text);
    }
    io.stderr.write(`wrote ${imported.files.length} files to ${out}; check them with: modelctl validate ${out}\n`);
    return EXIT.ok;
  },
};
