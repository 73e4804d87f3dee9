// The worker's check of a canonical push without parsing it. Every modelctl
// client sends canonical JSON, and for those bytes the version hash and the
// signature are checks on bytes: the version is the sha256 of the bytes
// without their final `,"version":…` member, and the signature covers the
// snapshot's bytes as they are. What needs the value — the schema and the
// cross-reference rules — runs once, on the main thread, on the value it
// rebuilds from the spans for the resolver anyway (verify.ts). Parsing the
// document a second time in the worker only to validate it was ~300 ms of a
// 10,000-model push.
//
// Anything that does not pass here (not canonical, a wrong hash, a bad
// signature, no models) returns null, and the full check in the worker
// gives the exact error, as it would have without this path.
import { verifyCanonicalSignature } from '../runtime/envelope.js';
import { versionFromCanonical } from '../runtime/version.js';
import { snapshotSpans, type SnapshotSpans } from './json-spans.js';

const decoder = new TextDecoder();
/** The last member of a canonical snapshot ("version" sorts after every other key the schema allows). */
const VERSION_TAIL = /,"version":"(sha256:[0-9a-f]{64})"\}$/;

export type ByteVerdict = { spans: SnapshotSpans; serial?: number };

/** `canonical`: the snapshot's canonical bytes within `bytes` (canonicalSnapshotBytes). */
export async function byteVerdict(bytes: Uint8Array, canonical: Uint8Array, publicKey: string | undefined): Promise<ByteVerdict | null> {
  const tail = VERSION_TAIL.exec(decoder.decode(canonical.subarray(Math.max(0, canonical.length - 90))));
  if (!tail) return null;
  const version = tail[1]!;
  if ((await versionFromCanonical(canonical, version)) !== version) return null;
  let spans: SnapshotSpans;
  try {
    spans = snapshotSpans(bytes);
  } catch {
    return null; // no models member, or not an object: the schema check says so
  }
  if (publicKey === undefined) return { spans };
  const signature = member(bytes, spans.envelope, 'signature');
  if (signature === undefined) return null;
  const serial = await verifyCanonicalSignature(signature, publicKey, canonical);
  return typeof serial === 'number' ? { spans, serial } : null;
}

/** The parsed value of member `name` of an object given by its member spans; undefined when absent. */
function member(bytes: Uint8Array, spans: Uint32Array, name: string): unknown {
  for (let m = 0; m < spans.length / 4; m++) {
    if (JSON.parse(decoder.decode(bytes.subarray(spans[m * 4]!, spans[m * 4 + 1]!))) === name) return JSON.parse(decoder.decode(bytes.subarray(spans[m * 4 + 2]!, spans[m * 4 + 3]!))) as unknown;
  }
  return undefined;
}
