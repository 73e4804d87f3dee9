import { describe, expect, it } from 'vitest';
import { decodeSource, parseSource } from '../../src/load/index.js';
import { validateDocuments } from '../../src/validate/index.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('decodeSource', () => {
  it('reads CR-only line endings as lines, keeping every offset', () => {
    const text = 'apiVersion: modelctl/v1\rkind: Group\rname: eng\rcolour: blue\r';
    const decoded = decodeSource('g.yaml', bytes(text));
    if ('code' in decoded) throw new Error(decoded.message);
    expect(decoded.text.length).toBe(text.length);
    const parsed = parseSource(decoded);
    expect(parsed.documents).toHaveLength(1);
    const { diagnostics } = validateDocuments(parsed.documents);
    // The unknown field is found on its own line 4, not swallowed as one long comment line.
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['unknown-field', 4, 1]]);
  });

  it('leaves CRLF alone and strips a BOM', () => {
    const decoded = decodeSource('g.yaml', bytes('\ufeffa: 1\r\nb: 2\r\n'));
    expect(decoded).toEqual({ file: 'g.yaml', text: 'a: 1\r\nb: 2\r\n' });
  });
});
