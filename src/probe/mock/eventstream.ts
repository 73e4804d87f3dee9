// Bedrock's streamed answers in AWS event-stream framing
// (application/vnd.amazon.eventstream), encoded by @smithy/core/event-streams:
// an event frame carries `:event-type`, `:content-type` and
// `:message-type: event`; a failure mid-stream is a frame with
// `:message-type: exception` and `:exception-type`, its payload `{ message }`.
import { EventStreamCodec } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { MockReply } from './types.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });

export const eventFrame = (eventType: string, payload: unknown): Uint8Array =>
  codec.encode({
    headers: { ':event-type': str(eventType), ':content-type': str('application/json'), ':message-type': str('event') },
    body: fromUtf8(JSON.stringify(payload)),
  });

export const exceptionFrame = (exceptionType: string, message: string): Uint8Array =>
  codec.encode({
    headers: { ':exception-type': str(exceptionType), ':content-type': str('application/json'), ':message-type': str('exception') },
    body: fromUtf8(JSON.stringify({ message })),
  });

/** Frames written one by one, as Bedrock flushes each event. */
export const eventStream = (frames: Uint8Array[]): MockReply => ({
  status: 200,
  headers: { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'mock' },
  body: frames,
});
