// Compile rules about names and references: each code once triggered, once
// narrowly missed by a valid catalog.
import type { Row } from '../harness.js';
import { y } from '../harness.js';
import { GENERAL_EPG, GROUPS, PROVIDERS, SONNET } from '../fixtures.js';

const SETTINGS_DEFAULT_SONNET = y`
  apiVersion: modelctl/v1
  kind: Settings
  defaultModel: sonnet
`;

export const referenceRows: Row[] = [
  {
    name: 'duplicate-name: at the second name, related to the first (across files)',
    files: {
      'providers.yaml': PROVIDERS,
      'a.yaml': SONNET,
      'b.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        sources:
          - provider: openai
            model: gpt-5
      `,
    },
    expect: [{ code: 'duplicate-name', file: 'b.yaml', line: 3, column: 7, related: [{ file: 'a.yaml', line: 3, column: 7 }] }],
  },
  {
    name: 'duplicate-name: second document of the same file',
    files: {
      'groups.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        ---
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        description: again
      `,
    },
    expect: [{ code: 'duplicate-name', file: 'groups.yaml', line: 7, column: 7, related: [{ file: 'groups.yaml', line: 3, column: 7 }] }],
  },
  {
    name: 'duplicate-name near miss: the same name in two kinds',
    absent: 'duplicate-name',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'group.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: sonnet
      `,
    },
    expect: [],
  },
  {
    name: 'multiple-settings: at the second Settings kind, related to the first',
    files: {
      'settings.yaml': y`
        apiVersion: modelctl/v1
        kind: Settings
        locales: [en]
      `,
      'more-settings.yaml': y`
        apiVersion: modelctl/v1
        kind: Settings
        globalSystemPrompt: hi
      `,
    },
    expect: [{ code: 'multiple-settings', file: 'more-settings.yaml', line: 2, column: 7, related: [{ file: 'settings.yaml', line: 2, column: 7 }] }],
  },
  {
    name: 'multiple-settings near miss: one Settings',
    absent: 'multiple-settings',
    files: { 'settings.yaml': 'apiVersion: modelctl/v1\nkind: Settings\nlocales: [en]\n' },
    expect: [],
  },
  {
    name: 'unknown-provider: at the provider: line, with did-you-mean',
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
          - provider: antropic
            model: claude-sonnet-4-5
            priority: 1
      `,
    },
    expect: [{ code: 'unknown-provider', file: 'model.yaml', line: 8, column: 15, hint: 'anthropic' }],
  },
  {
    name: 'unknown-provider near miss: every provider defined',
    absent: 'unknown-provider',
    files: { 'providers.yaml': PROVIDERS, 'model.yaml': SONNET },
    expect: [],
  },
  {
    name: 'unknown-binding: at binding:',
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
            binding: bulk
      `,
    },
    expect: [{ code: 'unknown-binding', file: 'model.yaml', line: 8, column: 14, hint: 'batch' }],
  },
  {
    name: 'unknown-binding: no binding given and the provider has no default, at provider:',
    files: {
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          batch: { env: ANTHROPIC_BATCH_KEY }
      `,
      'model.yaml': SONNET,
    },
    expect: [{ code: 'unknown-binding', file: 'model.yaml', line: 6, column: 15 }],
  },
  {
    name: 'unknown-binding near miss: a non-default binding the provider has',
    absent: 'unknown-binding',
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
            binding: batch
      `,
    },
    expect: [],
  },
  {
    name: 'unknown-model: in a tier and a collection, at the list item',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'epg.yaml': GENERAL_EPG,
      'tier.yaml': y`
        apiVersion: modelctl/v1
        kind: Tier
        name: auto
        entryPointGroup: general
        models: [sonnet, sonet]
      `,
      'collection.yaml': y`
        apiVersion: modelctl/v1
        kind: Collection
        name: new-models
        models:
          - gpt-6
      `,
    },
    expect: [
      { code: 'unknown-model', file: 'tier.yaml', line: 5, column: 18, hint: 'sonnet' },
      { code: 'unknown-model', file: 'collection.yaml', line: 5, column: 5 },
    ],
  },
  {
    name: 'unknown-model near miss: tier of defined models',
    absent: 'unknown-model',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'epg.yaml': GENERAL_EPG,
      'tier.yaml': 'apiVersion: modelctl/v1\nkind: Tier\nname: auto\nentryPointGroup: general\nmodels: [sonnet]\n',
    },
    expect: [],
  },
  {
    name: 'unknown-group: in a model availability and in Settings defaults',
    files: {
      'providers.yaml': PROVIDERS,
      'groups.yaml': GROUPS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        availability: { groups: [eng, engineering] }
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
      'settings.yaml': y`
        apiVersion: modelctl/v1
        kind: Settings
        defaults:
          availability:
            groups:
              - dta
      `,
    },
    expect: [
      { code: 'unknown-group', file: 'model.yaml', line: 5, column: 31 },
      { code: 'unknown-group', file: 'settings.yaml', line: 6, column: 9, hint: 'data' },
    ],
  },
  {
    name: 'unknown-group near miss: only declared groups',
    absent: 'unknown-group',
    files: {
      'providers.yaml': PROVIDERS,
      'groups.yaml': GROUPS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        availability: { groups: [eng, data] }
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [],
  },
  {
    name: 'unknown-native-tool: at the list item',
    files: {
      'providers.yaml': PROVIDERS,
      'tools.yaml': 'apiVersion: modelctl/v1\nkind: NativeTool\nname: web-search\n',
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text, tools]
        nativeTools: [web-search, web-serach]
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'unknown-native-tool', file: 'model.yaml', line: 5, column: 27, hint: 'web-search' }],
  },
  {
    name: 'unknown-native-tool near miss: the tool is defined',
    absent: 'unknown-native-tool',
    files: {
      'providers.yaml': PROVIDERS,
      'tools.yaml': 'apiVersion: modelctl/v1\nkind: NativeTool\nname: web-search\n',
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text, tools]
        nativeTools: [web-search]
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [],
  },
  {
    name: 'unknown-entry-point-group: at the value, and the real group then has no tier',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'epg.yaml': GENERAL_EPG,
      'tier.yaml': y`
        apiVersion: modelctl/v1
        kind: Tier
        name: auto
        entryPointGroup: genral
        models: [sonnet]
      `,
    },
    expect: [
      { code: 'unknown-entry-point-group', file: 'tier.yaml', line: 4, column: 18, hint: 'general' },
      { code: 'entry-point-group-without-tier', file: 'epg.yaml', line: 3, column: 7, severity: 'warning' },
    ],
  },
  {
    name: 'unknown-entry-point-group near miss: the group exists',
    absent: 'unknown-entry-point-group',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'epg.yaml': GENERAL_EPG,
      'tier.yaml': 'apiVersion: modelctl/v1\nkind: Tier\nname: auto\nentryPointGroup: general\nmodels: [sonnet]\n',
    },
    expect: [],
  },
  {
    name: 'unknown-extends: a registry model that does not exist',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        extends: anthropic/claude-sonet-4-5
        capabilities: [text]
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'unknown-extends', file: 'model.yaml', line: 4, column: 10, hint: 'anthropic/claude-sonnet-4-5' }],
  },
  {
    name: 'unknown-extends near miss: a real registry model (and its capabilities are inherited)',
    absent: 'unknown-extends',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        extends: anthropic/claude-sonnet-4-5
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [],
  },
  {
    name: 'unknown-default-model: at defaultModel, with did-you-mean',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'settings.yaml': y`
        apiVersion: modelctl/v1
        kind: Settings
        locales: [en]
        defaultModel: sonet
      `,
    },
    expect: [{ code: 'unknown-default-model', file: 'settings.yaml', line: 4, column: 15, hint: 'sonnet' }],
  },
  {
    name: 'unknown-default-model near miss: the default model exists',
    absent: 'unknown-default-model',
    files: { 'providers.yaml': PROVIDERS, 'model.yaml': SONNET, 'settings.yaml': SETTINGS_DEFAULT_SONNET },
    expect: [],
  },
  {
    name: 'default-model-unusable: internal, at defaultModel, related to the model',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        access: internal
        tasks: [title-generation]
        capabilities: [text]
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
      'settings.yaml': SETTINGS_DEFAULT_SONNET,
    },
    expect: [{ code: 'default-model-unusable', file: 'settings.yaml', line: 3, column: 15, related: [{ file: 'model.yaml', line: 3, column: 7 }] }],
  },
  {
    name: 'default-model-unusable: inactive',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET.replace('name: sonnet\n', 'name: sonnet\nstatus: inactive\n'),
      'settings.yaml': SETTINGS_DEFAULT_SONNET,
    },
    expect: [{ code: 'default-model-unusable', file: 'settings.yaml', line: 3, column: 15 }],
  },
  {
    name: 'default-model-unusable: available to no one through the Settings default',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'settings.yaml': y`
        apiVersion: modelctl/v1
        kind: Settings
        defaultModel: sonnet
        defaults:
          availability: none
      `,
    },
    expect: [{ code: 'default-model-unusable', file: 'settings.yaml', line: 3, column: 15 }],
  },
  {
    name: 'default-model-unusable: available to an empty list of groups',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET.replace('name: sonnet\n', 'name: sonnet\navailability: { groups: [] }\n'),
      'settings.yaml': SETTINGS_DEFAULT_SONNET,
    },
    expect: [{ code: 'default-model-unusable', file: 'settings.yaml', line: 3, column: 15 }],
  },
  {
    name: 'default-model-unusable: narrowed to no entry point at all (visible nowhere)',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET.replace('name: sonnet\n', 'name: sonnet\nentryPoints: []\n'),
      'settings.yaml': SETTINGS_DEFAULT_SONNET,
    },
    expect: [{ code: 'default-model-unusable', file: 'settings.yaml', line: 3, column: 15 }],
  },
  {
    name: 'default-model-unusable near miss: public, active, available to a declared group',
    absent: 'default-model-unusable',
    files: {
      'providers.yaml': PROVIDERS,
      'groups.yaml': GROUPS,
      'model.yaml': SONNET.replace('name: sonnet\n', 'name: sonnet\navailability: { groups: [eng] }\n'),
      'settings.yaml': SETTINGS_DEFAULT_SONNET,
    },
    expect: [],
  },
];
