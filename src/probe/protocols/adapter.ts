// One adapter per wire protocol: build the minimal request for a check, and
// read a response. Pure: no clock, no network, the secret passed in.
import type { UpstreamError } from '../classify.js';
import type { StreamFrame } from '../eventstream.js';
import type { HttpCall, ProbeCheck, ProbeTarget } from '../types.js';

export interface ProtocolAdapter {
  /** The request for this check, or why the check cannot be made in this protocol. */
  build(target: ProbeTarget, check: ProbeCheck, secret: string): HttpCall | { skip: string };
  /** null when a 2xx body is what the check expects; else what is missing. */
  missing(check: ProbeCheck, body: string): string | null;
  /** For a call with `eventStream`: null when the decoded event frames are what the check expects; else what is missing. */
  missingInFrames?(check: ProbeCheck, frames: readonly StreamFrame[]): string | null;
  /** The upstream's error code and message from an error response. */
  error(body: string, headers: Record<string, string>): UpstreamError | undefined;
}
