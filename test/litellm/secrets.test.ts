// Promise 1 on every new output path: a planted secret in a LiteLLM config is
// a located error and appears in no stdout, stderr or file, in every format;
// export never reads or prints a credential's value.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/capture.js';
import { ROOT } from './support.js';

const PLAIN = 'planted-Zq8vX2-literal-key'; // matches no secret pattern: only the api_key rule can catch it
const SHAPED = 'sk-ant-api03-PLANTEDplantedPLANTED0000';
const AWS = 'PLANTEDawsSecretAccessKey1234567890abcd';

function config(dir: string): string {
  const file = join(dir, 'config.yaml');
  writeFileSync(
    file,
    [
      'model_list:',
      '  - model_name: sonnet',
      '    litellm_params:',
      '      model: anthropic/claude-sonnet-4-5',
      `      api_key: ${PLAIN}`,
      '  - model_name: opus',
      '    litellm_params:',
      '      model: anthropic/claude-opus-4-1',
      `      api_key: "${SHAPED}"`,
      '  - model_name: haiku',
      '    litellm_params:',
      '      model: bedrock/anthropic.claude-haiku-4-5-20251001-v1:0',
      '      aws_access_key_id: os.environ/AWS_ACCESS_KEY_ID',
      `      aws_secret_access_key: ${AWS}`,
      '  - model_name: gpt',
      '    litellm_params:',
      '      model: openai/gpt-5',
      '      api_key: 123456789',
      '',
    ].join('\n'),
  );
  return file;
}

describe.each(['text', 'json', 'github'])('import litellm --format %s with literal secrets', (format) => {
  it('reports each at its line, exits 1, writes nothing, and never shows a value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-secret-'));
    const out = join(dir, 'catalog');
    const r = await run(['import', 'litellm', config(dir), '--out', out, '--format', format], dir);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const all = r.stdout + r.stderr;
    for (const secret of [PLAIN, SHAPED, AWS, '123456789', 'PLANTED']) expect(all).not.toContain(secret);
    if (format === 'json') {
      const d = (JSON.parse(r.stdout) as { diagnostics: { code: string; line: number; column: number; pointer: string }[] }).diagnostics.filter((x) => x.code === 'secret-literal');
      expect(d.map((x) => [x.line, x.pointer])).toEqual(expect.arrayContaining([
        [5, '/model_list/0/litellm_params/api_key'],
        [14, '/model_list/2/litellm_params/aws_secret_access_key'],
        [18, '/model_list/3/litellm_params/api_key'],
      ]));
      expect(d.some((x) => x.line === 9)).toBe(true);
    } else if (format === 'github') {
      expect(r.stdout).toMatch(/::error file=[^,]*config\.yaml,line=5,col=\d+/);
    } else {
      expect(r.stdout).toMatch(/config\.yaml:5:\d+ +error +secret-literal +api_key is written in the config itself/);
      expect(r.stdout).toMatch(/hint: in the LiteLLM config write api_key: os\.environ\/NAME/);
    }
  });
});

describe('export never touches a credential value', () => {
  it('prints and writes references only, whatever the environment and the secret files hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'litellm-export-secret-'));
    const secretFile = join(dir, 'key');
    writeFileSync(secretFile, PLAIN);
    writeFileSync(
      join(dir, 'catalog.yaml'),
      ['apiVersion: modelctl/v1', 'kind: Provider', 'name: anthropic', 'type: anthropic', `credentials: { default: { env: ANTHROPIC_API_KEY }, files: { file: ${secretFile} } }`, '---', 'apiVersion: modelctl/v1', 'kind: Model', 'name: haiku', 'extends: anthropic/claude-haiku-4-5', 'sources: [{ provider: anthropic, model: claude-haiku-4-5 }, { provider: anthropic, model: claude-haiku-4-5-20251001, binding: files }]', ''].join('\n'),
    );
    const env = { ANTHROPIC_API_KEY: SHAPED };
    const failed = await run(['export', 'litellm', join(dir, 'catalog.yaml')], dir, env);
    expect(failed.code).toBe(1);
    const out = join(dir, 'config.yaml');
    const ok = await run(['export', 'litellm', join(dir, 'catalog.yaml'), '--credential-env', 'anthropic:files=ANTHROPIC_FILES_KEY', '-o', out], dir, env);
    expect(ok.code).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('api_key: os.environ/ANTHROPIC_API_KEY');
    expect(written).toContain('api_key: os.environ/ANTHROPIC_FILES_KEY');
    for (const text of [failed.stdout, failed.stderr, ok.stdout, ok.stderr, written, ...readdirSync(dir).filter((f) => f !== 'key').map((f) => readFileSync(join(dir, f), 'utf8'))]) {
      expect(text).not.toContain(PLAIN);
      expect(text).not.toContain(SHAPED);
    }
  });
});
