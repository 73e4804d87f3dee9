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
  {
    name: 'symlinks are followed: a ConfigMap mount (file -> ..data/file, ..data -> ..timestamp)',
    files: { 'catalog/..2026_12_01/group.yaml': GROUP + 'colour: blue\n' },
    symlinks: { 'catalog/..data': '..2026_12_01', 'catalog/group.yaml': '..data/group.yaml' },
    paths: ['catalog'],
    expect: [{ code: 'unknown-field', file: 'catalog/group.yaml', line: 4, column: 1 }],
  },
  {
    name: 'symlink-loop: each link back to an ancestor is reported once, the rest is read',
    files: { 'catalog/group.yaml': GROUP + 'colour: blue\n' },
    symlinks: { 'catalog/nested/loop': '..', 'catalog/self': '.' },
    paths: ['catalog'],
    expect: [
      { code: 'symlink-loop', file: 'catalog/nested/loop', line: 1, column: 1, severity: 'warning' },
      { code: 'symlink-loop', file: 'catalog/self', line: 1, column: 1, severity: 'warning' },
      { code: 'unknown-field', file: 'catalog/group.yaml', line: 4, column: 1 },
    ],
  },
  {
    name: 'symlink-loop near miss: two links to one file read it once (no duplicate-name)',
    absent: 'symlink-loop',
    files: { 'real/group.yaml': GROUP },
    symlinks: { 'catalog/a.yaml': '../real/group.yaml', 'catalog/b.yaml': '../real/group.yaml' },
    paths: ['catalog'],
    expect: [],
  },
  {
    name: 'path-not-found: a YAML link to nothing',
    files: { 'catalog/group.yaml': GROUP },
    symlinks: { 'catalog/gone.yaml': 'missing.yaml' },
    paths: ['catalog'],
    expect: [{ code: 'path-not-found', file: 'catalog/gone.yaml', line: 1, column: 1 }],
  },
  {
    name: 'UTF-16 with a byte-order mark is decoded (positions as in the text)',
    files: { 'wide.yaml': new Uint8Array([0xff, 0xfe, ...Buffer.from(GROUP + 'colour: blue\n', 'utf16le')]) },
    expect: [{ code: 'unknown-field', file: 'wide.yaml', line: 4, column: 1 }],
  },
  {
    name: 'file-not-utf8: UTF-16 without a byte-order mark says so',
    files: { 'wide.yaml': new Uint8Array(Buffer.from(GROUP, 'utf16le')) },
    expect: [{ code: 'file-not-utf8', file: 'wide.yaml', line: 1, column: 1 }],
  },
];
