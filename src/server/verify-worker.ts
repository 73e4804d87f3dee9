// The worker half of verify.ts: runs the full snapshot check off the event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { thrownAsInvalid, verdict } from './verify.js';

const { publicKey } = workerData as { publicKey: string | undefined };

parentPort!.on('message', (m: { id: number; bytes: Uint8Array; bytesOnly: boolean }) => {
  // The bytes are shared with the main thread, which keeps them: nothing is sent back but the verdict.
  verdict(m.bytes, publicKey, m.bytesOnly).then(
    (v) => parentPort!.postMessage({ id: m.id, ...v }),
    (err: unknown) => parentPort!.postMessage({ id: m.id, ...thrownAsInvalid(err) }),
  );
});
