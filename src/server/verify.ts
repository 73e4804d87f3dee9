// Checking a pushed document — parse, schema, references, version hash and,
// with a key, the signature — costs about a second of CPU for a 10,000-model
// snapshot (canonical JSON and sha256 of ~15 MB). A worker thread does it, so
// the event loop keeps answering resolve requests during a push. Where the
// worker script is not on disk (sources run by a test runner), it runs inline.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isEnvelope, loadSnapshot, type Snapshot } from '../runtime/index.js';
import { findDuplicateKey } from './json-keys.js';

/** `serial`: the signed serial, set only when a verify key checked the signature. */
export type Verdict = { ok: true; serial?: number } | { ok: false; code: 'invalid' | 'signature'; errors: string[] };
export type Checked = { ok: true; snapshot: Snapshot; serial?: number } | { ok: false; code: 'invalid' | 'signature'; errors: string[] };

export interface Verifier {
  readonly mode: 'worker' | 'inline';
  check(document: string): Promise<Checked>;
  close(): Promise<void>;
}

/** The whole check; with a key, a failure is a signature problem when the content alone would load. */
export async function verdict(document: string, publicKey: string | undefined): Promise<Verdict> {
  const loaded = await loadSnapshot(document, publicKey === undefined ? {} : { publicKey });
  if (loaded.ok) {
    // Only once the text parses: a syntax error is JSON.parse's to report.
    const dup = findDuplicateKey(document);
    if (dup) {
      const key = JSON.stringify(dup.key.length > 80 ? `${dup.key.slice(0, 80)}…` : dup.key);
      return { ok: false, code: 'invalid', errors: [`${dup.pointer}: duplicate key ${key} (line ${dup.line}, column ${dup.column}); JSON parsers disagree on which value wins, so a key may appear only once per object`] };
    }
    return loaded.serial === undefined ? { ok: true } : { ok: true, serial: loaded.serial };
  }
  const signature = publicKey !== undefined && (await loadSnapshot(document)).ok;
  return { ok: false, code: signature ? 'signature' : 'invalid', errors: loaded.errors };
}

/** After a passing verdict: the snapshot, parsed once more on this thread. */
function accept(document: string, serial: number | undefined): Checked {
  const doc = JSON.parse(document) as unknown;
  const snapshot = (isEnvelope(doc) ? doc.snapshot : doc) as Snapshot;
  return serial === undefined ? { ok: true, snapshot } : { ok: true, snapshot, serial };
}

export function inlineVerifier(publicKey: string | undefined): Verifier {
  return {
    mode: 'inline',
    async check(document) {
      const v = await verdict(document, publicKey);
      return v.ok ? accept(document, v.serial) : v;
    },
    async close() {},
  };
}

const WORKER_URL = new URL('./verify-worker.js', import.meta.url);

export function workerVerifier(publicKey: string | undefined): Verifier {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: Verdict) => void; reject: (e: Error) => void }>();
  const fail = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = null;
  };
  const spawnWorker = (): Worker => {
    const w = new Worker(WORKER_URL, { workerData: { publicKey } });
    w.unref();
    w.on('message', (m: Verdict & { id: number }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      const { id: _id, ...v } = m;
      p?.resolve(v as Verdict);
    });
    w.on('error', (err) => fail(err));
    w.on('exit', (code) => fail(new Error(`verify worker exited with ${code}`)));
    return w;
  };
  return {
    mode: 'worker',
    async check(document) {
      worker ??= spawnWorker();
      const id = nextId++;
      const w = worker;
      const v = await new Promise<Verdict>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, document });
      });
      return v.ok ? accept(document, v.serial) : v;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) {
        w.removeAllListeners('exit');
        await w.terminate();
      }
    },
  };
}

export function defaultVerifier(publicKey: string | undefined, prefer: 'worker' | 'inline' = 'worker'): Verifier {
  return prefer === 'worker' && existsSync(fileURLToPath(WORKER_URL)) ? workerVerifier(publicKey) : inlineVerifier(publicKey);
}
