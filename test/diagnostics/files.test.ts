// File-system codes: rows written to a temp dir (fs.mkdtemp under os.tmpdir())
// and read back through readCatalogFiles, then the same pure stages.
import { describe, expect, it } from 'vitest';
import { decodeSource, MAX_FILE_BYTES } from '../../src/load/index.js';
import { fileRows } from './rows/index.js';
import { runRows } from './run-rows.js';

describe('file-system codes (through readCatalogFiles)', () => runRows(fileRows, 'disk'));

describe('decodeSource (the pure half of reading)', () => {
  it('rejects an oversized buffer, binary, and non-UTF-8 by code', () => {
    const code = (bytes: Uint8Array) => {
      const r = decodeSource('x.yaml', bytes);
      return 'code' in r ? r.code : 'ok';
    };
    expect(code(new Uint8Array(MAX_FILE_BYTES + 1))).toBe('file-too-large');
    expect(code(new Uint8Array([0x6b, 0x00]))).toBe('file-binary');
    expect(code(new Uint8Array([0x6b, 0xff]))).toBe('file-not-utf8');
    expect(code(new TextEncoder().encode('k: v\n'))).toBe('ok');
  });
});
