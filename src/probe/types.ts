// Shapes of `modelctl test`: what is probed, how one probe ends, and the
// report. Plain serialisable data (schema/probe-result.schema.json).
import type { SnapshotCredentialRef } from '../generated/types.js';

/** `basic` is one minimal request; the rest check one claimed capability each. */
export type ProbeCheck = 'basic' | 'streaming' | 'tools' | 'image-input' | 'structured-output' | 'reasoning';

export const CAPABILITY_CHECKS: readonly ProbeCheck[] = ['streaming', 'tools', 'image-input', 'structured-output', 'reasoning'];

export type ProbeStatus = 'usable' | 'error' | 'timeout' | 'unsupported' | 'skipped';

/** One upstream route to probe: a snapshot source plus what the probe needs from its model and provider. */
export interface ProbeTarget {
  sourceId: string;
  /** Platform model name. */
  model: string;
  purpose: string;
  capabilities: readonly string[];
  provider: string;
  providerType: string;
  upstreamModel: string;
  protocol: string;
  baseUrl: string;
  /** Bedrock region (SigV4 scope). */
  region?: string;
  credential: SnapshotCredentialRef;
}

/** A request ready to send (the Bedrock SigV4 signature is added at the IO edge). */
export interface HttpCall {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The response is an event stream: read it as such. */
  stream: boolean;
  /** The event stream is AWS's binary framing (application/vnd.amazon.eventstream), not SSE: time to first byte is the first whole frame. */
  eventStream?: boolean;
  /** Sign with AWS SigV4 (service bedrock) before sending. */
  sigv4?: { region: string };
}

/** What a response means, before timing is added. */
export type Verdict =
  | { status: 'usable' }
  | { status: 'error'; httpStatus?: number; code?: string; message: string }
  | { status: 'unsupported'; capability: string; httpStatus?: number; code?: string; message: string };

export interface Latency {
  /** Request start to the first response byte (the first event, when streamed). */
  ttfbMs: number;
  /** Request start to the end of the response. */
  totalMs: number;
}

export interface CheckResult {
  check: ProbeCheck;
  status: ProbeStatus;
  httpStatus?: number;
  /** The upstream's error code (type, status or exception name), redacted. */
  code?: string;
  /** The upstream's error message, redacted; or why the check was skipped. */
  message?: string;
  /** For `unsupported`: the capability (or `protocol`) the upstream rejected. */
  capability?: string;
  latency?: Latency;
  /** Requests sent: 2 when a 429 was retried after its Retry-After. */
  attempts: number;
}

export interface SourceResult {
  id: string;
  model: string;
  provider: string;
  providerType: string;
  upstreamModel: string;
  protocol: string;
  baseUrl: string;
  /** The basic check's status, or the worst capability check's when the basic one passed. */
  status: ProbeStatus;
  checks: CheckResult[];
}

export interface ModelResult {
  name: string;
  purpose: string;
  usableSources: number;
  totalSources: number;
  sources: SourceResult[];
}

export interface ProbeReport {
  formatVersion: 1;
  summary: { models: number; sources: number } & Record<ProbeStatus, number>;
  models: ModelResult[];
}
