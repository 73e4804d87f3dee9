// Small helpers over node:http: JSON responses, typed errors, bounded bodies,
// entity tags.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { BodyCollector } from '../io/body-collector.js';

const gunzipAsync = promisify(gunzip);

export interface ErrorPayload {
  code: string;
  message: string;
  errors?: string[];
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body) + '\n';
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: ErrorPayload, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error, ...extra }, headers);
}

export function sendText(res: ServerResponse, status: number, text: string | Buffer, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * A request's path and query, parsed only as far as a handler asks: most
 * requests (resolve, report) never read their query, and a WHATWG URL per
 * request was a measurable share of a resolve's cost.
 */
export class RequestTarget {
  readonly pathname: string;
  private readonly query: string;
  private params: URLSearchParams | undefined;

  constructor(raw: string) {
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    // Anything a URL parser would rewrite (dot segments, escapes, absolute form, a fragment) takes the full parse.
    if (path.charCodeAt(0) === 47 /* / */ && path.charCodeAt(1) !== 47 && !/[.%\\]/.test(path) && !raw.includes('#')) {
      this.pathname = path;
      this.query = q < 0 ? '' : raw.slice(q + 1);
    } else {
      const url = new URL(raw, 'http://localhost');
      this.pathname = url.pathname;
      this.query = url.search.slice(1);
    }
  }

  get searchParams(): URLSearchParams {
    return (this.params ??= new URLSearchParams(this.query));
  }
}

export type Body = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };
type RawBody = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads the whole body, giving up (without buffering more) once it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Body>;
export function readBody(req: IncomingMessage, limit: number, raw: true): Promise<RawBody>;
export function readBody(req: IncomingMessage, limit: number, raw = false): Promise<Body | RawBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    // In shared memory, so the verify worker reads a large push where it is.
    const body = new BodyCollector(limit, declared, (size) => Buffer.from(new SharedArrayBuffer(size)));
    const done = (result: Body | RawBody) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      if (!body.add(chunk)) done({ ok: false, reason: 'too-large' });
    };
    const onEnd = () => {
      const bytes = body.bytes();
      done(raw ? { ok: true, bytes } : { ok: true, text: bytes.toString('utf8') });
    };
    const onError = () => done({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

export type Bytes = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'too-large-decoded' | 'aborted' | 'bad-encoding' | 'unsupported-encoding' };

/**
 * A pushed document's bytes. `Content-Encoding: gzip` is decoded (a 73 MB
 * snapshot travels as a few MB); `limit` bounds the bytes on the wire and
 * `decodedLimit` what they decode to, so a small gzip bomb is refused, not
 * inflated. Decoding runs on libuv's thread pool, off the event loop.
 */
export async function readBodyBytes(req: IncomingMessage, limit: number, decodedLimit: number): Promise<Bytes> {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') return { ok: false, reason: 'unsupported-encoding' };
  const raw = await readBody(req, limit, true);
  if (!raw.ok) return raw;
  if (encoding === 'identity') return { ok: true, bytes: raw.bytes };
  try {
    return { ok: true, bytes: await gunzipAsync(raw.bytes, { maxOutputLength: decodedLimit }) };
  } catch (err) {
    return { ok: false, reason: (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large-decoded' : 'bad-encoding' };
  }
}

/** Entity tags of an If-Match / If-None-Match header: '*' or the unquoted versions. */
export function parseEtags(header: string | string[] | undefined): '*' | string[] | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return '*';
  return value
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .filter(Boolean)
    .map((t) => (t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1) : t));
}

export const etag = (version: string): string => `"${version}"`;
