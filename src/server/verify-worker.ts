// The worker half of verify.ts: runs the full snapshot check off the event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { verdict } from './verify.js';

const { publicKey } = workerData as { publicKey: string | undefined };

parentPort!.on('message', (m: { id: number; bytes: Uint8Array }) => {
  // The bytes (and the spans) go back moved, not copied: the main thread keeps them to persist and serve.
  const moved = [m.bytes.buffer as ArrayBuffer];
  verdict(m.bytes, publicKey).then(
    (v) => parentPort!.postMessage({ id: m.id, bytes: m.bytes, ...v }, v.ok ? [...moved, ...([v.spans.envelope.buffer, v.spans.snapshot.buffer, v.spans.models.buffer] as ArrayBuffer[])] : moved),
    (err: Error) => parentPort!.postMessage({ id: m.id, bytes: m.bytes, ok: false, code: 'invalid', errors: [`/: ${err.message}`] }, moved),
  );
});
