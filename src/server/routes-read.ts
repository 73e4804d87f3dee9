// The gateway-facing API (design §7): snapshot (with ETag and long polling),
// catalog, resolve, report, status, health, readiness and metrics.
// POST /v1/report changes routing (it opens and closes breakers), so it always
// takes a gateway token. Catalog, resolve and the snapshot are read-only and
// hold no credential values: open by default, and behind a gateway token (the
// snapshot: gateway or admin, since plan and apply read it) with
// requireGatewayToken. Status, health, readiness and metrics stay open for
// probes and scrapers.
import type { ResolveRequest } from '../runtime/index.js';
import type { Handler } from './context.js';
import { authorized } from './guard.js';
import { etag, parseEtags, readBody, sendError, sendJson, sendText } from './http.js';
import { PATCH_IM } from '../snapshot-bytes/patch.js';

const REQUEST_BODY_LIMIT = 1024 * 1024;

const notReady = { code: 'not-ready', message: 'no snapshot is loaded yet' };
/** Whether an A-IM header lists our patch format (RFC 3229: a comma-separated list, each with optional parameters). */
const acceptsPatch = (header: string | string[] | undefined): boolean =>
  header !== undefined && String(header).split(',').some((im) => im.split(';')[0]!.trim().toLowerCase() === PATCH_IM);

export const getSnapshot: Handler = async (req, res, url, ctx) => {
  if (ctx.requireGatewayToken && !authorized(req, res, ctx, 'reader')) return;
  const known = parseEtags(req.headers['if-none-match']);
  const wantsPatch = acceptsPatch(req.headers['a-im']);
  // A reader that takes patches: every swap from now on makes one (live.ts).
  if (wantsPatch) ctx.live.patchesWanted = true;
  const clientVersion = Array.isArray(known) ? (known[0] ?? null) : null;
  const wait = Math.min(Math.max(Number(url.searchParams.get('wait') ?? 0) || 0, 0), ctx.maxWaitSeconds);
  // Long poll: hold while the client already has what is live.
  if (wait > 0) await ctx.live.waitForChange(clientVersion, wait * 1000, ctx.closing);
  const live = ctx.live.current;
  if (!live) return sendError(res, 404, { code: 'not-found', message: 'no snapshot is loaded' });
  const tag = etag(live.version);
  if (known === '*' || (Array.isArray(known) && known.includes(live.version))) {
    res.writeHead(304, { etag: tag });
    res.end();
    return;
  }
  // Delta encoding (RFC 3229): a client holding the version this one replaced, and asking for our patch format, gets the patch (226 IM Used).
  const patch = live.patch;
  if (patch && wantsPatch && Array.isArray(known) && known.length === 1 && known[0] === patch.base) {
    res.writeHead(226, { etag: tag, im: PATCH_IM, 'delta-base': etag(patch.base), 'content-type': 'application/vnd.modelctl.patch', 'content-length': patch.bytes.length, 'cache-control': 'no-store' });
    res.end(patch.bytes);
    return;
  }
  sendText(res, 200, live.bytes, 'application/json; charset=utf-8', { etag: tag, 'cache-control': 'no-cache' });
};

const stringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** A ResolveRequest, or what is wrong with the body. */
export function parseResolveRequest(x: unknown): ResolveRequest | string {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return 'the body must be a JSON object';
  const r = x as Record<string, unknown>;
  if (typeof r['entryPoint'] !== 'string') return 'entryPoint: required string';
  if (!stringArray(r['groups'])) return 'groups: required array of strings';
  for (const k of ['model', 'tier', 'task']) if (r[k] !== undefined && typeof r[k] !== 'string') return `${k}: must be a string`;
  for (const k of ['tools', 'requires']) if (r[k] !== undefined && !stringArray(r[k])) return `${k}: must be an array of strings`;
  if (r['model'] === undefined && r['tier'] === undefined && r['task'] === undefined) return 'name a model, tier or task';
  const req: ResolveRequest = { entryPoint: r['entryPoint'], groups: r['groups'] };
  for (const k of ['model', 'tier', 'task'] as const) if (typeof r[k] === 'string') req[k] = r[k] as string;
  if (r['tools'] !== undefined) req.tools = r['tools'] as string[];
  if (r['requires'] !== undefined) req.requires = r['requires'] as string[];
  return req;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const postResolve: Handler = async (req, res, _url, ctx) => {
  if (ctx.requireGatewayToken && !authorized(req, res, ctx, 'gateway')) return;
  const started = performance.now();
  // The resolver this request started with answers it, whatever swaps happen meanwhile.
  const live = ctx.live.current;
  const body = await readBody(req, REQUEST_BODY_LIMIT);
  if (!body.ok) return body.reason === 'too-large' ? sendError(res, 413, { code: 'too-large', message: 'request over 1 MiB' }, {}, { connection: 'close' }) : void res.destroy();
  const parsed = parseResolveRequest(parseJson(body.text));
  if (typeof parsed === 'string') return sendError(res, 400, { code: 'invalid-request', message: parsed });
  if (!live) return sendError(res, 503, notReady);
  const result = live.resolver.resolve(parsed);
  sendJson(res, 200, result, { 'x-snapshot-version': live.version });
  ctx.metrics.resolved(result.ok ? 'ok' : result.error.code, (performance.now() - started) / 1000);
};

export const getCatalog: Handler = (req, res, url, ctx) => {
  if (ctx.requireGatewayToken && !authorized(req, res, ctx, 'gateway')) return;
  const entryPoint = url.searchParams.get('entryPoint');
  if (!entryPoint) return sendError(res, 400, { code: 'invalid-request', message: 'entryPoint: required query parameter' });
  const live = ctx.live.current;
  if (!live) return sendError(res, 503, notReady);
  const groups = (url.searchParams.get('groups') ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  const locale = url.searchParams.get('locale') ?? undefined;
  sendJson(res, 200, live.resolver.catalog({ entryPoint, groups, ...(locale ? { locale } : {}) }), { 'x-snapshot-version': live.version });
};

export const postReport: Handler = async (req, res, _url, ctx) => {
  if (!authorized(req, res, ctx, 'gateway')) return;
  const live = ctx.live.current;
  const body = await readBody(req, 64 * 1024);
  if (!body.ok) return body.reason === 'too-large' ? sendError(res, 413, { code: 'too-large', message: 'request over 64 KiB' }, {}, { connection: 'close' }) : void res.destroy();
  const r = parseJson(body.text) as { sourceId?: unknown; ok?: unknown } | undefined;
  if (typeof r?.sourceId !== 'string' || typeof r.ok !== 'boolean') return sendError(res, 400, { code: 'invalid-request', message: 'send { "sourceId": string, "ok": boolean }' });
  if (!live) return sendError(res, 503, notReady);
  live.resolver.report(r.sourceId, { ok: r.ok });
  res.writeHead(204);
  res.end();
};

export const getStatus: Handler = (_req, res, _url, ctx) => {
  const live = ctx.live.current;
  sendJson(res, 200, {
    ready: live !== null,
    version: live?.version ?? null,
    loadedAt: live ? new Date(live.loadedAt).toISOString() : null,
    breakers: live?.resolver.breakers() ?? [],
    // provider → binding → { ref, present }: presence as the live resolver saw it, never a value.
    credentials: live?.credentials.credentials ?? {},
    durable: ctx.store.durable,
    signatureRequired: ctx.verifyKey !== undefined,
    // Clients check a push against it first: a body over the limit is closed
    // on mid-upload, which reaches them as EPIPE rather than as the 413.
    maxBodyBytes: ctx.maxBodyBytes,
    // Content-Encodings PUT /v1/snapshot takes: clients compress large pushes.
    pushEncodings: ['gzip', 'identity'],
    // How documents were checked since start: whole on the event loop, in the worker, or by what changed from the live one.
    checks: { inline: ctx.verifier.counts.inline, worker: ctx.verifier.counts.worker, byDifference: ctx.verifier.counts.delta },
    // How resolvers were built since start: over every model, or patched from the live one for a few changed models.
    resolverBuilds: { ...ctx.resolverBuilds },
    // Only with --probe-interval: the last background probe of each live source.
    ...(ctx.probes ? { probes: { intervalSeconds: ctx.probes.intervalSeconds, lastRunAt: ctx.probes.lastRunAt, sources: ctx.probes.results() } } : {}),
    // Only on a replica (serve --follow): its source (redacted), whether it is up to date, lag and the last error.
    ...(ctx.follow ? { follow: ctx.follow.status() } : {}),
  });
};

export const getHealth: Handler = (_req, res) => sendJson(res, 200, { ok: true });

export const getReady: Handler = (_req, res, _url, ctx) => {
  const live = ctx.live.current;
  if (!live) return sendError(res, 503, notReady, { ready: false });
  sendJson(res, 200, { ready: true, version: live.version });
};

export const getMetrics: Handler = (_req, res, _url, ctx) => {
  const live = ctx.live.current;
  const text = ctx.metrics.render({ version: live?.version ?? null, loadedAt: live?.loadedAt ?? null, ready: live !== null, breakers: live?.resolver.breakers() ?? [], probes: ctx.probes?.results() ?? [], checks: ctx.verifier.counts, resolverBuilds: ctx.resolverBuilds, ...(ctx.follow ? { follow: ctx.follow.metricsView() } : {}) });
  sendText(res, 200, text, 'text/plain; version=0.0.4; charset=utf-8');
};
