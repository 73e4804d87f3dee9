// Checking a pushed document: parse, schema, references, version hash and,
// with a key, the signature. Small documents (up to INLINE_MAX_BYTES) are
// checked on the event loop in one go. A large one is checked in two halves
// that run at once on two cores: the worker checks the bytes (canonical form,
// version hash, signature: byte-verdict.ts) while the main thread finds the
// members, rebuilds the value and validates it in slices between requests
// (speculate.ts). For the canonical bytes every modelctl client sends, that
// is the only parse. Other bytes get the full check in the worker as well,
// which names what is wrong (a duplicate key, a forged version).
//
// The worker reads the very bytes the main thread holds: a large body is read
// into shared memory (http.ts readBody), so nothing is copied or cloned (a
// structured clone of a 15 MB string cost ~250 ms of event loop).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadSnapshot, type Snapshot } from '../runtime/index.js';
import { loadSnapshotWith } from '../runtime/envelope.js';
import { drain } from '../runtime/steps.js';
import { canonicalSnapshotBytes } from '../snapshot-bytes/canonical-scan.js';
import { byteVerdict } from '../snapshot-bytes/byte-verdict.js';
import { findDuplicateKey } from '../snapshot-bytes/json-keys.js';
import { runSliced } from './sliced.js';
import { speculateSteps, validateSpeculation, type Speculation } from './speculate.js';
import { checkDelta, type Basis } from '../snapshot-bytes/delta.js';
import { documentBuffer } from '../io/buffers.js';

/**
 * The worker's answer. `serial`: the signed serial, set only when a verify key
 * checked the signature. A pass may have checked the bytes only: the schema
 * and rules are the main thread's half either way.
 */
export type Verdict = { ok: true; serial?: number; validated: boolean } | { ok: false; code: 'invalid' | 'signature'; errors: string[] };
/**
 * `bytes`: the document as checked (UTF-8), to persist and serve as is.
 * `basis`: kept with the live document when its bytes are canonical, so the
 * next push can be checked by what changed (delta.ts).
 */
export type Checked = { ok: true; snapshot: Snapshot; serial?: number; bytes: Buffer; basis?: Basis } | { ok: false; code: 'invalid' | 'signature'; errors: string[] };

export interface Verifier {
  readonly mode: 'worker' | 'inline';
  /** How many checks ran on the event loop, in the worker, and by difference from the live document (for tests and status). */
  readonly counts: { inline: number; worker: number; delta: number };
  /** `basis`: the live document's, when it has one; a push that changes one of its models is checked by the change. */
  check(document: string | Uint8Array, basis?: Basis): Promise<Checked>;
  close(): Promise<void>;
}

const decoder = new TextDecoder();

type Examined = { ok: true; snapshot: Snapshot; serial?: number } | Extract<Verdict, { ok: false }>;

/** The whole check, one parse; with a key, a failure is a signature problem when the content alone would load. */
async function examine(bytes: Uint8Array, publicKey: string | undefined, canonical: Uint8Array | null): Promise<Examined> {
  const document = decoder.decode(bytes);
  const loaded = await loadSnapshotWith(document, publicKey === undefined ? {} : { publicKey }, canonical ?? undefined);
  if (loaded.ok) {
    // Only once the text parses: a syntax error is JSON.parse's to report.
    // Canonical bytes have strictly ascending keys, so no key repeats.
    const dup = canonical ? null : findDuplicateKey(document);
    if (dup) {
      const key = JSON.stringify(dup.key.length > 80 ? `${dup.key.slice(0, 80)}…` : dup.key);
      return { ok: false, code: 'invalid', errors: [`${dup.pointer}: duplicate key ${key} (line ${dup.line}, column ${dup.column}); JSON parsers disagree on which value wins, so a key may appear only once per object`] };
    }
    return loaded.serial === undefined ? { ok: true, snapshot: loaded.snapshot } : { ok: true, snapshot: loaded.snapshot, serial: loaded.serial };
  }
  const signature = publicKey !== undefined && (await loadSnapshot(document)).ok;
  return { ok: false, code: signature ? 'signature' : 'invalid', errors: loaded.errors };
}

/** The worker's half: with `bytesOnly`, the bytes alone when they are canonical; else the full check. */
export async function verdict(bytes: Uint8Array, publicKey: string | undefined, bytesOnly: boolean): Promise<Verdict> {
  const canonical = canonicalSnapshotBytes(bytes);
  const quick = bytesOnly && canonical && (await byteVerdict(bytes, canonical, publicKey));
  if (quick) return { ok: true, ...quick, validated: false };
  const e = await examine(bytes, publicKey, canonical);
  if (!e.ok) return e;
  return e.serial === undefined ? { ok: true, validated: true } : { ok: true, serial: e.serial, validated: true };
}

/** What a check that threw (a stack overflow on deeply nested input, say) answers, here and in the worker alike. */
export function thrownAsInvalid(err: unknown): Extract<Verdict, { ok: false }> {
  return { ok: false, code: 'invalid', errors: [`/: ${(err as Error).message}`] };
}

/** checkHere, with what it throws answered as the worker answers it. */
async function checkHereSafely(bytes: Buffer, publicKey: string | undefined): Promise<Checked> {
  try {
    return await checkHere(bytes, publicKey);
  } catch (err) {
    return thrownAsInvalid(err);
  }
}

/** The check on this thread, keeping the one parse it made. */
async function checkHere(bytes: Buffer, publicKey: string | undefined): Promise<Checked> {
  const canonical = canonicalSnapshotBytes(bytes);
  // Canonical bytes whose hash (and signature) hold: the halves of a large check, run here in one go
  // (a model at a time is cheaper than one decode and JSON.parse of the whole text, and no hash is
  // taken twice): ~25 ms instead of ~45 at 1,000 models, which every replica of a fleet pays per apply.
  const quick = canonical && (await byteVerdict(bytes, canonical, publicKey));
  const s = quick ? drain(speculateSteps(bytes)) : null;
  if (quick && s) return join(bytes, { ok: true, ...quick, validated: false }, s, publicKey, drain);
  // Not canonical (or a check failed): the full check, and no basis to keep.
  const e = await examine(bytes, publicKey, canonical);
  if (!e.ok) return e;
  return e.serial === undefined ? { ok: true, snapshot: e.snapshot, bytes } : { ok: true, snapshot: e.snapshot, serial: e.serial, bytes };
}

/**
 * Documents up to this size are checked on the event loop, in one turn:
 * at 1,000 models (1.5 MB) the whole check is ~30 ms, less than handing the
 * bytes to the worker, parsing them there and rebuilding the value here
 * (~150 ms of CPU, measured on a replica), and than starting an idle
 * worker again. Replicas of a fleet each pay that per apply, on shared cores.
 */
export const INLINE_MAX_BYTES = 2 * 1024 * 1024;


/** Both halves of a large check, joined: the worker's verdict on the bytes, this thread's value (validated here when the worker did not). */
async function join(bytes: Buffer, v: Verdict, s: Speculation | null, publicKey: string | undefined, run: <T>(steps: Generator<void, T>) => T | Promise<T> = runSliced): Promise<Checked> {
  if (!v.ok) return { ok: false, code: v.code, errors: v.errors };
  // Bytes the worker passed always have a snapshot's shape; should they not, the full check here decides.
  if (!s) return checkHereSafely(bytes, publicKey);
  let snapshot = s.snapshot as Snapshot;
  if (!v.validated) {
    const checked = await run(validateSpeculation(s));
    if (!checked.ok) return { ok: false, code: 'invalid', errors: checked.errors };
    snapshot = checked.snapshot;
  }
  // The worker checked bytes only when they are canonical: then they can be the next push's basis.
  const basis = v.validated ? undefined : basisOf(bytes, s, snapshot);
  const out: Checked = v.serial === undefined ? { ok: true, snapshot, bytes } : { ok: true, snapshot, serial: v.serial, bytes };
  return basis ? { ...out, basis } : out;
}

/** The basis of canonical bytes: the snapshot's bytes (an envelope's `snapshot` member, its second) and its models' spans within them. */
function basisOf(bytes: Buffer, s: Speculation, snapshot: Snapshot): Basis {
  const env = s.spans.envelope;
  const start = s.inEnvelope ? env[6]! : 0;
  const end = s.inEnvelope ? env[7]! : bytes[bytes.length - 1] === 0x0a ? bytes.length - 1 : bytes.length;
  const models = s.spans.models.slice();
  for (let k = 0; k < models.length; k++) models[k]! -= start;
  return { canonical: bytes.subarray(start, end), models, snapshot };
}

/** The check by difference from `basis`, when it applies; what it throws (deep nesting) leaves the decision to the full check. */
async function byDifference(bytes: Buffer, basis: Basis | undefined, publicKey: string | undefined, counts: { delta: number }): Promise<Checked | null> {
  if (!basis) return null;
  let d;
  try {
    d = await checkDelta(bytes, basis, publicKey);
  } catch {
    return null;
  }
  if (!d) return null;
  counts.delta++;
  return d.serial === undefined ? { ok: true, snapshot: d.snapshot, bytes, basis: d.basis } : { ok: true, snapshot: d.snapshot, serial: d.serial, bytes, basis: d.basis };
}

/** The bytes in shared memory, which the worker reads in place (a large body is read there already). */
function shared(bytes: Buffer): Buffer {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const out = Buffer.from(new SharedArrayBuffer(bytes.length));
  bytes.copy(out);
  return out;
}

export function inlineVerifier(publicKey: string | undefined): Verifier {
  const counts = { inline: 0, worker: 0, delta: 0 };
  return {
    mode: 'inline',
    counts,
    async check(document, basis) {
      const bytes = documentBuffer(document);
      const changed = await byDifference(bytes, basis, publicKey, counts);
      if (changed) return changed;
      counts.inline++;
      return checkHereSafely(bytes, publicKey);
    },
    async close() {},
  };
}

const WORKER_URL = new URL('./verify-worker.js', import.meta.url);

/**
 * An idle worker is stopped after this long: its heap keeps the last check's
 * parse (~2x the document) until V8 decides to collect, which doubled the
 * resident memory of a server holding a 10,000-model snapshot. Starting one
 * again costs 100-150 ms, so pushes a few seconds apart (CI applies, a
 * replica following a busy source) keep it.
 */
const WORKER_IDLE_MS = 5_000;

/**
 * `validateOn`: where a large canonical push's schema and rules run. 'main'
 * (the default): on the value this thread rebuilds anyway, so the document
 * is parsed once; the worker checks bytes only. 'worker': the worker parses
 * and validates a copy too (more CPU in all; measured no better for resolves
 * during pushes on two cores). Both give the same answers (test/server/verify.test.ts).
 */
export function workerVerifier(publicKey: string | undefined, idleMs = WORKER_IDLE_MS, inlineMaxBytes = INLINE_MAX_BYTES, validateOn: 'worker' | 'main' = 'main'): Verifier {
  let worker: Worker | null = null;
  let idle: NodeJS.Timeout | undefined;
  let nextId = 0;
  const stop = async (): Promise<void> => {
    clearTimeout(idle);
    const w = worker;
    worker = null;
    if (w) {
      w.removeAllListeners('exit');
      await w.terminate();
    }
  };
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
  const counts = { inline: 0, worker: 0, delta: 0 };
  return {
    mode: 'worker',
    counts,
    async check(document, basis) {
      // Encoded once, for the check by difference and the full check alike (a kept or --snapshot document is a string).
      const encoded = documentBuffer(document);
      const changed = basis && (await byDifference(encoded, basis, publicKey, counts));
      if (changed) return changed;
      if (encoded.length <= inlineMaxBytes) {
        counts.inline++;
        return checkHereSafely(encoded, publicKey);
      }
      counts.worker++;
      clearTimeout(idle);
      worker ??= spawnWorker();
      const id = nextId++;
      const w = worker;
      const bytes = shared(encoded);
      const bytesChecked = new Promise<Verdict>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, bytes, bytesOnly: validateOn === 'main' });
      }).finally(() => {
        if (pending.size === 0) idle = setTimeout(() => void stop(), idleMs).unref();
      });
      const [v, s] = await Promise.all([bytesChecked, runSliced(speculateSteps(bytes))]);
      return join(bytes, v, s, publicKey);
    },
    close: stop,
  };
}

export function defaultVerifier(publicKey: string | undefined, prefer: 'worker' | 'inline' = 'worker', inlineMaxBytes = INLINE_MAX_BYTES): Verifier {
  return prefer === 'worker' && existsSync(fileURLToPath(WORKER_URL)) ? workerVerifier(publicKey, WORKER_IDLE_MS, inlineMaxBytes) : inlineVerifier(publicKey);
}
