// Document shape and JSON Schema problems: header (apiVersion, kind), unknown
// fields at the key, wrong types and bad values at the value, missing fields at
// the key of the object that lacks them.
import type { Row } from '../harness.js';
import { y } from '../harness.js';
import { PROVIDERS } from '../fixtures.js';

export const schemaRows: Row[] = [
  {
    name: 'api-version-missing and kind-missing: both reported at the first key',
    files: { 'thing.yaml': 'name: eng\n' },
    expect: [
      { code: 'api-version-missing', file: 'thing.yaml', line: 1, column: 1, hint: 'modelctl/v1' },
      { code: 'kind-missing', file: 'thing.yaml', line: 1, column: 1 },
    ],
  },
  {
    name: 'api-version-missing: reported once, not again as a missing required field',
    files: {
      'group.yaml': y`
        kind: Group
        name: eng
      `,
    },
    expect: [{ code: 'api-version-missing', file: 'group.yaml', line: 1, column: 1 }],
  },
  {
    name: 'api-version-unknown: at the value',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v2
        kind: Group
        name: eng
      `,
    },
    expect: [{ code: 'api-version-unknown', file: 'group.yaml', line: 1, column: 13 }],
  },
  {
    name: 'kind-unknown: at the value, with did-you-mean',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: group
        name: eng
      `,
    },
    expect: [{ code: 'kind-unknown', file: 'group.yaml', line: 2, column: 7, hint: 'Group' }],
  },
  {
    name: 'kind-unknown: not a string',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: [Group]
        name: eng
      `,
    },
    expect: [{ code: 'kind-unknown', file: 'group.yaml', line: 2, column: 7 }],
  },
  {
    name: 'unknown-field: at the key, did-you-mean contextLimit',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        contextLenght: 200000
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'unknown-field', file: 'model.yaml', line: 5, column: 1, hint: 'contextLimit' }],
  },
  {
    name: 'unknown-field: nested, at the nested key',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        parameters:
          temprature: 0.2
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'unknown-field', file: 'model.yaml', line: 6, column: 3, hint: 'temperature' }],
  },
  {
    name: 'unknown-field: CRLF line endings keep positions',
    files: { 'group.yaml': 'apiVersion: modelctl/v1\r\nkind: Group\r\nname: eng\r\ndescripton: x\r\n' },
    expect: [{ code: 'unknown-field', file: 'group.yaml', line: 4, column: 1, hint: 'description' }],
  },
  {
    name: 'wrong-type: at the value',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        contextLimit: lots
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'wrong-type', file: 'model.yaml', line: 5, column: 15 }],
  },
  {
    name: 'wrong-type: inside a list item',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
            weight: heavy
      `,
    },
    expect: [{ code: 'wrong-type', file: 'model.yaml', line: 8, column: 13 }],
  },
  {
    name: 'missing-field: top level, at the first key of the document',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
      `,
    },
    expect: [{ code: 'missing-field', file: 'provider.yaml', line: 1, column: 1 }],
  },
  {
    name: 'missing-field: nested, at the key of the object that lacks it',
    files: {
      'collection.yaml': y`
        apiVersion: modelctl/v1
        kind: Collection
        name: new-models
        models: [sonnet]
        availability: {}
      `,
    },
    expect: [
      { code: 'missing-field', file: 'collection.yaml', line: 5, column: 1 },
      // compile still runs on what validated; this collection did not, so nothing else.
    ],
  },
  {
    name: 'missing-field: a list item without its required field, at the item',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        sources:
          - provider: anthropic
      `,
    },
    expect: [{ code: 'missing-field', file: 'model.yaml', line: 6, column: 5 }],
  },
  {
    name: 'missing-field and unknown-field: a misspelt credential reference',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          default: { evn: ANTHROPIC_API_KEY }
      `,
    },
    expect: [
      { code: 'missing-field', file: 'provider.yaml', line: 6, column: 3 },
      { code: 'unknown-field', file: 'provider.yaml', line: 6, column: 14, hint: 'env' },
    ],
  },
  {
    name: 'missing-field: azure-openai needs baseUrl (conditional schema)',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: azure
        type: azure-openai
        credentials:
          default: { env: AZURE_OPENAI_KEY }
      `,
    },
    expect: [{ code: 'missing-field', file: 'provider.yaml', line: 1, column: 1 }],
  },
  {
    name: 'invalid-value: enum, at the value, with did-you-mean',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        purpose: chatt
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'invalid-value', file: 'model.yaml', line: 5, column: 10, hint: 'chat' }],
  },
  {
    name: 'invalid-value: name pattern',
    files: {
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: Eng Team
      `,
    },
    expect: [{ code: 'invalid-value', file: 'group.yaml', line: 3, column: 7 }],
  },
  {
    name: 'invalid-value: availability that is neither all/none nor { groups }',
    files: {
      'collection.yaml': y`
        apiVersion: modelctl/v1
        kind: Collection
        name: new-models
        models: [sonnet]
        availability: everyone
      `,
    },
    expect: [{ code: 'invalid-value', file: 'collection.yaml', line: 5, column: 15 }],
  },
  {
    name: 'invalid-value: out of range',
    files: {
      'settings.yaml': y`
        apiVersion: modelctl/v1
        kind: Settings
        circuitBreaker:
          failureThreshold: 0
      `,
    },
    expect: [{ code: 'invalid-value', file: 'settings.yaml', line: 4, column: 21 }],
  },
  {
    name: 'schema near miss: every optional field spelt right is valid',
    absent: 'unknown-field',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        displayName: { en: Sonnet }
        description: Balanced.
        purpose: chat
        status: active
        access: public
        order: 10
        availability: all
        capabilities: [text, tools]
        systemPrompt: Be brief.
        contextLimit: 200000
        compressionThreshold: 80
        maxOutputTokens: 16000
        parameters: { temperature: 0.2, topP: 0.9 }
        pricing: { input: 3, output: 15 }
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
            priority: 0
            weight: 100
      `,
    },
    expect: [],
  },
  {
    name: 'document-not-object near miss: a BOM before the first key is not content',
    absent: 'document-not-object',
    files: { 'group.yaml': '\ufeffapiVersion: modelctl/v1\nkind: Group\nname: eng\n' },
    expect: [],
  },
];
