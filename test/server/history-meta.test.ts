// PUT /v1/snapshot takes who applied it and why as X-Modelctl-* headers
// (percent-encoded); the server cleans and bounds them, keeps them beside the
// version (memory or --state-dir, durably) and shows them in GET /v1/history.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VersionDir } from '../../src/io/version-dir.js';
import { baseSnapshot, edit } from '../plan/fixtures.js';
import { call, put, tempDir, testServer, TOKEN, type TestServer } from './helpers.js';

const v1 = baseSnapshot();
const v2 = edit(v1, (d) => void (d.models['gpt-5']!.pricing.input = 2));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(stateDir?: string): Promise<TestServer> {
  const s = await testServer(stateDir ? { stateDir } : {});
  cleanups.push(() => s.close());
  return s;
}

const headers = {
  'x-modelctl-message': encodeURIComponent('roll out\n{"level":"error","msg":"forged"}\u001b[31m' + 'm'.repeat(3000)),
  'x-modelctl-commit': 'abc123',
  'x-modelctl-author': encodeURIComponent('Zoë <zoe@example.com>'),
  'x-modelctl-run': '%E0%A4%A', // not valid percent-encoding: kept as sent, cleaned
};

describe.each([
  ['memory', false],
  ['state dir', true],
])('history who/why (%s)', (_name, durable) => {
  it('keeps the cleaned, bounded fields beside the pushed version only', async () => {
    let dir: string | undefined;
    if (durable) {
      const t = await tempDir();
      cleanups.push(t.remove);
      dir = t.dir;
    }
    const s = await serve(dir);
    expect((await put(s.url, JSON.stringify(v1), { 'if-none-match': '*', ...headers })).status).toBe(200);
    expect((await put(s.url, JSON.stringify(v2), { 'if-match': `"${v1.version}"` })).status).toBe(200);
    const history = (await call(s.url, 'GET', '/v1/history')).json();
    const [newest, oldest] = history.versions;
    expect(Object.keys(newest).sort()).toEqual(['appliedAt', 'live', 'version']);
    expect(oldest).toMatchObject({ version: v1.version, commit: 'abc123', author: 'Zoë <zoe@example.com>', run: '%E0%A4%A' });
    expect(oldest.message.startsWith('roll out {"level":"error","msg":"forged"} [31mmmm')).toBe(true);
    expect([...oldest.message]).toHaveLength(500);
    expect(oldest.message.endsWith('…')).toBe(true);
    expect(JSON.stringify(history)).not.toMatch(/\\u001b|\\n/);
    expect(JSON.stringify(history)).not.toContain(TOKEN);
    expect(s.logs.some((l) => l.msg === 'forged')).toBe(false);
    if (dir) {
      // Durable: a restarted server shows the same.
      await s.close();
      const again = await serve(dir);
      expect((await call(again.url, 'GET', '/v1/history')).json().versions[1]).toEqual(oldest);
    }
  });
});

describe('VersionDir who/why records', () => {
  it('prunes a record with its document, and never attributes a stale record to a new document', async () => {
    const t = await tempDir();
    cleanups.push(t.remove);
    const vd = new VersionDir(t.dir, 2);
    await vd.init();
    // A crash between the record and its document left this behind for sequence 1.
    await writeFile(join(t.dir, `000000000001-${v1.version.slice(7)}.meta.json`), JSON.stringify({ message: 'orphan' }));
    await vd.append(v1.version, '{}');
    expect((await vd.list())[0]!.meta).toBeUndefined();
    await vd.append(v2.version, '{}', { message: 'second' });
    await vd.append(v1.version, '{}', { message: 'third' });
    const list = await vd.list();
    expect(list.map((e) => e.meta?.message)).toEqual(['third', 'second']);
    expect((await readdir(t.dir)).filter((n) => n.startsWith('000000000001'))).toEqual([]);
  });
});
