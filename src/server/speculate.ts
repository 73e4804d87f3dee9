// The main thread's half of checking a large push, run while the worker
// checks the bytes (canonical form, version hash, signature): find the
// members, rebuild the value (and, when the worker checked bytes only,
// validate it), in slices between requests.
// On the common path — canonical bytes whose hash and signature hold — this
// is the only parse of the document, and the two halves overlap on two cores
// instead of running one after the other. The result is used only once the
// worker's verdict says the bytes may be taken (verify.ts); on bytes that are
// not JSON or not a snapshot's shape it is null and the worker's answer stands.
import { validateSnapshotSteps, type SnapshotValidation } from '../runtime/validate-snapshot.js';
import { assembleSteps } from '../snapshot-bytes/assemble.js';
import { snapshotSpansSteps, type SnapshotSpans } from '../snapshot-bytes/json-spans.js';

export interface Speculation {
  /** The snapshot (an envelope's `snapshot` member), as JSON.parse would give it. */
  snapshot: unknown;
  inEnvelope: boolean;
  /** Where its members sit in the bytes (kept as the next push's basis when the bytes are canonical). */
  spans: SnapshotSpans;
}

export function* speculateSteps(bytes: Uint8Array): Generator<void, Speculation | null> {
  try {
    const spans = yield* snapshotSpansSteps(bytes);
    const inEnvelope = spans.envelope.length > 0;
    const doc = yield* assembleSteps(bytes, spans);
    return { snapshot: inEnvelope ? (doc as { snapshot: unknown }).snapshot : doc, inEnvelope, spans };
  } catch {
    return null; // not JSON, or not a snapshot's shape: the worker says what is wrong
  }
}

/** The schema and rules on the speculated value, in steps; an envelope's errors carry its `/snapshot` prefix. */
export function* validateSpeculation(s: Speculation): Generator<void, SnapshotValidation> {
  const checked = yield* validateSnapshotSteps(s.snapshot);
  return checked.ok || !s.inEnvelope ? checked : { ok: false, errors: checked.errors.map((e) => `/snapshot${e}`) };
}
