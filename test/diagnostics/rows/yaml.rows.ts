// YAML-level problems: syntax, duplicate keys, alias bombs, empty files and
// documents that are not mappings.
import type { Row } from '../harness.js';
import { y } from '../harness.js';

/** Nine levels of nine aliases each: 9^9 (≈387 million) nodes if expanded. */
export function billionLaughs(): string {
  const names = 'abcdefghi'.split('');
  const lines = [`${names[0]}: &${names[0]} [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1]!;
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}

export const yamlRows: Row[] = [
  {
    name: 'yaml-syntax: a key indented less than its siblings',
    files: {
      'settings.yaml': y`
        apiVersion: modelctl/v1
        kind: Settings
        defaults:
            availability: all
          pricing: {}
      `,
    },
    expect: [{ code: 'yaml-syntax', file: 'settings.yaml', line: 5, column: 1 }],
  },
  {
    name: 'yaml-syntax: tab indentation, with a hint',
    files: { 'group.yaml': 'apiVersion: modelctl/v1\nkind: Group\nname: eng\naliases:\n\t- Engineering\n' },
    expect: [{ code: 'yaml-syntax', file: 'group.yaml', line: 5, column: 1, hint: 'tabs' }],
  },
  {
    name: 'yaml-syntax: unclosed quote is reported where the quote opens',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: "eng
        description: engineers
        aliases: [Engineering]
      `,
    },
    expect: [{ code: 'yaml-syntax', file: 'group.yaml', line: 3, column: 7 }],
  },
  {
    name: 'yaml-syntax: an alias to an anchor that does not exist',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        description: *nope
      `,
    },
    expect: [{ code: 'yaml-syntax', file: 'group.yaml', line: 4, column: 14 }],
  },
  {
    name: 'yaml-syntax: a broken document does not hide the other documents of the file',
    files: {
      'groups.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        name: engineering
        ---
        apiVersion: modelctl/v1
        kind: Group
        name: data
        descripton: x
      `,
    },
    expect: [
      { code: 'yaml-duplicate-key', file: 'groups.yaml', line: 4, column: 1 },
      { code: 'unknown-field', file: 'groups.yaml', line: 9, column: 1, hint: 'description' },
    ],
  },
  {
    name: 'yaml-duplicate-key: reported at the second key',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        name: data
      `,
    },
    expect: [{ code: 'yaml-duplicate-key', file: 'group.yaml', line: 4, column: 1 }],
  },
  {
    name: 'yaml-duplicate-key: nested mapping',
    files: {
      'settings.yaml': y`
        apiVersion: modelctl/v1
        kind: Settings
        defaults:
          availability: all
          availability: none
      `,
    },
    expect: [{ code: 'yaml-duplicate-key', file: 'settings.yaml', line: 5, column: 3 }],
  },
  {
    name: 'yaml-alias-limit: billion laughs',
    files: { 'bomb.yaml': billionLaughs() },
    expect: [{ code: 'yaml-alias-limit', file: 'bomb.yaml', line: 1, column: 1 }],
  },
  {
    name: 'yaml-alias-limit near miss: a few honest anchors and aliases are fine',
    absent: 'yaml-alias-limit',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        description: &d Engineering
        aliases: [*d, eng-team]
      `,
    },
    expect: [],
  },
  {
    name: 'file-empty: an empty file is a warning',
    files: { 'empty.yaml': '' },
    expect: [{ code: 'file-empty', file: 'empty.yaml', line: 1, column: 1, severity: 'warning' }],
  },
  {
    name: 'file-empty: a file with only comments is a warning',
    files: { 'todo.yaml': '# models go here\n# (none yet)\n' },
    expect: [{ code: 'file-empty', file: 'todo.yaml', line: 1, column: 1, severity: 'warning' }],
  },
  {
    name: 'file-empty: a file with only a document separator',
    files: { 'sep.yaml': '---\n' },
    expect: [{ code: 'file-empty', file: 'sep.yaml', line: 1, column: 1, severity: 'warning' }],
  },
  {
    name: 'document-not-object near miss: a trailing `---` after the last document is not a document',
    absent: 'document-not-object',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        ---
      `,
    },
    expect: [],
  },
  {
    name: 'document-not-object near miss: a leading `---` is fine',
    absent: 'document-not-object',
    files: {
      'group.yaml': y`
        ---
        apiVersion: modelctl/v1
        kind: Group
        name: eng
      `,
    },
    expect: [],
  },
  {
    name: 'document-not-object: a list and a scalar',
    files: {
      'list.yaml': y`
        - apiVersion: modelctl/v1
          kind: Group
          name: eng
      `,
      'scalar.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        ---
        just some text
      `,
    },
    expect: [
      { code: 'document-not-object', file: 'list.yaml', line: 1, column: 1 },
      { code: 'document-not-object', file: 'scalar.yaml', line: 5, column: 1 },
    ],
  },
  {
    name: 'yaml-warning: an unresolved tag is a located warning, not a line on stderr',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        description: !note Engineering
      `,
    },
    expect: [{ code: 'yaml-warning', file: 'group.yaml', line: 4, column: 14, severity: 'warning' }],
  },
];
