// The LiteLLM proxy config that export writes and import reads: the subset of
// litellm/types/router.py (LiteLLM_Params, ModelInfo, Deployment, router
// settings) modelctl maps. Pinned as a JSON Schema in test/fixtures/litellm/.

/** A number written exactly as these decimal digits (a per-token price): never 3e-7, never 2.9999999999999997e-6. */
export interface DecimalText {
  decimal: string;
}

export type CostField =
  | 'input_cost_per_token'
  | 'output_cost_per_token'
  | 'cache_read_input_token_cost'
  | 'cache_creation_input_token_cost'
  | 'output_cost_per_image'
  | 'output_cost_per_second';

export interface LitellmParams {
  model: string;
  api_base?: string;
  api_version?: string;
  aws_region_name?: string;
  aws_bedrock_runtime_endpoint?: string;
  /** `os.environ/NAME`, never a value. */
  api_key?: string;
  order?: number;
  weight?: number;
}

export type SupportsFlag =
  | 'supports_vision'
  | 'supports_audio_input'
  | 'supports_audio_output'
  | 'supports_pdf_input'
  | 'supports_function_calling'
  | 'supports_reasoning'
  | 'supports_response_schema'
  | 'supports_prompt_caching'
  | 'supports_native_streaming';

export type LitellmMode = 'chat' | 'image_generation';

export interface ModelctlInfo {
  purpose: string;
  capabilities: string[];
}

export type LitellmModelInfo = {
  id: string;
  mode?: LitellmMode;
  access_groups?: string[];
  max_tokens?: number;
  max_input_tokens?: number;
  max_output_tokens?: number;
  modelctl: ModelctlInfo;
} & Partial<Record<CostField, DecimalText>> &
  Partial<Record<SupportsFlag, boolean>>;

export interface Deployment {
  model_name: string;
  litellm_params: LitellmParams;
  model_info: LitellmModelInfo;
}

export interface RouterSettings {
  routing_strategy: 'simple-shuffle';
  num_retries: number;
  allowed_fails: number;
  cooldown_time: number;
}

export interface LitellmConfig {
  model_list: Deployment[];
  router_settings: RouterSettings;
}
