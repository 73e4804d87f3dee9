// Credential presence on the server: /v1/status lists every provider binding
// with its reference and whether it is present (never a value); a push, a
// rollback or a boot that leaves models hidden for missing credentials logs
// ONE warning naming the count and the references, and the 200 answer
// carries the same words.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, GATEWAY, put, tempDir, testServer, TOKEN, type TestServer } from './helpers.js';

const SECRET = 'sk-ant-api03-status-secret-7f3e91c0d2';
const OTHER = 'sk-openai-second-secret-4b8d20a6e1';
const v1 = baseSnapshot();
// gpt-5's only source takes env OPENAI_API_KEY (fixtures), the openai binding is a file.
const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 2));
const HIDDEN_GPT = '1 model is hidden: env OPENAI_API_KEY is not set';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(env: Record<string, string | undefined>, stateDir?: string): Promise<TestServer> {
  const s = await testServer({ resolverOptions: { env }, ...(stateDir ? { stateDir } : {}) });
  cleanups.push(() => s.close());
  return s;
}

const hiddenWarnings = (s: TestServer) => s.logs.filter((l) => l.level === 'warn' && String(l.msg).includes('hidden'));

describe('credentials in /v1/status', () => {
  it('reports every provider binding by reference and presence, never a value', async () => {
    const s = await serve({ ANTHROPIC_API_KEY: SECRET });
    expect((await call(s.url, 'GET', '/v1/status')).json().credentials).toEqual({});
    expect((await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' })).status).toBe(200);
    const status = await call(s.url, 'GET', '/v1/status', { token: null });
    expect(status.json().credentials).toEqual({
      anthropic: { default: { ref: 'env ANTHROPIC_API_KEY', present: true } },
      openai: { default: { ref: 'file /run/secrets/openai-api-key', present: false } },
    });
    expect(status.text).not.toContain(SECRET);
  });

  it('counts an empty variable as missing, and a readable file as present', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const { writeFile } = await import('node:fs/promises');
    const file = join(t.dir, 'openai-key');
    await writeFile(file, OTHER);
    const s = await serve({ ANTHROPIC_API_KEY: '' });
    const snap = edit(v1, (d) => void (d.providers['openai']!.credentials['default'] = { file }));
    expect((await put(s.url, JSON.stringify(snap), { 'if-none-match': '*' })).status).toBe(200);
    const status = await call(s.url, 'GET', '/v1/status');
    expect(status.json().credentials).toEqual({
      anthropic: { default: { ref: 'env ANTHROPIC_API_KEY', present: false } },
      openai: { default: { ref: `file ${file}`, present: true } },
    });
    expect(status.text).not.toContain(OTHER);
  });
});

describe('models hidden for missing credentials', () => {
  it('logs one warning per push and answers it in the 200, naming count and references only', async () => {
    const s = await serve({ ANTHROPIC_API_KEY: SECRET });
    const first = await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' });
    expect(first.json()).toEqual({ version: v1.version, previous: null, warnings: [HIDDEN_GPT] });
    expect(hiddenWarnings(s)).toEqual([expect.objectContaining({ msg: HIDDEN_GPT, cause: 'push', hiddenCount: 1, hidden: ['gpt-5'], missing: ['env OPENAI_API_KEY'], version: v1.version })]);
    const second = await put(s.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` });
    expect(second.json().warnings).toEqual([HIDDEN_GPT]);
    expect(hiddenWarnings(s)).toHaveLength(2);
    // A rollback that leaves them hidden says so too.
    const back = await call(s.url, 'POST', '/v1/rollback', { body: JSON.stringify({ version: v1.version }) });
    expect(back.json()).toEqual({ version: v1.version, previous: v2.version, warnings: [HIDDEN_GPT] });
    expect(hiddenWarnings(s).map((l) => l['cause'])).toEqual(['push', 'push', 'rollback']);
  });

  it('counts every hidden model and lists each missing reference once', async () => {
    const s = await serve({});
    const r = await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' });
    expect(r.json().warnings).toEqual(['3 models are hidden: env ANTHROPIC_API_KEY is not set; env OPENAI_API_KEY is not set']);
    expect(hiddenWarnings(s)).toHaveLength(1);
  });

  it('warns of nothing when every model has a credential present', async () => {
    const s = await serve({ ANTHROPIC_API_KEY: SECRET, OPENAI_API_KEY: OTHER });
    const r = await put(s.url, JSON.stringify(v1), { 'if-none-match': '*' });
    expect(r.json().warnings).toEqual([]);
    expect(hiddenWarnings(s)).toEqual([]);
  });

  it('warns at boot when the kept state it loads hides models', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const a = await serve({ ANTHROPIC_API_KEY: SECRET, OPENAI_API_KEY: OTHER }, t.dir);
    expect((await put(a.url, JSON.stringify(v1), { 'if-none-match': '*' })).json().warnings).toEqual([]);
    await a.close();
    const b = await serve({ ANTHROPIC_API_KEY: SECRET }, t.dir);
    expect(hiddenWarnings(b)).toEqual([expect.objectContaining({ msg: HIDDEN_GPT, cause: 'boot' })]);
  });

  it('shows no credential value or token in status, logs or any answer', async () => {
    const s = await serve({ ANTHROPIC_API_KEY: SECRET, OPENAI_API_KEY: '' });
    const replies = [
      await put(s.url, JSON.stringify(v1), { 'if-none-match': '*', 'x-modelctl-message': encodeURIComponent(`deploy ${TOKEN}`.replace(TOKEN, 'redacted')) }),
      await put(s.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` }),
      await call(s.url, 'POST', '/v1/rollback', { body: JSON.stringify({ version: v1.version }) }),
      await call(s.url, 'GET', '/v1/status'),
      await call(s.url, 'GET', '/v1/history'),
      await call(s.url, 'GET', '/metrics'),
      await call(s.url, 'GET', '/v1/catalog?entryPoint=cli&groups=eng', { token: GATEWAY }),
    ];
    const all = replies.map((r) => JSON.stringify(r.headers) + r.text).join('\n') + s.logText();
    expect(all).toContain('ANTHROPIC_API_KEY');
    expect(all).toContain('1 model is hidden');
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(GATEWAY);
  });
});
