// Credentials are references; anything that looks like a key is an error at
// its own line. secrets.test.ts checks that the values are never echoed.
import type { Row } from '../harness.js';
import { y } from '../harness.js';
import { FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY } from '../fixtures.js';

export const secretRows: Row[] = [
  {
    name: 'secret-literal: a credential written as the key itself',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          default: ${FAKE_ANTHROPIC_KEY}
      `,
    },
    expect: [{ code: 'secret-literal', file: 'provider.yaml', line: 6, column: 12, hint: 'env' }],
  },
  {
    name: 'secret-literal: a credential that is a plain string, even without a known key shape',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: openai
        type: openai
        credentials:
          default: { env: OPENAI_API_KEY }
          batch: correct-horse-battery-staple
      `,
    },
    expect: [{ code: 'secret-literal', file: 'provider.yaml', line: 7, column: 10 }],
  },
  {
    // Reported where the secret itself starts inside the text, not at the start of the value.
    name: 'secret-literal: a key pasted into a free-text field',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: openai
        type: openai
        description: prod key is ${FAKE_OPENAI_KEY}
        credentials:
          default: { env: OPENAI_API_KEY }
      `,
    },
    expect: [{ code: 'secret-literal', file: 'provider.yaml', line: 5, column: 26 }],
  },
  {
    name: 'secret-literal: a key in a list item of another kind',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        aliases:
          - Engineering
          - ${FAKE_ANTHROPIC_KEY}
      `,
    },
    expect: [{ code: 'secret-literal', file: 'group.yaml', line: 6, column: 5 }],
  },
  {
    name: 'secret-literal: a key where an env var name belongs (and the name pattern fails too)',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          default: { env: ${FAKE_ANTHROPIC_KEY} }
      `,
    },
    expect: [
      { code: 'secret-literal', file: 'provider.yaml', line: 6, column: 19 },
      { code: 'invalid-value', file: 'provider.yaml', line: 6, column: 19 },
    ],
  },
  {
    name: 'secret-literal near miss: env and file references',
    absent: 'secret-literal',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        description: key lives in ANTHROPIC_API_KEY (sk-ant-… in the vault)
        credentials:
          default: { env: ANTHROPIC_API_KEY }
          batch: { file: /run/secrets/anthropic-batch }
      `,
    },
    expect: [],
  },
  {
    name: 'secret-literal: a reference with an unknown field holding the value',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          default: { apiKey: hunter2-not-a-pattern }
      `,
    },
    expect: [
      { code: 'secret-literal', file: 'provider.yaml', line: 6, column: 22 },
    ],
  },
  {
    name: 'secret-literal: credentials written as one value',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials: hunter2-not-a-pattern
      `,
    },
    expect: [
      { code: 'secret-literal', file: 'provider.yaml', line: 5, column: 14 },
    ],
  },
  {
    name: 'secret-literal: credentials written as a list',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials: [hunter2-not-a-pattern]
      `,
    },
    expect: [
      { code: 'secret-literal', file: 'provider.yaml', line: 5, column: 14 },
    ],
  },
  {
    name: 'secret-literal: env that is not a variable name',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          default: { env: "hunter2 not a name" }
      `,
    },
    expect: [
      { code: 'secret-literal', file: 'provider.yaml', line: 6, column: 19 },
      { code: 'invalid-value', file: 'provider.yaml', line: 6, column: 19 },
    ],
  },
  {
    name: 'secret-literal: !!binary stays the text written, and is a literal',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          default: !!binary aHVudGVyMg==
      `,
    },
    expect: [
      { code: 'secret-literal', file: 'provider.yaml', line: 6, column: 12 },
      { code: 'yaml-warning', file: 'provider.yaml', line: 6, column: 12 },
    ],
  },
  {
    name: 'secret-literal: a value starting with an alias indicator (no such anchor)',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          default: *hunter2NotAnAnchor
      `,
    },
    expect: [
      { code: 'secret-literal', file: 'provider.yaml', line: 6, column: 12 },
      { code: 'yaml-syntax', file: 'provider.yaml', line: 6, column: 12 },
    ],
  },
  {
    name: 'secret-literal: next to a YAML syntax error in the same document',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          default: hunter2-not-a-pattern
        extra: [unclosed
      `,
    },
    expect: [
      { code: 'secret-literal', file: 'provider.yaml', line: 6, column: 12 },
      { code: 'yaml-syntax', file: 'provider.yaml', line: 7, column: 16 },
    ],
  },
  {
    name: 'secret-literal: a password in a base URL',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        baseUrl: https://admin:hunter2pass@proxy.example.com/v1
        credentials:
          default: { env: ANTHROPIC_API_KEY }
      `,
    },
    expect: [
      { code: 'secret-literal', file: 'provider.yaml', line: 5, column: 24 },
    ],
  },
  {
    name: 'secret-literal: read from the text when an unclosed quote above swallows the document',
    files: {
      'provider.yaml': y`
        description: "unclosed
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          default: hunter2-not-a-pattern
      `,
    },
    expect: [
      { code: 'yaml-syntax', file: 'provider.yaml', line: 1, column: 14 },
      { code: 'secret-literal', file: 'provider.yaml', line: 7, column: 3 },
    ],
  },
];
