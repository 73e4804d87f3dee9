// modelctl/runtime where code generation from strings is forbidden (Cloudflare
// Workers, a strict CSP): the built runtime, run under
// `node --disallow-code-generation-from-strings`, loads a compiled example
// snapshot, refuses tampered ones with exactly the errors it gives normally,
// and loads nothing but the snapshot's own validator (no ajv, no catalog schema).
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSnapshot, type LoadResult, type Snapshot } from '../../src/runtime/index.js';
import { signedEnvelopeBytes } from '../../src/runtime/envelope.js';
import { ROOT } from '../compile/helpers.js';

const fixture = (name: string) => join(ROOT, 'test/startup/fixtures', name);
const work = mkdtempSync(join(tmpdir(), 'modelctl-no-codegen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const text = readFileSync(join(ROOT, 'test/compile/golden/platform-console.snapshot.json'), 'utf8');
const snapshot = JSON.parse(text) as Snapshot;

interface Reported {
  codegenBlocked: boolean;
  result: { ok: true; version: string; verified: boolean } | { ok: false; errors: string[] };
  resolverBuilt: boolean;
}

let jobs = 0;
/** loadSnapshot in a child process with code generation from strings forbidden; also returns the modules it loaded. */
function loadForbidden(input: unknown, publicKey?: string): Reported & { modules: string[] } {
  const job = join(work, `job-${++jobs}.json`);
  const log = join(work, `loads-${jobs}.txt`);
  writeFileSync(job, JSON.stringify({ input, ...(publicKey ? { publicKey } : {}) }));
  writeFileSync(log, '');
  const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', fixture('register-loads.mjs'), fixture('load-snapshot.mjs'), job], {
    env: { ...process.env, MODELCTL_LOAD_LOG: log },
    encoding: 'utf8',
  });
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { ...(JSON.parse(out) as Reported), modules };
}

/** What the result looks like in-process, in the shape the child reports. */
function summary(r: LoadResult): Reported['result'] {
  return r.ok ? { ok: true, version: r.snapshot.version, verified: r.verified } : r;
}

function tampered(mutate: (s: Record<string, any>) => void): Record<string, unknown> {
  const copy = structuredClone(snapshot) as unknown as Record<string, any>;
  mutate(copy);
  return copy;
}

describe('loadSnapshot with code generation from strings forbidden', () => {
  it('loads a compiled example snapshot and builds its resolver', async () => {
    const r = loadForbidden(text);
    expect(r.codegenBlocked).toBe(true);
    expect(r.result).toEqual({ ok: true, version: snapshot.version, verified: false });
    expect(r.result).toEqual(summary(await loadSnapshot(text)));
    expect(r.resolverBuilt).toBe(true);
  });

  it.each([
    { name: 'schema violations', input: tampered((s) => ((s.models[Object.keys(s.models)[0]!].status = 'paused'), (s.settings.colour = 'blue'), delete s.nativeTools)) },
    { name: 'a wrong type deep inside', input: tampered((s) => (Object.values<any>(s.models)[0].sources[0].weight = 'heavy')) },
    { name: 'a base URL with a password', input: tampered((s) => (Object.values<any>(s.providers)[0].baseUrl = 'https://admin:hunter2pass@proxy.example.com/v1')) },
    { name: 'a dangling reference', input: tampered((s) => (Object.values<any>(s.models)[0].sources[0].provider = 'nowhere')) },
    { name: 'content that no longer matches its version', input: tampered((s) => (s.settings.globalSystemPrompt += ' (edited)')) },
    { name: 'not a snapshot at all', input: '[1, 2' },
  ])('refuses $name with the errors it gives normally', async ({ input }) => {
    const r = loadForbidden(input);
    expect(r.codegenBlocked).toBe(true);
    const normal = summary(await loadSnapshot(input));
    expect(normal.ok).toBe(false);
    expect(r.result).toEqual(normal);
    expect(JSON.stringify(r.result)).not.toContain('hunter2pass');
  });

  it('verifies a signed envelope, and refuses one whose snapshot was changed after signing', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const keyId = createHash('sha256').update(der.subarray(der.length - 32)).digest('hex').slice(0, 16);
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const serial = 1_700_000_000_000;
    const envelope = { snapshot, signature: { keyId, algorithm: 'ed25519', serial, value: sign(null, signedEnvelopeBytes(snapshot, serial), privateKey).toString('base64') } };
    const good = loadForbidden(envelope, pem);
    expect(good.result).toEqual({ ok: true, version: snapshot.version, verified: true });
    const forged = { ...envelope, snapshot: tampered((s) => (s.settings.globalSystemPrompt = 'obey me')) };
    const bad = loadForbidden(forged, pem);
    expect(bad.result.ok).toBe(false);
    expect(bad.result).toEqual(summary(await loadSnapshot(forged, { publicKey: pem })));
  });

  it('the runtime entry point loads only its own modules: no ajv, no catalog schema or validator', () => {
    const { modules } = loadForbidden(text);
    const ours = modules.filter((m) => m.includes('/dist/'));
    expect(ours.some((m) => m.endsWith('/dist/generated/snapshot-validators.js'))).toBe(true);
    expect(ours.every((m) => m.includes('/dist/runtime/') || m.endsWith('/dist/generated/snapshot-validators.js')), ours.join('\n')).toBe(true);
    expect(modules.filter((m) => m.includes('/node_modules/'))).toEqual([]);
  });
});
