// File-system problems: these rows are written to a temp dir and read back
// through readCatalogFiles (files.test.ts).
import { MAX_FILE_BYTES } from '../../../src/load/index.js';
import type { Row } from '../harness.js';

const GROUP = 'apiVersion: modelctl/v1\nkind: Group\nname: eng\n';

export const fileRows: Row[] = [
  {
    name: 'path-not-found: a path that does not exist, named as given',
    files: { 'catalog/group.yaml': GROUP },
    paths: ['catalog', 'catalgo'],
    expect: [{ code: 'path-not-found', file: 'catalgo', line: 1, column: 1 }],
  },
  {
    name: 'no-yaml-files: a directory without *.yaml / *.yml',
    files: { 'docs/README.md': '# not yaml\n', 'docs/group.json': '{}' },
    paths: ['docs'],
    expect: [{ code: 'no-yaml-files', file: 'docs', line: 1, column: 1 }],
  },
  {
    name: 'no-yaml-files near miss: .yml counts, in nested folders',
    absent: 'no-yaml-files',
    files: { 'catalog/groups/eng.yml': GROUP },
    paths: ['catalog'],
    expect: [],
  },
  {
    name: 'file-too-large: over the limit, the other files still read',
    files: { 'big.yaml': new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61), 'group.yaml': GROUP.replace('eng', 'eng\ndescripton: x') },
    expect: [
      { code: 'file-too-large', file: 'big.yaml', line: 1, column: 1 },
      { code: 'unknown-field', file: 'group.yaml', line: 4, column: 1 },
    ],
  },
  {
    name: 'file-not-utf8: Latin-1 bytes',
    files: { 'latin1.yaml': new Uint8Array([...new TextEncoder().encode('apiVersion: modelctl/v1\nkind: Group\nname: eng\ndescription: caf'), 0xe9, 0x0a]) },
    expect: [{ code: 'file-not-utf8', file: 'latin1.yaml', line: 1, column: 1 }],
  },
  {
    name: 'file-not-utf8 near miss: multi-byte UTF-8 and a BOM are fine',
    absent: 'file-not-utf8',
    files: { 'zh.yaml': '\ufeffapiVersion: modelctl/v1\nkind: Group\nname: eng\ndescription: 工程师 — café\n' },
    expect: [],
  },
  {
    name: 'file-binary: NUL bytes',
    files: { 'blob.yaml': new Uint8Array([0x61, 0x3a, 0x20, 0x00, 0x01, 0x02, 0x0a]) },
    expect: [{ code: 'file-binary', file: 'blob.yaml', line: 1, column: 1 }],
  },
  {
    name: 'file-empty through the disk: a zero-byte file',
    files: { 'empty.yaml': '', 'group.yaml': GROUP },
    expect: [{ code: 'file-empty', file: 'empty.yaml', line: 1, column: 1, severity: 'warning' }],
  },
];
