// The smallest inputs each check sends, shared by every protocol so that all
// vendors are asked the same question.
export const PROMPT = 'Reply with the single word OK.';
export const MAX_TOKENS = 16;

/** A 1×1 PNG: the cheapest image an image-input model must accept. */
export const TINY_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export const TOOL_NAME = 'record_probe';
export const TOOL_DESCRIPTION = 'Records that the probe ran. Call it with value "ok".';
export const TOOL_SCHEMA = {
  type: 'object',
  properties: { value: { type: 'string', description: 'Always "ok".' } },
  required: ['value'],
  additionalProperties: false,
} as const;

export const JSON_SCHEMA = {
  type: 'object',
  properties: { ok: { type: 'boolean' } },
  required: ['ok'],
  additionalProperties: false,
} as const;
export const JSON_PROMPT = 'Answer with a JSON object {"ok": true}.';

/** Base URL joined with a path, whether or not the base ends in a slash. */
export const join = (base: string, path: string): string => base.replace(/\/+$/, '') + path;
