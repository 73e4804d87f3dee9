// AWS event streams (application/vnd.amazon.eventstream), as Bedrock's
// ConverseStream and InvokeModelWithResponseStream answer: a run of binary
// frames, each opened by its 4-byte big-endian total length. Frames are cut
// at that length and decoded (headers, payload, both CRCs checked) by
// @smithy/core/event-streams. Pure: bytes in, decoded frames out.
import { EventStreamCodec } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { isObject, parseJson, verdictFor } from './classify.js';
import type { ProbeCheck, Verdict } from './types.js';

export const EVENT_STREAM_TYPE = 'application/vnd.amazon.eventstream';

/** One decoded frame. `type` is the `:event-type`, `:exception-type` or `:error-code` header. */
export interface StreamFrame {
  messageType: 'event' | 'exception' | 'error' | string;
  type: string;
  /** The payload parsed as JSON, when it is JSON. */
  json: unknown;
  /** The payload as text (for an `error` frame, its `:error-message`). */
  text: string;
}

export interface DecodedStream {
  frames: StreamFrame[];
  /** Why decoding stopped early (a truncated frame, a CRC mismatch), if it did. */
  problem?: string;
}

/** Smallest frame: prelude (8) + prelude CRC (4) + message CRC (4). */
const MIN_FRAME = 16;

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** The byte length of the first frame when `bytes` holds all of it, else undefined (time to first frame). */
export function firstFrameLength(bytes: Uint8Array): number | undefined {
  if (bytes.length < 4) return undefined;
  const total = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, false);
  return total >= MIN_FRAME && bytes.length >= total ? total : undefined;
}

const header = (frame: { headers: Record<string, { type: string; value: unknown }> }, name: string): string | undefined => {
  const h = frame.headers[name];
  return h && h.type === 'string' ? String(h.value) : undefined;
};

export function decodeEventStream(bytes: Uint8Array): DecodedStream {
  const frames: StreamFrame[] = [];
  let at = 0;
  while (at < bytes.length) {
    const rest = bytes.subarray(at);
    if (rest.length < MIN_FRAME) return { frames, problem: `the event stream ends inside a frame (${rest.length} trailing bytes)` };
    const total = new DataView(rest.buffer, rest.byteOffset, rest.byteLength).getUint32(0, false);
    if (total < MIN_FRAME || total > rest.length) return { frames, problem: `frame ${frames.length + 1} announces ${total} bytes, ${rest.length} remain` };
    let message;
    try {
      message = codec.decode(rest.subarray(0, total));
    } catch (err) {
      return { frames, problem: `frame ${frames.length + 1} does not decode: ${(err as Error).message}` };
    }
    const messageType = header(message, ':message-type') ?? 'event';
    const type = (messageType === 'exception' ? header(message, ':exception-type') : messageType === 'error' ? header(message, ':error-code') : header(message, ':event-type')) ?? '';
    const text = messageType === 'error' ? (header(message, ':error-message') ?? '') : toUtf8(message.body);
    frames.push({ messageType, type, json: parseJson(text), text });
    at += total;
  }
  return { frames };
}

/**
 * A 2xx answer to a request that asked for an AWS event stream → verdict.
 * Not an event stream at all (a whole JSON answer): the capability silently
 * does not work. An exception or error frame: the stream had begun, so the
 * source failed while streaming (an error, named by the exception type).
 * Frames that do not decode: a bad response. Otherwise the adapter says
 * what, if anything, the decoded events lack.
 */
export function eventStreamVerdict(check: ProbeCheck, contentType: string | undefined, decoded: DecodedStream, missingIn: (frames: readonly StreamFrame[]) => string | null): Verdict {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== EVENT_STREAM_TYPE) return verdictFor(check, 200, undefined, `the answer is ${type || 'untyped'}, not an AWS event stream (${EVENT_STREAM_TYPE})`);
  const failure = decoded.frames.find((f) => f.messageType === 'exception' || f.messageType === 'error');
  if (failure) {
    const message = isObject(failure.json) && typeof failure.json['message'] === 'string' ? failure.json['message'] : failure.text.trim().slice(0, 500);
    return { status: 'error', code: failure.type || failure.messageType, message: message || `${failure.messageType} frame in the event stream` };
  }
  if (decoded.problem) return { status: 'error', code: 'bad-response', message: decoded.problem };
  return verdictFor(check, 200, undefined, missingIn(decoded.frames));
}
