// `{ file: PATH }` credentials count as present in the server only when the
// file exists and this process can read it (fs.access, content never read):
// a model routed only through a missing file is hidden from the catalog.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, put, tempDir, testServer, type TestServer } from './helpers.js';

const SECRET = 'sk-file-credential-content-93e0b2';
const env = { ANTHROPIC_API_KEY: 'x' };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** gpt-5's only source takes its credential from `file`. */
const withFile = (file: string) => edit(baseSnapshot(), (d) => void (d.models['gpt-5']!.sources[0]!.credential = { file }));

async function serve(snapshot: ReturnType<typeof withFile>): Promise<TestServer> {
  const s = await testServer({ resolverOptions: { env } });
  cleanups.push(() => s.close());
  expect((await put(s.url, JSON.stringify(snapshot), { 'if-none-match': '*' })).status).toBe(200);
  return s;
}
const names = async (s: TestServer) => (await call(s.url, 'GET', '/v1/catalog?entryPoint=cli&groups=eng')).json().models.map((m: { name: string }) => m.name);

describe('file credentials in serve', () => {
  it('hides a model whose credential file does not exist, and says which path in the log', async () => {
    const s = await serve(withFile('/nonexistent/modelctl-test/openai-key'));
    expect(await names(s)).toEqual(['claude-sonnet', 'claude-opus']);
    expect((await call(s.url, 'POST', '/v1/resolve', { body: JSON.stringify({ entryPoint: 'cli', groups: ['eng'], model: 'gpt-5' }) })).json().ok).toBe(false);
    const warning = '1 model is hidden: file /nonexistent/modelctl-test/openai-key is not readable';
    expect(s.logs.filter((l) => l.level === 'warn' && String(l.msg).includes('hidden'))).toEqual([expect.objectContaining({ msg: warning, hidden: ['gpt-5'], missing: ['file /nonexistent/modelctl-test/openai-key'], cause: 'push' })]);
  });

  it('shows it when the file is readable, and never reads the content into a response or a log', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const file = join(t.dir, 'openai-key');
    await writeFile(file, SECRET, { mode: 0o600 });
    const s = await serve(withFile(file));
    expect(await names(s)).toEqual(['claude-sonnet', 'claude-opus', 'gpt-5']);
    const replies = await Promise.all([
      call(s.url, 'POST', '/v1/resolve', { body: JSON.stringify({ entryPoint: 'cli', groups: ['eng'], model: 'gpt-5' }) }),
      call(s.url, 'GET', '/v1/snapshot'),
      call(s.url, 'GET', '/v1/status'),
      call(s.url, 'GET', '/metrics'),
    ]);
    expect(replies[0]!.json().attempts[0].credential).toEqual({ file });
    for (const r of replies) expect(r.text).not.toContain(SECRET);
    expect(s.logText()).not.toContain(SECRET);
  });

  // Root may read any file, so this can only be shown as another user.
  it.skipIf(process.getuid?.() === 0)('treats an existing but unreadable file as missing', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const file = join(t.dir, 'locked');
    await writeFile(file, SECRET);
    await chmod(file, 0o000);
    const s = await serve(withFile(file));
    expect(await names(s)).not.toContain('gpt-5');
  });

  it('treats a directory at the path as missing', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const s = await serve(withFile(t.dir));
    expect(await names(s)).not.toContain('gpt-5');
  });
});
