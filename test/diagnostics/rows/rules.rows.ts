// Compile rules about what a model can do, where it routes and who sees it:
// each code once triggered, once narrowly missed by a valid catalog.
import type { Row } from '../harness.js';
import { y } from '../harness.js';
import { GENERAL_EPG, PROVIDERS, SONNET } from '../fixtures.js';

const WEB_SEARCH = 'apiVersion: modelctl/v1\nkind: NativeTool\nname: web-search\n';
const VISION_TOOL = 'apiVersion: modelctl/v1\nkind: NativeTool\nname: screenshot\nrequires: [tools, image-input]\n';
const AUTO_TIER = 'apiVersion: modelctl/v1\nkind: Tier\nname: auto\nentryPointGroup: general\nmodels: [sonnet]\n';

export const ruleRows: Row[] = [
  {
    name: 'capability-purpose-mismatch: image-generation model without the capability, at capabilities',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: images
        purpose: image-generation
        capabilities: [text]
        sources:
          - provider: openai
            model: gpt-image-1
      `,
    },
    expect: [{ code: 'capability-purpose-mismatch', file: 'model.yaml', line: 5, column: 15 }],
  },
  {
    name: 'capability-purpose-mismatch: a chat model with no capabilities and no registry parent, at name',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: bare
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'capability-purpose-mismatch', file: 'model.yaml', line: 3, column: 7 }],
  },
  {
    name: 'capability-purpose-mismatch near miss: image-generation with the capability',
    absent: 'capability-purpose-mismatch',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: images
        purpose: image-generation
        capabilities: [image-generation, image-input]
        sources:
          - provider: openai
            model: gpt-image-1
      `,
    },
    expect: [],
  },
  {
    name: 'native-tool-needs-tools: at nativeTools',
    files: {
      'providers.yaml': PROVIDERS,
      'tools.yaml': WEB_SEARCH,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        nativeTools: [web-search]
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'native-tool-needs-tools', file: 'model.yaml', line: 5, column: 14 }],
  },
  {
    name: 'native-tool-needs-tools near miss: tools capability present',
    absent: 'native-tool-needs-tools',
    files: {
      'providers.yaml': PROVIDERS,
      'tools.yaml': WEB_SEARCH,
      'model.yaml': SONNET.replace('sources:', 'nativeTools: [web-search]\nsources:'),
    },
    expect: [],
  },
  {
    name: 'native-tool-missing-capability: at the tool that needs more',
    files: {
      'providers.yaml': PROVIDERS,
      'tools.yaml': WEB_SEARCH + '---\n' + VISION_TOOL,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text, tools]
        nativeTools:
          - web-search
          - screenshot
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'native-tool-missing-capability', file: 'model.yaml', line: 7, column: 5 }],
  },
  {
    name: 'native-tool-missing-capability near miss: the model has what the tool requires',
    absent: 'native-tool-missing-capability',
    files: {
      'providers.yaml': PROVIDERS,
      'tools.yaml': VISION_TOOL,
      'model.yaml': SONNET.replace('[text, tools]', '[text, tools, image-input]').replace('sources:', 'nativeTools: [screenshot]\nsources:'),
    },
    expect: [],
  },
  {
    name: 'no-active-source: no sources at all, at the name key',
    files: {
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
      `,
    },
    expect: [{ code: 'no-active-source', file: 'model.yaml', line: 3, column: 1 }],
  },
  {
    name: 'no-active-source: every source drained or inactive, at the sources key',
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
            weight: 0
          - provider: openai
            model: gpt-5
            status: inactive
      `,
    },
    expect: [{ code: 'no-active-source', file: 'model.yaml', line: 5, column: 1 }],
  },
  {
    name: 'no-active-source near miss: an inactive model needs no source',
    absent: 'no-active-source',
    files: {
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        status: inactive
        capabilities: [text]
      `,
    },
    expect: [],
  },
  {
    name: 'no-active-source near miss: one drained source and one live one',
    absent: 'no-active-source',
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
            weight: 0
          - provider: openai
            model: gpt-5
            weight: 1
      `,
    },
    expect: [],
  },
  {
    name: 'internal-model-exposed: in a tier and a collection, at the list item',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET.replace('name: sonnet\n', 'name: sonnet\naccess: internal\ntasks: [title-generation]\n'),
      'epg.yaml': GENERAL_EPG,
      'tier.yaml': AUTO_TIER,
      'collection.yaml': y`
        apiVersion: modelctl/v1
        kind: Collection
        name: new-models
        models:
          - sonnet
      `,
    },
    expect: [
      { code: 'internal-model-exposed', file: 'tier.yaml', line: 5, column: 10 },
      { code: 'internal-model-exposed', file: 'collection.yaml', line: 5, column: 5 },
      // The tier's only model is internal, so the tier serves nobody.
      { code: 'entry-point-group-without-tier', file: 'epg.yaml', line: 3, column: 7, severity: 'warning' },
    ],
  },
  {
    name: 'internal-model-exposed near miss: an internal task model kept out of tiers',
    absent: 'internal-model-exposed',
    files: {
      'providers.yaml': PROVIDERS,
      'models.yaml': SONNET + '---\n' + SONNET.replace('name: sonnet\n', 'name: titles\naccess: internal\ntasks: [title-generation]\n'),
      'epg.yaml': GENERAL_EPG,
      'tier.yaml': AUTO_TIER,
    },
    expect: [],
  },
  {
    name: 'capability-not-in-registry: a warning at the capability the registry model lacks',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        extends: anthropic/claude-sonnet-4-5
        capabilities: [text, tools, audio-output]
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'capability-not-in-registry', file: 'model.yaml', line: 5, column: 29, severity: 'warning' }],
  },
  {
    name: 'capability-not-in-registry near miss: a subset of the registry capabilities',
    absent: 'capability-not-in-registry',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        extends: anthropic/claude-sonnet-4-5
        capabilities: [text, tools]
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [],
  },
  {
    name: 'entry-point-group-without-tier: a warning at the group name',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'epg.yaml': GENERAL_EPG,
      'tier.yaml': AUTO_TIER + 'availability: none\n',
    },
    expect: [{ code: 'entry-point-group-without-tier', file: 'epg.yaml', line: 3, column: 7, severity: 'warning' }],
  },
  {
    name: 'entry-point-group-without-tier near miss: a tier available to a group',
    absent: 'entry-point-group-without-tier',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'epg.yaml': GENERAL_EPG,
      'groups.yaml': 'apiVersion: modelctl/v1\nkind: Group\nname: eng\n',
      'tier.yaml': AUTO_TIER + 'availability: { groups: [eng] }\n',
    },
    expect: [],
  },
  {
    name: 'entry-point-group-without-tier: a declared group left with no usable tier (sales on experts), once, at the group name',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'epg.yaml': GENERAL_EPG,
      'groups.yaml': 'apiVersion: modelctl/v1\nkind: Group\nname: eng\n---\napiVersion: modelctl/v1\nkind: Group\nname: sales\n',
      'tier.yaml': AUTO_TIER + 'availability: { groups: [eng] }\n',
    },
    expect: [{ code: 'entry-point-group-without-tier', file: 'epg.yaml', line: 3, column: 7, severity: 'warning' }],
  },
  {
    name: 'entry-point-group-without-tier: tiers available to all, every model they hold set to none',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET + 'availability: none\n',
      'epg.yaml': GENERAL_EPG,
      'tier.yaml': AUTO_TIER + 'availability: all\n',
    },
    expect: [{ code: 'entry-point-group-without-tier', file: 'epg.yaml', line: 3, column: 7, severity: 'warning' }],
  },
  {
    name: 'entry-point-group-without-tier near miss: every declared group has a tier, through a second tier or a model for its group',
    absent: 'entry-point-group-without-tier',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET + 'availability: { groups: [eng, sales] }\n',
      'epg.yaml': GENERAL_EPG,
      'groups.yaml': 'apiVersion: modelctl/v1\nkind: Group\nname: eng\n---\napiVersion: modelctl/v1\nkind: Group\nname: sales\n',
      'tier.yaml': AUTO_TIER + 'availability: { groups: [eng] }\n---\napiVersion: modelctl/v1\nkind: Tier\nname: sales-auto\nentryPointGroup: general\nmodels: [sonnet]\navailability: { groups: [sales] }\n',
    },
    expect: [],
  },
  {
    name: 'duplicate-source: at the second listing, related to the first',
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
          - provider: anthropic
            model: claude-sonnet-4-5
            binding: batch
      `,
    },
    expect: [{ code: 'duplicate-source', file: 'model.yaml', line: 8, column: 5, related: [{ file: 'model.yaml', line: 6, column: 5 }] }],
  },
  {
    name: 'duplicate-source near miss: same provider, different upstream models',
    absent: 'duplicate-source',
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
          - provider: anthropic
            model: claude-sonnet-4-5-20250929
      `,
    },
    expect: [],
  },
  {
    name: 'protocol-unsupported: at protocol:',
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
            protocol: openai-responses
      `,
    },
    expect: [{ code: 'protocol-unsupported', file: 'model.yaml', line: 8, column: 15, hint: 'anthropic-messages' }],
  },
  {
    name: 'protocol-unsupported near miss: a protocol the provider type speaks',
    absent: 'protocol-unsupported',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: gpt
        capabilities: [text]
        sources:
          - provider: openai
            model: gpt-5
            protocol: openai-chat-completions
      `,
    },
    expect: [],
  },
  {
    name: 'provider-options-unused: a warning at the options key',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        providerOptions:
          openai:
            reasoningEffort: low
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'provider-options-unused', file: 'model.yaml', line: 6, column: 3, severity: 'warning' }],
  },
  {
    name: 'provider-options-unused near miss: options for the type a source uses',
    absent: 'provider-options-unused',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text]
        providerOptions:
          anthropic:
            effort: low
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [],
  },
  {
    name: 'entry-point-conflict: at the second listing, related to the first group',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'epgs.yaml': y`
        apiVersion: modelctl/v1
        kind: EntryPointGroup
        name: general
        entryPoints: [desktop, cli]
        ---
        apiVersion: modelctl/v1
        kind: EntryPointGroup
        name: experts
        entryPoints: [desktop-experts, cli]
      `,
      'tiers.yaml': AUTO_TIER + '---\n' + AUTO_TIER.replace('auto', 'expert').replace('general', 'experts'),
    },
    expect: [{ code: 'entry-point-conflict', file: 'epgs.yaml', line: 9, column: 32, related: [{ file: 'epgs.yaml', line: 4, column: 24 }] }],
  },
  {
    name: 'entry-point-conflict near miss: disjoint groups',
    absent: 'entry-point-conflict',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET,
      'epgs.yaml': GENERAL_EPG + '---\napiVersion: modelctl/v1\nkind: EntryPointGroup\nname: experts\nentryPoints: [desktop-experts]\n',
      'tiers.yaml': AUTO_TIER + '---\n' + AUTO_TIER.replace('auto', 'expert').replace('general', 'experts'),
    },
    expect: [],
  },
  {
    name: 'unknown-entry-point: a warning at the entry point no group declares',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET.replace('name: sonnet\n', 'name: sonnet\nentryPoints: [desktop, jetbrain]\n'),
      'epg.yaml': GENERAL_EPG,
      'tier.yaml': AUTO_TIER,
    },
    expect: [{ code: 'unknown-entry-point', file: 'model.yaml', line: 4, column: 24, severity: 'warning' }],
  },
  {
    name: 'unknown-entry-point near miss: declared entry points only',
    absent: 'unknown-entry-point',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET.replace('name: sonnet\n', 'name: sonnet\nentryPoints: [desktop, cli]\n'),
      'epg.yaml': GENERAL_EPG,
      'tier.yaml': AUTO_TIER,
    },
    expect: [],
  },
  {
    name: 'group-alias-conflict: an alias that is another group',
    files: {
      'groups.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        aliases: [Engineering]
        ---
        apiVersion: modelctl/v1
        kind: Group
        name: data
        aliases: [Data, eng]
      `,
    },
    expect: [{ code: 'group-alias-conflict', file: 'groups.yaml', line: 9, column: 17 }],
  },
  {
    name: 'group-alias-conflict: one alias on two groups',
    files: {
      'groups.yaml': y`
        apiVersion: modelctl/v1
        kind: Group
        name: eng
        aliases: [Staff]
        ---
        apiVersion: modelctl/v1
        kind: Group
        name: data
        aliases:
          - Staff
      `,
    },
    expect: [{ code: 'group-alias-conflict', file: 'groups.yaml', line: 10, column: 5 }],
  },
  {
    name: 'group-alias-conflict near miss: a group aliasing its own name',
    absent: 'group-alias-conflict',
    files: { 'groups.yaml': 'apiVersion: modelctl/v1\nkind: Group\nname: eng\naliases: [Engineering, eng]\n' },
    expect: [],
  },
  {
    name: 'max-output-exceeds-context: at maxOutputTokens',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET.replace('sources:', 'contextLimit: 8000\nmaxOutputTokens: 16000\nsources:'),
    },
    expect: [{ code: 'max-output-exceeds-context', file: 'model.yaml', line: 6, column: 18 }],
  },
  {
    name: 'max-output-exceeds-context: a context cut below the inherited max output, at contextLimit',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        extends: anthropic/claude-sonnet-4-5
        contextLimit: 32000
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'max-output-exceeds-context', file: 'model.yaml', line: 5, column: 15 }],
  },
  {
    name: 'max-output-exceeds-context near miss: equal is fine',
    absent: 'max-output-exceeds-context',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET.replace('sources:', 'contextLimit: 16000\nmaxOutputTokens: 16000\nsources:'),
    },
    expect: [],
  },
  {
    name: 'thinking-budget-exceeds-output: budget equal to max output, at the budget',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text, reasoning]
        maxOutputTokens: 4096
        providerOptions:
          anthropic:
            thinkingBudgetTokens: 4096
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [{ code: 'thinking-budget-exceeds-output', file: 'model.yaml', line: 8, column: 27 }],
  },
  {
    name: 'thinking-budget-exceeds-output near miss: budget just below max output',
    absent: 'thinking-budget-exceeds-output',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': y`
        apiVersion: modelctl/v1
        kind: Model
        name: sonnet
        capabilities: [text, reasoning]
        maxOutputTokens: 4096
        providerOptions:
          anthropic:
            thinkingBudgetTokens: 4095
        sources:
          - provider: anthropic
            model: claude-sonnet-4-5
      `,
    },
    expect: [],
  },
  {
    name: 'locale-missing: a warning at a displayName map without every locale',
    files: {
      'providers.yaml': PROVIDERS,
      'settings.yaml': 'apiVersion: modelctl/v1\nkind: Settings\nlocales: [en, zh]\n',
      'model.yaml': SONNET.replace('sources:', 'displayName: { en: Sonnet }\nsources:'),
    },
    expect: [{ code: 'locale-missing', file: 'model.yaml', line: 5, column: 14, severity: 'warning' }],
  },
  {
    name: 'locale-missing near miss: every locale, or a plain string',
    absent: 'locale-missing',
    files: {
      'providers.yaml': PROVIDERS,
      'settings.yaml': 'apiVersion: modelctl/v1\nkind: Settings\nlocales: [en, zh]\n',
      'models.yaml': SONNET.replace('sources:', 'displayName: { en: Sonnet, zh: Sonnet }\nsources:') + '---\n' + SONNET.replace('name: sonnet', 'name: haiku').replace('sources:', 'displayName: Haiku\nsources:'),
    },
    expect: [],
  },
  {
    name: 'internal-model-without-task: a warning at access',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET.replace('name: sonnet\n', 'name: sonnet\naccess: internal\n'),
    },
    expect: [{ code: 'internal-model-without-task', file: 'model.yaml', line: 4, column: 9, severity: 'warning' }],
  },
  {
    name: 'internal-model-without-task near miss: an internal model with a task',
    absent: 'internal-model-without-task',
    files: {
      'providers.yaml': PROVIDERS,
      'model.yaml': SONNET.replace('name: sonnet\n', 'name: sonnet\naccess: internal\ntasks: [summary-compaction]\n'),
    },
    expect: [],
  },
];

/** Registry files (models/<vendor>/<model>.yaml), checked by buildRegistry. */
export const registryRows: Row[] = [
  {
    name: 'registry-invalid: id does not match the path, at the id value',
    stage: 'registry',
    files: {
      'models/acme/rocket-1.yaml': y`
        id: acme/rocket-2
        vendor: acme
        displayName: Rocket
        contextLimit: 100000
        maxOutputTokens: 8000
        capabilities: [text]
        pricing: { input: 1, output: 2 }
        reference: https://example.com/rocket
      `,
    },
    expect: [{ code: 'registry-invalid', file: 'models/acme/rocket-1.yaml', line: 1, column: 5 }],
  },
  {
    name: 'registry-invalid: schema errors keep their own positions',
    stage: 'registry',
    files: {
      'models/acme/rocket-1.yaml': y`
        id: acme/rocket-1
        vendor: acme
        displayName: Rocket
        contextLimit: a lot
        maxOutputTokens: 8000
        capabilities: [text]
        pricing: { input: 1, output: 2 }
      `,
    },
    expect: [
      { code: 'registry-invalid', file: 'models/acme/rocket-1.yaml', line: 1, column: 1 },
      { code: 'registry-invalid', file: 'models/acme/rocket-1.yaml', line: 4, column: 15 },
    ],
  },
  {
    name: 'registry-invalid near miss: a complete registry model at its own path',
    stage: 'registry',
    absent: 'registry-invalid',
    files: {
      'models/acme/rocket-1.yaml': y`
        id: acme/rocket-1
        vendor: acme
        displayName: Rocket
        contextLimit: 100000
        maxOutputTokens: 8000
        capabilities: [text]
        pricing: { input: 1, output: 2 }
        reference: https://example.com/rocket
      `,
    },
    expect: [],
  },
];
