// Valid building blocks the rows combine with the one document they are about.
import { y } from './harness.js';

/** Two providers; anthropic has a second credential binding, `batch`. */
export const PROVIDERS = y`
  apiVersion: modelctl/v1
  kind: Provider
  name: anthropic
  type: anthropic
  credentials:
    default: { env: ANTHROPIC_API_KEY }
    batch: { env: ANTHROPIC_BATCH_KEY }
  ---
  apiVersion: modelctl/v1
  kind: Provider
  name: openai
  type: openai
  credentials:
    default: { env: OPENAI_API_KEY }
`;

/** A valid chat model on anthropic (no registry parent, so it states its capabilities). */
export const SONNET = y`
  apiVersion: modelctl/v1
  kind: Model
  name: sonnet
  capabilities: [text, tools]
  sources:
    - provider: anthropic
      model: claude-sonnet-4-5
`;

export const GENERAL_EPG = y`
  apiVersion: modelctl/v1
  kind: EntryPointGroup
  name: general
  entryPoints: [desktop, cli]
`;

export const GROUPS = y`
  apiVersion: modelctl/v1
  kind: Group
  name: eng
  ---
  apiVersion: modelctl/v1
  kind: Group
  name: data
`;

/** An Anthropic-shaped key that matches the secret patterns; never to be echoed. */
export const FAKE_ANTHROPIC_KEY = 'sk-ant-api03-Zq7XfakeFAKEfake0123456789abcdefXYZ';
export const FAKE_OPENAI_KEY = 'sk-proj-FAKEfakeFAKE0123456789abcdefghij';
