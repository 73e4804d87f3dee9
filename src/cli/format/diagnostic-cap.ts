// Capping shared by every diagnostic format: sorted, at most MAX_PER_FILE per
// file and MAX_PER_FILE_AND_CODE per (file, code), the rest counted. Also the
// one escape that keeps a file name on one output line.
import { sortDiagnostics, type Diagnostic } from '../../diagnostics/types.js';

/** At most this many diagnostics of one code in one file are printed; the rest are counted. */
export const MAX_PER_FILE_AND_CODE = 50;
/** At most this many diagnostics per file are printed. */
export const MAX_PER_FILE = 200;

/** A file name as one printable line: a newline in a name must not forge an output line. */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

export interface Omitted {
  file: string;
  code: string;
  count: number;
}

/** Sorted diagnostics, capped per file and per (file, code); what was left out is counted. */
export function capDiagnostics(diagnostics: readonly Diagnostic[]): { shown: Diagnostic[]; omitted: Omitted[] } {
  const shown: Diagnostic[] = [];
  const perFile = new Map<string, number>();
  const perCode = new Map<string, number>();
  const omitted = new Map<string, Omitted>();
  for (const d of sortDiagnostics(diagnostics)) {
    const key = `${d.file}\u0000${d.code}`;
    const inFile = perFile.get(d.file) ?? 0;
    const ofCode = perCode.get(key) ?? 0;
    if (inFile < MAX_PER_FILE && ofCode < MAX_PER_FILE_AND_CODE) {
      shown.push(d);
      perFile.set(d.file, inFile + 1);
      perCode.set(key, ofCode + 1);
    } else {
      const o = omitted.get(key) ?? { file: d.file, code: d.code, count: 0 };
      o.count++;
      omitted.set(key, o);
    }
  }
  return { shown, omitted: [...omitted.values()] };
}

