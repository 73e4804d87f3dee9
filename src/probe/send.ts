// Sends one probe request with undici and reads the answer with timing.
// The only network code of the probe. SigV4 signing is aws4fetch's.
import { AwsV4Signer } from 'aws4fetch';
import type { Dispatcher } from 'undici';
import { request } from '../io/undici-lite.js';
import type { AwsAuth } from './aws-credentials.js';
import { EVENT_STREAM_TYPE, firstFrameLength } from './eventstream.js';
import type { HttpCall } from './types.js';

/** Bodies past this are not read further (probes ask for a few tokens). */
const MAX_BODY_BYTES = 1024 * 1024;

export type Sent =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string; bytes: Uint8Array; ttfbMs: number; totalMs: number }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'network'; code: string; message: string };

export async function signCall(call: HttpCall, auth: AwsAuth | undefined): Promise<HttpCall> {
  if (!call.sigv4 || !auth) return call;
  if (auth.kind === 'bearer') return { ...call, headers: { ...call.headers, authorization: `Bearer ${auth.token}` } };
  const signer = new AwsV4Signer({
    method: call.method,
    url: call.url,
    headers: call.headers,
    body: call.body,
    accessKeyId: auth.accessKeyId,
    secretAccessKey: auth.secretAccessKey,
    ...(auth.sessionToken ? { sessionToken: auth.sessionToken } : {}),
    service: 'bedrock',
    region: call.sigv4.region,
  });
  const signed = await signer.sign();
  const headers: Record<string, string> = {};
  signed.headers.forEach((v, k) => (headers[k] = v));
  return { ...call, headers };
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const errorCode = (err: unknown): string => {
  for (let e: unknown = err, d = 0; e && d < 4; e = (e as { cause?: unknown }).cause, d++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return 'network';
};

/** One request; `timeoutMs` bounds the whole exchange, body included. */
export async function send(call: HttpCall, dispatcher: Dispatcher, timeoutMs: number, outer?: AbortSignal): Promise<Sent> {
  const started = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onOuter = () => controller.abort();
  outer?.addEventListener('abort', onOuter, { once: true });
  try {
    const res = await request(call.url, { method: call.method, headers: call.headers, body: call.body, dispatcher, signal: controller.signal });
    const headers = flatHeaders(res.headers);
    // An AWS event stream's first byte is not yet an event: time its first whole frame.
    const framed = call.eventStream === true && (headers['content-type'] ?? '').toLowerCase().startsWith(EVENT_STREAM_TYPE);
    let ttfb: number | undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      if (size < MAX_BODY_BYTES) chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (ttfb === undefined && (!framed || firstFrameLength(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)) !== undefined)) ttfb = performance.now() - started;
    }
    const totalMs = performance.now() - started;
    const bytes = Buffer.concat(chunks);
    return { kind: 'response', status: res.statusCode, headers, body: bytes.toString('utf8'), bytes, ttfbMs: ttfb ?? totalMs, totalMs };
  } catch (err) {
    if (timedOut) return { kind: 'timeout', afterMs: timeoutMs };
    return { kind: 'network', code: errorCode(err), message: (err as Error).message };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  }
}
