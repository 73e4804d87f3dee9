// modelctl capabilities ↔ LiteLLM's supports_* flags (ProviderSpecificModelInfo
// in litellm/types/utils.py), and purpose ↔ model_info.mode (ModelInfoBase).
import type { Capability } from '../generated/types.js';
import type { LitellmMode, SupportsFlag } from './types.js';

export const SUPPORTS: readonly [Capability, SupportsFlag][] = [
  ['image-input', 'supports_vision'],
  ['audio-input', 'supports_audio_input'],
  ['audio-output', 'supports_audio_output'],
  ['file-input', 'supports_pdf_input'],
  ['tools', 'supports_function_calling'],
  ['reasoning', 'supports_reasoning'],
  ['structured-output', 'supports_response_schema'],
  ['prompt-caching', 'supports_prompt_caching'],
  ['streaming', 'supports_native_streaming'],
];

/** Modes LiteLLM names that a modelctl purpose maps to; the others (audio, video) have none. */
export const MODE_OF_PURPOSE: Partial<Record<string, LitellmMode>> = {
  chat: 'chat',
  'image-generation': 'image_generation',
  'image-edit': 'image_generation',
};

/** What a LiteLLM config without modelctl's own model_info says about a model: flags, plus text for a chat model. */
export function capabilitiesFromFlags(info: Record<string, unknown>, mode: string | undefined): Capability[] {
  const out: Capability[] = [];
  if (mode === undefined || mode === 'chat' || mode === 'completion' || mode === 'responses') out.push('text');
  for (const [cap, flag] of SUPPORTS) if (info[flag] === true) out.push(cap);
  if (mode === 'image_generation') out.push('image-generation');
  return out.sort();
}

export function purposeFromMode(mode: string | undefined): string | undefined {
  if (mode === undefined || mode === 'chat' || mode === 'completion' || mode === 'responses') return 'chat';
  if (mode === 'image_generation') return 'image-generation';
  return undefined;
}
