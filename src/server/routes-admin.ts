// The admin API: PUT /v1/snapshot, GET /v1/history (?version=V for one kept
// document, so `modelctl rollback` can show its plan first), POST /v1/rollback. Every
// call needs the admin token; writes need a precondition (If-Match or
// If-None-Match), so no client can overwrite a state it has not seen.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { metaFromHeaders } from '../io/apply-meta.js';
import { commit, type CommitResult, type Precondition } from './commit.js';
import type { Handler, ServerContext } from './context.js';
import { authorized } from './guard.js';
import { etag, parseEtags, readBody, readBodyBytes, sendError, sendJson, sendText } from './http.js';

/** If-Match / If-None-Match as a check on the live version; null when neither is sent. */
function precondition(req: IncomingMessage): Precondition | null {
  const ifMatch = parseEtags(req.headers['if-match']);
  const ifNoneMatch = parseEtags(req.headers['if-none-match']);
  if (ifMatch === null && ifNoneMatch === null) return null;
  return (current) => {
    if (ifMatch === '*' && current === null) return false;
    if (Array.isArray(ifMatch) && (current === null || !ifMatch.includes(current))) return false;
    if (ifNoneMatch === '*' && current !== null) return false;
    if (Array.isArray(ifNoneMatch) && current !== null && ifNoneMatch.includes(current)) return false;
    return true;
  };
}

function sendStale(res: ServerResponse, ctx: ServerContext, current: string | null): void {
  ctx.metrics.push('stale');
  const message = current ? `the live snapshot is ${current}; plan again against it` : 'no snapshot is live; send If-None-Match: *';
  sendError(res, 412, { code: 'stale', message }, { current }, current ? { etag: etag(current) } : {});
}

/**
 * 409, not 412: the live version may well match If-Match — the document itself
 * is older than one already accepted, and planning again will not help; signing
 * it again (a new serial) will.
 */
function sendReplay(res: ServerResponse, ctx: ServerContext, r: Extract<CommitResult, { status: 'replay' }>): void {
  ctx.metrics.push('replay');
  const message =
    r.serial === null
      ? 'the snapshot carries no signed serial'
      : `signed serial ${r.serial} is not above ${r.newest}, the newest this server accepted: an older signed snapshot is not pushed again (sign it anew, or POST /v1/rollback to a kept version)`;
  ctx.log({ level: 'warn', msg: 'push refused', reason: 'replay', serial: r.serial, newestSerial: r.newest });
  sendError(res, 409, { code: 'replay', message }, { serial: r.serial, newestSerial: r.newest });
}

/**
 * A replica (serve --follow) takes snapshots from its source only: a write
 * here would be overwritten at the next sync, or fork the fleet. 405 before
 * any token is looked at, pointing at the source (its redacted description).
 */
function refusedOnReplica(res: ServerResponse, ctx: ServerContext, allow: string): boolean {
  if (!ctx.follow) return false;
  ctx.metrics.push('replica');
  const source = ctx.follow.description;
  const message = `this server is a read-only replica following ${source}: apply and roll back there (modelctl apply --target <the source>), and every replica follows`;
  sendError(res, 405, { code: 'replica', message }, { source }, { allow });
  return true;
}

function tooLarge(res: ServerResponse, ctx: ServerContext, decoded = false): void {
  ctx.metrics.push('too-large');
  const what = decoded ? 'the body decompresses to' : 'the body is';
  // The rest of the body is never read: close the connection rather than drain it.
  sendError(res, 413, { code: 'too-large', message: `${what} over ${ctx.maxBodyBytes} bytes, this server's limit (modelctl serve --max-body-bytes raises it)` }, { maxBodyBytes: ctx.maxBodyBytes }, { connection: 'close' });
}

export const putSnapshot: Handler = async (req, res, _url, ctx) => {
  if (refusedOnReplica(res, ctx, 'GET, HEAD')) return;
  if (!authorized(req, res, ctx, 'admin')) return;
  const check = precondition(req);
  if (!check) {
    ctx.metrics.push('no-precondition');
    sendError(res, 428, { code: 'precondition-required', message: 'send If-Match: "<live version>", or If-None-Match: * when nothing is live' });
    return;
  }
  // Cheap early answer for a stale client; checked again, atomically, before the swap.
  if (!check(ctx.live.current?.version ?? null)) return sendStale(res, ctx, ctx.live.current?.version ?? null);
  const body = await readBodyBytes(req, ctx.maxBodyBytes, ctx.maxBodyBytes);
  if (!body.ok) {
    if (body.reason === 'too-large' || body.reason === 'too-large-decoded') return tooLarge(res, ctx, body.reason === 'too-large-decoded');
    if (body.reason === 'unsupported-encoding') return sendError(res, 415, { code: 'unsupported-encoding', message: 'Content-Encoding must be gzip or identity' }, {}, { 'accept-encoding': 'gzip, identity' });
    if (body.reason === 'bad-encoding') {
      ctx.metrics.push('invalid');
      return sendError(res, 400, { code: 'invalid', message: 'the body is not valid gzip' });
    }
    return void res.destroy();
  }
  const checked = await ctx.verifier.check(body.bytes, ctx.live.current?.basis);
  if (!checked.ok) {
    ctx.metrics.push(checked.code);
    ctx.log({ level: 'warn', msg: 'push refused', reason: checked.code, errors: checked.errors.slice(0, 5) });
    const message = checked.code === 'signature' ? 'the snapshot is not signed by the configured key' : 'the snapshot is not valid';
    sendError(res, 400, { code: checked.code, message, errors: checked.errors.slice(0, 100) });
    return;
  }
  const meta = metaFromHeaders(req.headers);
  const result = await commit(ctx, checked.snapshot, checked.bytes, check, { kind: 'push', serial: checked.serial, meta, basis: checked.basis });
  if (result.status === 'stale') return sendStale(res, ctx, result.current);
  if (result.status === 'replay') return sendReplay(res, ctx, result);
  ctx.metrics.push('ok');
  ctx.log({ level: 'info', msg: 'snapshot pushed', version: result.version, previous: result.previous, bytes: checked.bytes.length, ...(checked.serial !== undefined ? { serial: checked.serial } : {}), ...(meta ?? {}) });
  sendJson(res, 200, { version: result.version, previous: result.previous, warnings: result.warnings }, { etag: etag(result.version) });
};

export const getHistory: Handler = async (req, res, url, ctx) => {
  if (!authorized(req, res, ctx, 'admin')) return;
  const wanted = url.searchParams.get('version');
  if (wanted !== null) {
    const kept = (await ctx.store.list()).find((e) => e.version === wanted);
    if (!kept) return sendError(res, 404, { code: 'not-found', message: `version ${wanted} is not among the kept versions` });
    return sendText(res, 200, await kept.read(), 'application/json; charset=utf-8', { etag: etag(kept.version), 'cache-control': 'no-store' });
  }
  const live = ctx.live.current?.version ?? null;
  let liveSeen = false;
  const versions = (await ctx.store.list()).map((e) => {
    const isLive = !liveSeen && e.version === live;
    liveSeen ||= isLive;
    return { version: e.version, appliedAt: e.appliedAt, live: isLive, ...(e.meta ?? {}) };
  });
  sendJson(res, 200, { versions, durable: ctx.store.durable });
};

export const postRollback: Handler = async (req, res, _url, ctx) => {
  // RFC 9110: an empty Allow says the resource allows no method here.
  if (refusedOnReplica(res, ctx, '')) return;
  if (!authorized(req, res, ctx, 'admin')) return;
  const body = await readBody(req, 64 * 1024);
  if (!body.ok) return body.reason === 'too-large' ? tooLarge(res, ctx) : void res.destroy();
  let version: unknown;
  try {
    version = (JSON.parse(body.text) as { version?: unknown }).version;
  } catch {
    version = undefined;
  }
  if (typeof version !== 'string') return sendError(res, 400, { code: 'invalid', message: 'send { "version": "sha256:…" }' });
  const kept = (await ctx.store.list()).find((e) => e.version === version);
  if (!kept) return sendError(res, 404, { code: 'not-found', message: `version ${version} is not among the kept versions` });
  const document = await kept.read();
  const checked = await ctx.verifier.check(document, ctx.live.current?.basis);
  if (!checked.ok) {
    ctx.log({ level: 'error', msg: 'kept version rejected', version, errors: checked.errors.slice(0, 5) });
    return sendError(res, 400, { code: checked.code, message: `kept version ${version} no longer loads`, errors: checked.errors.slice(0, 100) });
  }
  // Rollback is an emergency tool: a precondition is honoured when sent, not required.
  // It may make an older signed serial live; the replay mark stays where it was.
  const result = await commit(ctx, checked.snapshot, checked.bytes, precondition(req) ?? (() => true), { kind: 'rollback', basis: checked.basis });
  if (result.status === 'stale') return sendStale(res, ctx, result.current);
  if (result.status === 'replay') return sendReplay(res, ctx, result);
  ctx.metrics.push('rollback');
  ctx.log({ level: 'info', msg: 'rolled back', version: result.version, previous: result.previous });
  sendJson(res, 200, { version: result.version, previous: result.previous, warnings: result.warnings }, { etag: etag(result.version) });
};
