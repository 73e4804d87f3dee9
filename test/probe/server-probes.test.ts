// serve --probe-interval: background probes of the live snapshot report to the
// circuit breakers, so a source whose upstream fails is opened with no user
// request; /v1/status and /metrics show the last result per source.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/pipeline.js';
import { startMockUpstream, type MockUpstream } from '../../src/probe/mock-upstream.js';
import { startServer, type LogEntry, type RunningServer } from '../../src/server/index.js';
import { CATALOG_ENV, writeCatalog } from './catalog.js';
import { AWS_PAIR, KEY } from './helpers.js';

let mock: MockUpstream;
let server: RunningServer;
const logs: LogEntry[] = [];

beforeAll(async () => {
  mock = await startMockUpstream({ models: { 'gpt-echo': { fail: { status: 401, code: 'invalid_api_key', echoKey: true } } } });
  const snapshot = (await buildSnapshot([await writeCatalog(mock.url)], '/')).snapshot!;
  const file = join(await mkdtemp(join(tmpdir(), 'modelctl-probes-')), 'snapshot.json');
  await writeFile(file, JSON.stringify(snapshot));
  server = await startServer({ port: 0, snapshotFile: file, log: (e) => void logs.push(e), resolverOptions: { env: CATALOG_ENV }, probes: { intervalMs: 50, timeoutMs: 2_000 } });
});
afterAll(async () => {
  await server.close();
  await mock.close();
});

const get = async (path: string) => (await request(server.url + path)).body.text();

interface Status {
  breakers: { sourceId: string; state: string }[];
  probes: { intervalSeconds: number; lastRunAt: string | null; sources: { sourceId: string; status: string; httpStatus?: number; message?: string }[] };
}

describe('background probes', () => {
  it('open the breaker of a failing source before any request, and leave the usable ones closed', async () => {
    let status: Status;
    // Hang guard only: the vitest timeout bounds this loop.
    for (;;) {
      status = JSON.parse(await get('/v1/status')) as Status;
      if (status.breakers.some((b) => b.sourceId === 'alpha@openai:gpt-echo' && b.state === 'open')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status.breakers.map((b) => b.sourceId)).toEqual(['alpha@openai:gpt-echo']);
    expect(status.probes.intervalSeconds).toBe(0.05);
    const echo = status.probes.sources.find((s) => s.sourceId === 'alpha@openai:gpt-echo')!;
    expect(echo).toMatchObject({ status: 'error', httpStatus: 401 });
    expect(echo.message).toContain('***');
    expect(status.probes.sources.filter((s) => s.status === 'usable').map((s) => s.sourceId).sort()).toEqual([
      'alpha@anthropic:claude-good',
      'alpha@google:gemini-good',
      'beta@bedrock:titan-good',
      'gamma@openai:gpt-no-tools',
    ]);
    // Routing already avoids it: the open source is tried last.
    const resolved = JSON.parse(await (await request(server.url + '/v1/resolve', { method: 'POST', body: JSON.stringify({ entryPoint: 'desktop', groups: [], model: 'alpha' }) })).body.text()) as { attempts: { sourceId: string }[] };
    expect(resolved.attempts.at(-1)!.sourceId).toBe('alpha@openai:gpt-echo');
  });

  it('export modelctl_probe_result and modelctl_probe_latency_seconds', async () => {
    const metrics = await get('/metrics');
    expect(metrics).toContain('# TYPE modelctl_probe_result gauge');
    expect(metrics).toMatch(/^modelctl_probe_result\{source="alpha@openai:gpt-echo",model="alpha",provider="openai",status="error"\} 1$/m);
    expect(metrics).toMatch(/^modelctl_probe_result\{source="alpha@openai:gpt-echo",model="alpha",provider="openai",status="usable"\} 0$/m);
    expect(metrics).toMatch(/^modelctl_probe_result\{source="beta@bedrock:titan-good",model="beta",provider="bedrock",status="usable"\} 1$/m);
    expect(metrics).toMatch(/^modelctl_probe_latency_seconds\{source="beta@bedrock:titan-good",provider="bedrock",phase="total"\} \d/m);
  });

  it('never put a credential in status, metrics or logs', async () => {
    const text = (await get('/v1/status')) + (await get('/metrics')) + JSON.stringify(logs);
    for (const secret of [KEY, ...AWS_PAIR.split(':')]) for (let i = 0; i + 8 <= secret.length; i++) expect(text.includes(secret.slice(i, i + 8))).toBe(false);
    expect(logs.some((l) => l.msg === 'probes')).toBe(true);
  });
});
