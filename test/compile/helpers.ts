// Shared by test/compile and test/robustness: the example catalogs, a seeded
// PRNG, the pure pipeline (parse → validate → compile) and in-memory CLI streams.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasErrors, type Diagnostic } from '../../src/diagnostics/types.js';
import { parseSources, readCatalogFiles, type SourceFile } from '../../src/load/index.js';
import { validateDocuments } from '../../src/validate/index.js';
import { compile, type Registry } from '../../src/compile/index.js';
import type { Snapshot } from '../../src/generated/types.js';
import type { CliIO } from '../../src/cli/io.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every folder under examples/, sorted. */
export const EXAMPLES: string[] = readdirSync(new URL('../../examples/', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** The YAML files of one example, named as the CLI names them from the repo root. */
export async function readExample(name: string): Promise<SourceFile[]> {
  const read = await readCatalogFiles([`examples/${name}`], ROOT);
  if (read.diagnostics.length > 0) throw new Error(`examples/${name}: ${read.diagnostics.map((d) => d.message).join('; ')}`);
  return read.sources;
}

export { mulberry32 } from '../support/random.js';

export type Rng = () => number;
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface PureResult {
  /** Every diagnostic, from every stage. */
  diagnostics: Diagnostic[];
  /** What compile() returned, whatever the earlier stages said. */
  compiled?: Snapshot;
  /** What buildSnapshot would hand out: a snapshot only when there is no error at all. */
  snapshot?: Snapshot;
}

/** parseSources → validateDocuments → compile: the pure front half of buildSnapshot. */
export function runPure(sources: readonly SourceFile[], registry: Registry, earlier: readonly Diagnostic[] = []): PureResult {
  const parsed = parseSources(sources);
  const validated = validateDocuments(parsed.documents);
  const compiled = compile(validated.resources, registry);
  const diagnostics = [...earlier, ...parsed.diagnostics, ...validated.diagnostics, ...compiled.diagnostics];
  return {
    diagnostics,
    ...(compiled.snapshot ? { compiled: compiled.snapshot } : {}),
    ...(compiled.snapshot && !hasErrors(diagnostics) ? { snapshot: compiled.snapshot } : {}),
  };
}

/** CLI streams captured in memory. */
export function captureIO(cwd: string, env: Record<string, string | undefined> = {}): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env,
    cwd,
    out: () => out,
    err: () => err,
  };
}

/** Splits a YAML file into its documents at `---` lines (the examples use no other markers). */
export function splitDocuments(text: string): string[] {
  return text
    .split(/^---[ \t]*\r?$\n?/m)
    .filter((chunk) => /^(?!\s*#)\s*\S/m.test(chunk));
}
