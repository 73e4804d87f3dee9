// `modelctl schema`: the catalog's JSON Schemas for editors, for people
// without node_modules/modelctl/schema. --out DIR writes the file set with
// its relative $refs intact; without it, one self-contained bundle goes to
// stdout. Both come from src/generated/schemas (the same schemas validate
// uses), never from files next to the binary.
import { lstat, mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { schemas, SCHEMA_BASE } from '../../generated/schemas.js';
import { assertWritableTarget, UnsafePathError, writeFileDurable } from '../../io/durable-write.js';
import { str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../io.js';

type Json = unknown;
type SchemaFile = keyof typeof schemas;

/** The schema every catalog document is checked against: the entry point of the set. */
export const CATALOG_SCHEMA = 'catalog.schema.json';
/** The bundle's own $id: not the set's, so both can live in one ajv instance. */
export const BUNDLE_ID = `${SCHEMA_BASE}catalog.bundle.schema.json`;

function isSchemaFile(name: string): name is SchemaFile {
  return Object.prototype.hasOwnProperty.call(schemas, name);
}

/** Calls `visit` with every string $ref in `node`, and replaces it with what visit returns. */
function mapRefs(node: Json, visit: (ref: string) => string): Json {
  if (Array.isArray(node)) return node.map((n) => mapRefs(n, visit));
  if (node && typeof node === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' ? visit(v) : mapRefs(v, visit);
    return out;
  }
  return node;
}

/** A $ref in `from`, resolved: the schema file it names (under schema/) and its JSON pointer fragment. */
function target(from: string, ref: string): { file: SchemaFile; pointer: string } {
  const url = new URL(ref, SCHEMA_BASE + from);
  const base = new URL(SCHEMA_BASE);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) throw new Error(`${from}: $ref '${ref}' leaves the schema set`);
  const file = decodeURIComponent(url.pathname.slice(base.pathname.length));
  if (!isSchemaFile(file)) throw new Error(`${from}: $ref '${ref}' names ${file}, which is not in schema/`);
  return { file, pointer: decodeURIComponent(url.hash.slice(1)) };
}

/** Every schema file catalog.schema.json needs, itself first, then in sorted order. */
export function catalogSchemaFiles(): SchemaFile[] {
  const seen = new Set<SchemaFile>([CATALOG_SCHEMA]);
  const queue: SchemaFile[] = [CATALOG_SCHEMA];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const from = file;
    mapRefs(schemas[from], (ref) => {
      const { file: next } = target(from, ref);
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
      return ref;
    });
  }
  const [first, ...rest] = [...seen];
  return [first!, ...rest.sort()];
}

/** The set as files: path under the output directory → text. */
export function catalogSchemaSet(): Map<string, string> {
  return new Map(catalogSchemaFiles().map((f) => [f, `${JSON.stringify(schemas[f], null, 2)}\n`]));
}

/** 'provider-options/openai.schema.json' → 'provider-options.openai': a definitions key without '/' or '~'. */
function definitionKey(file: string): string {
  return file.replace(/\.schema\.json$/, '').split('/').join('.');
}

/**
 * catalog.schema.json with every schema it needs under `definitions` and every
 * $ref rewritten to a local pointer (`#/definitions/common/definitions/name`),
 * so it works from any path, in any draft-07 tool, with no $id resolution.
 */
export function bundleCatalogSchema(): Record<string, Json> {
  const files = catalogSchemaFiles();
  const rewrite = (from: string) => (ref: string) => {
    const { file, pointer } = target(from, ref);
    return file === CATALOG_SCHEMA ? `#${pointer}` : `#/definitions/${definitionKey(file)}${pointer}`;
  };
  const definitions: Record<string, Json> = {};
  for (const file of files.slice(1)) {
    // A nested $id would change the base its (now local) $refs resolve against: drop it.
    const { $id: _id, $schema: _draft, ...rest } = mapRefs(schemas[file], rewrite(file)) as Record<string, Json>;
    definitions[definitionKey(file)] = rest;
  }
  const root = mapRefs(schemas[CATALOG_SCHEMA], rewrite(CATALOG_SCHEMA)) as Record<string, Json>;
  if (root.definitions !== undefined) throw new Error(`${CATALOG_SCHEMA} has its own definitions: the bundle would overwrite them`);
  return { ...root, $id: BUNDLE_ID, definitions };
}

/** Writes the set under `dir`, or nothing: every target is checked before the first write. */
async function writeSet(dir: string, files: Map<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    throw new Error(err.code === 'EEXIST' || err.code === 'ENOTDIR' ? `cannot write into ${dir}: it is not a directory` : err.message);
  });
  // DIR itself may be a link to a directory (the user named it); what we create inside may not.
  if (!(await stat(dir)).isDirectory()) throw new Error(`cannot write into ${dir}: it is not a directory`);
  // Subdirectories we create ourselves must be real directories, never links to elsewhere.
  const subdirs = [...new Set([...files.keys()].map((f) => dirname(f)).filter((d) => d !== '.'))].sort();
  for (const sub of subdirs) {
    const path = join(dir, sub);
    const found = await lstat(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (found && !found.isDirectory()) throw new UnsafePathError(`refusing to write into ${path}: it is ${found.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}`);
  }
  for (const file of files.keys()) await assertWritableTarget(join(dir, file));
  for (const sub of subdirs) await mkdir(join(dir, sub), { recursive: true });
  for (const [file, text] of files) await writeFileDurable(join(dir, file), text);
}

export const schemaCommand: Command = {
  name: 'schema',
  usage: `Usage: modelctl schema [--out DIR]

Without --out, prints one self-contained JSON Schema for catalog documents
(every kind, all references inlined under definitions) to stdout:

  modelctl schema > catalog.schema.json

With --out DIR, writes ${CATALOG_SCHEMA} and every schema it references
(relative $refs intact, the same files as node_modules/modelctl/schema/) into
DIR, creating it if needed. Existing regular files there are replaced; a
symbolic link, FIFO or directory in the way is refused before anything is written.

Point your editor at the result, e.g. in .vscode/settings.json (YAML extension):

  "yaml.schemas": { "./schemas/${CATALOG_SCHEMA}": ["catalog/**/*.yaml", "catalog/**/*.yml"] }

Options:
  -o, --out DIR   write the schema files into DIR instead of printing the bundle
  -h, --help      show this help

Exit codes: 0 written, 1 could not write (nothing written when a target is refused), 64 usage error.`,
  options: { out: { type: 'string', short: 'o' } },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const out = str(values.out);
    if (out === undefined) {
      io.stdout.write(`${JSON.stringify(bundleCatalogSchema(), null, 2)}\n`);
      return EXIT.ok;
    }
    if (out === '') throw new UsageError('--out needs a directory');
    const files = catalogSchemaSet();
    await writeSet(resolve(io.cwd, out), files);
    io.stderr.write(`wrote ${files.size} schema files to ${out} (entry point: ${join(out, CATALOG_SCHEMA)})\n`);
    return EXIT.ok;
  },
};
