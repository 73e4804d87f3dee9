// One check of one source: build (pure), authenticate, send, honour one 429
// Retry-After, classify (pure), redact. Never throws for an upstream's sake.
import type { Dispatcher } from 'undici';
import { awsAuth } from './aws-credentials.js';
import { verdictFor } from './classify.js';
import { describeRef } from './credential.js';
import { decodeEventStream, eventStreamVerdict } from './eventstream.js';
import { ADAPTERS } from './protocols/index.js';
import { redactSecrets, secretParts } from './redact.js';
import { retryAfterMs } from './retry-after.js';
import { send, signCall } from './send.js';
import type { CheckResult, ProbeCheck, ProbeTarget } from './types.js';

export interface ProbeContext {
  dispatcher: Dispatcher;
  timeoutMs: number;
  env: Record<string, string | undefined>;
  /** Longest Retry-After honoured (ms); a longer one is reported as the 429 it is. */
  maxRetryAfterMs: number;
  signal?: AbortSignal;
}

const MAX_MESSAGE = 300;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export async function probeCheck(target: ProbeTarget, check: ProbeCheck, secret: string | undefined, ctx: ProbeContext): Promise<CheckResult> {
  const adapter = ADAPTERS[target.protocol];
  if (!adapter) return { check, status: 'skipped', message: `protocol ${target.protocol} is not probed`, attempts: 0 };
  const aws = target.providerType === 'bedrock' ? awsAuth(secret, ctx.env) : undefined;
  if (!secret && !aws) return { check, status: 'error', code: 'credential-missing', message: `credential ${describeRef(target.credential)} is not set here`, attempts: 0 };
  const built = adapter.build(target, check, secret ?? '');
  if ('skip' in built) return { check, status: 'skipped', message: built.skip, attempts: 0 };
  const secrets = [
    ...(secret ? secretParts(secret) : []),
    ...(aws?.kind === 'sigv4' ? [aws.accessKeyId, aws.secretAccessKey, ...(aws.sessionToken ? [aws.sessionToken] : [])] : aws ? [aws.token] : []),
  ];
  const clean = (s: string) => {
    const r = redactSecrets(s, secrets);
    return r.length > MAX_MESSAGE ? r.slice(0, MAX_MESSAGE) + '…' : r;
  };

  for (let attempt = 1; ; attempt++) {
    // Signed per attempt: a SigV4 signature carries its time.
    const call = await signCall(built, aws);
    const sent = await send(call, ctx.dispatcher, ctx.timeoutMs, ctx.signal);
    if (sent.kind === 'timeout') return { check, status: 'timeout', message: `no complete answer within ${sent.afterMs / 1000}s`, attempts: attempt };
    if (sent.kind === 'network') return { check, status: 'error', code: clean(sent.code), message: clean(sent.message), attempts: attempt };
    if (sent.status === 429 && attempt === 1) {
      const wait = retryAfterMs(sent.headers['retry-after'], Date.now());
      if (wait !== undefined && wait <= ctx.maxRetryAfterMs) {
        await sleep(wait, ctx.signal);
        continue;
      }
    }
    const ok = sent.status >= 200 && sent.status < 300;
    const verdict =
      ok && built.eventStream && adapter.missingInFrames
        ? eventStreamVerdict(check, sent.headers['content-type'], decodeEventStream(sent.bytes), (frames) => adapter.missingInFrames!(check, frames))
        : verdictFor(check, sent.status, ok ? undefined : adapter.error(sent.body, sent.headers), ok ? adapter.missing(check, sent.body) : null);
    const latency = { ttfbMs: Math.round(sent.ttfbMs), totalMs: Math.round(sent.totalMs) };
    if (verdict.status === 'usable') return { check, status: 'usable', latency, attempts: attempt };
    return {
      check,
      status: verdict.status,
      ...(verdict.httpStatus !== undefined ? { httpStatus: verdict.httpStatus } : {}),
      ...(verdict.code ? { code: clean(verdict.code) } : {}),
      message: clean(verdict.message),
      ...(verdict.status === 'unsupported' ? { capability: verdict.capability } : {}),
      latency,
      attempts: attempt,
    };
  }
}
