// Shared machinery for the table-driven diagnostic tests: the row shape, a
// `y` tag that lets rows hold readable YAML with predictable line numbers, the
// pure pipeline (parse → validate → compile, or parse → buildRegistry) and the
// IO pipeline (temp dir → readCatalogFiles → the same pure stages).
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import type { Diagnostic, DiagnosticCode, Severity } from '../../src/diagnostics/types.js';
import { parseSources, readCatalogFiles } from '../../src/load/index.js';
import { validateDocuments } from '../../src/validate/index.js';
import { buildRegistry, compile } from '../../src/compile/index.js';
import { loadRegistry } from '../../src/pipeline.js';

export interface ExpectedDiagnostic {
  code: DiagnosticCode;
  file: string;
  line: number;
  column: number;
  severity?: Severity;
  /** A substring the hint must contain (hints are for humans; only key words are pinned). */
  hint?: string;
  /** Where `related` must point, in order. */
  related?: { file: string; line: number; column: number }[];
}

export interface Row {
  name: string;
  /** path → YAML text (or raw bytes, for the file-system rows). */
  files: Record<string, string | Uint8Array>;
  /**
   * Every diagnostic the input produces, compared as a set on (code, file,
   * line, column): an extra or a missing diagnostic fails the row.
   */
  expect: ExpectedDiagnostic[];
  /** A near-miss row names the code it must NOT produce. */
  absent?: DiagnosticCode;
  /** 'registry' runs the files through buildRegistry instead of the catalog stages. */
  stage?: 'catalog' | 'registry';
  /** File-system rows: the paths given to readCatalogFiles (default ['.']). */
  paths?: string[];
  /** File-system rows: symbolic links to create, link path → target (as written into the link). */
  symlinks?: Record<string, string>;
  /** A known bug in src/: the row states the contract and runs as it.fails until fixed. */
  bug?: string;
}

/**
 * Template tag for YAML in rows: drops the first newline and the common
 * indentation, so line 1 of the file is the first line inside the backticks.
 */
export function y(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ ]*$/, '\n').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

function asSources(files: Row['files']): { file: string; text: string }[] {
  return Object.entries(files).map(([file, text]) => {
    if (typeof text !== 'string') throw new Error(`pure row file ${file} must be text`);
    return { file, text };
  });
}

/** parse → validate → compile with the real built-in registry, like buildSnapshot but without disk. */
export async function diagnosePure(files: Row['files'], stage: Row['stage'] = 'catalog'): Promise<Diagnostic[]> {
  const parsed = parseSources(asSources(files));
  if (stage === 'registry') return [...parsed.diagnostics, ...buildRegistry(parsed.documents).diagnostics];
  const validated = validateDocuments(parsed.documents);
  const { registry } = await loadRegistry();
  const compiled = compile(validated.resources, registry);
  return [...parsed.diagnostics, ...validated.diagnostics, ...compiled.diagnostics];
}

/** Writes the row's files under a fresh temp dir and runs the whole front half from disk. */
export async function diagnoseOnDisk(row: Row): Promise<Diagnostic[]> {
  const dir = await mkdtemp(join(tmpdir(), 'modelctl-diag-'));
  try {
    for (const [file, content] of Object.entries(row.files)) {
      const path = join(dir, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
    for (const [link, target] of Object.entries(row.symlinks ?? {})) {
      await mkdir(dirname(join(dir, link)), { recursive: true });
      await symlink(target, join(dir, link));
    }
    const read = await readCatalogFiles(row.paths ?? ['.'], dir);
    const rest = await diagnosePure(Object.fromEntries(read.sources.map((s) => [s.file, s.text])), row.stage);
    return [...read.diagnostics, ...rest];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const key = (d: { code: string; file: string; line: number; column: number }): string => `${d.code} ${d.file}:${d.line}:${d.column}`;

/** Asserts the produced diagnostics against a row: positions as a set, then hint/related/severity. */
export function assertRow(row: Row, diagnostics: readonly Diagnostic[]): void {
  expect(diagnostics.map(key).sort(), row.name).toEqual(row.expect.map(key).sort());
  for (const want of row.expect) {
    const got = diagnostics.find((d) => key(d) === key(want))!;
    if (want.severity) expect(got.severity, `${row.name}: severity of ${key(want)}`).toBe(want.severity);
    if (want.hint) expect(got.hint ?? '', `${row.name}: hint of ${key(want)}`).toContain(want.hint);
    if (want.related) expect((got.related ?? []).map((r) => ({ file: r.file, line: r.line, column: r.column })), `${row.name}: related of ${key(want)}`).toEqual(want.related);
  }
  if (row.absent) expect(diagnostics.map((d) => d.code), row.name).not.toContain(row.absent);
  // Every diagnostic is well-formed, whatever the row is about.
  for (const d of diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.endLine * 1e6 + d.endColumn).toBeGreaterThanOrEqual(d.line * 1e6 + d.column);
    expect(typeof d.pointer).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
  }
}
