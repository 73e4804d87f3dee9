// Bad LiteLLM configs: a located diagnostic, exit 1, nothing written, no crash.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/capture.js';

const ROWS: { name: string; text: string | Buffer; code: string; line: number }[] = [
  { name: 'not YAML', text: 'model_list: [\n  - model_name: "x\n', code: 'yaml-syntax', line: 2 },
  { name: 'a list at the top', text: '- a\n- b\n', code: 'document-not-object', line: 1 },
  { name: 'no model_list', text: 'router_settings: {}\n', code: 'missing-field', line: 1 },
  { name: 'model_list not a list', text: 'model_list: {a: 1}\n', code: 'wrong-type', line: 1 },
  { name: 'empty model_list', text: 'model_list: []\n', code: 'invalid-value', line: 1 },
  { name: 'an entry that is a string', text: 'model_list:\n  - gpt-4\n', code: 'wrong-type', line: 2 },
  { name: 'no litellm_params', text: 'model_list:\n  - model_name: a\n', code: 'missing-field', line: 2 },
  { name: 'no model', text: 'model_list:\n  - model_name: a\n    litellm_params: { api_key: os.environ/K }\n', code: 'missing-field', line: 3 },
  { name: 'order as text', text: 'model_list:\n  - model_name: a\n    litellm_params: { model: anthropic/claude-haiku-4-5, order: first }\n', code: 'wrong-type', line: 3 },
  { name: 'negative weight', text: 'model_list:\n  - model_name: a\n    litellm_params:\n      model: anthropic/claude-haiku-4-5\n      weight: -1\n', code: 'invalid-value', line: 5 },
  { name: 'cost as text', text: 'model_list:\n  - model_name: a\n    litellm_params:\n      model: anthropic/claude-haiku-4-5\n      input_cost_per_token: "cheap"\n', code: 'wrong-type', line: 5 },
  { name: 'plain-http api_base', text: 'model_list:\n  - model_name: a\n    litellm_params:\n      model: openai/llama\n      api_base: http://10.0.0.5:8000/v1\n', code: 'invalid-value', line: 5 },
  { name: 'api_base from the environment', text: 'model_list:\n  - model_name: a\n    litellm_params:\n      model: openai/llama\n      api_base: os.environ/BASE\n', code: 'invalid-value', line: 5 },
  { name: 'only an unsupported provider', text: 'model_list:\n  - model_name: a\n    litellm_params:\n      model: vertex_ai/gemini-pro\n', code: 'invalid-value', line: 2 },
  { name: 'alias bomb', text: 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nmodel_list: []\n', code: 'yaml-alias-limit', line: 1 },
  { name: 'binary', text: Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00]), code: 'file-binary', line: 1 },
  { name: 'huge', text: 'model_list:\n' + '  - { model_name: a, litellm_params: { model: anthropic/claude-haiku-4-5 } }\n'.repeat(70_000), code: 'file-too-large', line: 1 },
];

describe('import litellm on bad input', () => {
  it.each(ROWS)('$name → $code at line $line', async ({ text, code, line }) => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-bad-'));
    writeFileSync(join(dir, 'config.yaml'), text);
    const r = await run(['import', 'litellm', join(dir, 'config.yaml'), '--out', join(dir, 'out'), '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const diagnostics = (JSON.parse(r.stdout) as { diagnostics: { code: string; line: number; severity: string }[] }).diagnostics;
    expect(diagnostics.map((d) => `${d.code}@${d.line}`)).toContain(`${code}@${line}`);
  });

  it('a missing file is a located error, not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-missing-'));
    const r = await run(['import', 'litellm', join(dir, 'nope.yaml'), '--out', join(dir, 'out')], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/path-not-found/);
  });
});
