// Shared by the LiteLLM tests: the examples with the --credential-env mapping
// each needs ({ file } credentials have no LiteLLM form), LiteLLM's schema and
// provider list (test/fixtures/litellm), and a YAML reader that reads as
// PyYAML does (YAML 1.1), which is how the LiteLLM proxy loads config.yaml.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/litellm/', import.meta.url));

export const EXAMPLES: Record<string, string[]> = {
  quickstart: ['openai=OPENAI_API_KEY'],
  'agents-admin': ['azure-openai-sweden=AZURE_OPENAI_API_KEY', 'bedrock:prod=AWS_BEARER_TOKEN_BEDROCK_PROD', 'vllm=VLLM_API_KEY'],
  'platform-console': ['azure-openai=AZURE_OPENAI_API_KEY', 'bedrock-us=AWS_BEARER_TOKEN_BEDROCK_US', 'bedrock-eu=AWS_BEARER_TOKEN_BEDROCK_EU'],
  'tiers-and-groups': ['openrouter=OPENROUTER_API_KEY'],
};

export const credentialArgs = (example: string): string[] => EXAMPLES[example]!.flatMap((m) => ['--credential-env', m]);

const schema = JSON.parse(readFileSync(`${FIXTURES}proxy-config.schema.json`, 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
export const validateLitellm = ajv.compile(schema);

export const LITELLM_PROVIDERS: ReadonlySet<string> = new Set((JSON.parse(readFileSync(`${FIXTURES}providers.json`, 'utf8')) as { providers: string[] }).providers);

/** As the LiteLLM proxy reads its config: PyYAML safe_load is YAML 1.1. */
export function readAsLitellm(text: string): unknown {
  return parse(text, { version: '1.1' });
}

/** Every schema error of a config, as "pointer message" lines (empty when valid). */
export function schemaErrors(config: unknown): string[] {
  return validateLitellm(config) ? [] : (validateLitellm.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** litellm_params.model values whose provider prefix is not one of LiteLLM's. */
export function unknownPrefixes(config: { model_list: { litellm_params: { model: string } }[] }): string[] {
  return config.model_list.map((d) => d.litellm_params.model).filter((m) => !LITELLM_PROVIDERS.has(m.split('/')[0]!));
}

/** PyYAML's implicit float resolver (yaml/resolver.py, YAML 1.1): what LiteLLM's config loader reads as a float. */
export const PYYAML_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
