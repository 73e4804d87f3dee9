// Building blocks for hand-made snapshots, independent of the compiler.
import { createHash } from 'node:crypto';
import type { Snapshot, SnapshotModel } from '../../src/generated/types.js';
import { canonicalJson } from '../../src/runtime/canonical.js';

export type Draft = Omit<Snapshot, 'version'> & { version?: string };

/** `version` exactly as design §4 says: sha256 of the canonical content without it. */
export function versionOf(draft: Draft): string {
  const { version: _old, ...content } = draft;
  return 'sha256:' + createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** A resolved chat model with every field set; callers override what their tests care about. */
export function chatModel(over: Partial<SnapshotModel> & Pick<SnapshotModel, 'sources'>): SnapshotModel {
  return {
    displayName: { en: 'model' },
    description: { en: 'model' },
    vendor: 'anthropic',
    purpose: 'chat',
    status: 'active',
    access: 'public',
    tasks: [],
    order: 100,
    availability: 'all',
    entryPoints: null,
    capabilities: ['streaming', 'text', 'tools'],
    nativeTools: [],
    systemPrompt: '',
    contextLimit: 200000,
    compressionThreshold: 80,
    maxOutputTokens: 16000,
    parameters: { temperature: 0.2 },
    providerOptions: {},
    pricing: { input: 3, output: 15 },
    ...over,
  };
}
