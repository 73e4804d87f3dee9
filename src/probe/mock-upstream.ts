// A mock LLM upstream on 127.0.0.1 (a random port) for tests, the demo and the
// bench: it speaks Anthropic Messages, OpenAI Chat Completions and Responses,
// Azure OpenAI, Gemini generateContent (and SSE streaming), Bedrock Converse
// and InvokeModel (streamed in AWS event-stream frames), checking auth headers and required body fields as the
// vendors document them. Each upstream model can be told to succeed, fail,
// hang, be slow, reject a capability, or rate-limit once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Snapshot } from '../generated/types.js';
import { errorReply } from './mock/errors.js';
import { featuresOf, shapeProblem } from './mock/features.js';
import { failedStream, successReply } from './mock/replies.js';
import { authOf, routeOf } from './mock/route.js';
import type { MockBehaviour, MockCall, MockReply, MockRequest } from './mock/types.js';

export type { MockBehaviour, MockCapability, MockRequest } from './mock/types.js';

export interface MockUpstreamOptions {
  /** Behaviour by upstream model id (as in the request). */
  models?: Record<string, MockBehaviour>;
  /** For models not listed; default: succeed at once. */
  fallback?: MockBehaviour;
}

export interface MockUpstream {
  url: string;
  /** Every request answered so far (never the key). */
  readonly requests: readonly MockRequest[];
  set(model: string, behaviour: MockBehaviour): void;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startMockUpstream(opts: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const behaviours = new Map(Object.entries(opts.models ?? {}));
  const limited = new Set<string>();
  const requests: MockRequest[] = [];
  const sockets = new Set<Socket>();

  const write = (res: ServerResponse, reply: MockReply) => {
    res.writeHead(reply.status, reply.headers);
    if (typeof reply.body === 'string') res.end(reply.body);
    else {
      for (const chunk of reply.body) res.write(chunk);
      res.end();
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = req.method === 'POST' ? routeOf(url.pathname, url.searchParams) : undefined;
    if (!route) return write(res, { status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { message: `no mock route for ${req.method} ${url.pathname}` } }) });
    const text = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(text ?? '');
    } catch {
      body = undefined;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const record = (model: string, status: number, features: MockRequest['features'] = []) => requests.push({ protocol: route.protocol, flavour: route.flavour, model, path: url.pathname, features, status });
    const fail = (status: number, message: string, code?: string) => errorReply(route.protocol, route.flavour, status, message, code);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      record(route.model ?? '', 400);
      return write(res, fail(400, 'the request body is not a JSON object'));
    }
    const b = body as Record<string, unknown>;
    const model = route.model ?? (typeof b['model'] === 'string' ? b['model'] : '');
    const auth = authOf(route, headers, url.searchParams);
    if (!auth.ok) {
      record(model, auth.status);
      return write(res, fail(auth.status, auth.message));
    }
    const call: MockCall = { protocol: route.protocol, flavour: route.flavour, model, body: b, stream: route.stream ?? b['stream'] === true, key: auth.key };
    const features = featuresOf(call);
    const problem = shapeProblem(call);
    if (problem) {
      record(model, 400, features);
      return write(res, fail(400, problem));
    }
    const behaviour = behaviours.get(model) ?? opts.fallback ?? {};
    if (behaviour.rateLimitOnce && !limited.has(model)) {
      limited.add(model);
      record(model, 429, features);
      const reply = fail(429, 'Rate limit reached; retry after the indicated delay.');
      return write(res, { ...reply, headers: { ...reply.headers, 'retry-after': String(behaviour.rateLimitOnce.retryAfterSeconds) } });
    }
    if (behaviour.hang) {
      record(model, 0, features);
      return; // never answered; close() cuts the socket
    }
    if (behaviour.latencyMs) await sleep(behaviour.latencyMs);
    if (behaviour.fail) {
      const f = behaviour.fail;
      record(model, f.status, features);
      const message = f.echoKey ? `Incorrect API key provided: ${auth.key}. You can find your API key in your account settings.` : (f.message ?? `mock failure ${f.status}`);
      return write(res, fail(f.status, message, f.code));
    }
    const rejected = features.find((f) => behaviour.reject?.includes(f));
    if (rejected) {
      record(model, 400, features);
      return write(res, fail(400, `${model} does not support ${rejected}`));
    }
    const broken = call.stream && behaviour.streamException ? failedStream(call, behaviour.streamException.type, behaviour.streamException.echoKey ? `The security token included in the request is invalid: ${auth.key}` : (behaviour.streamException.message ?? 'mock stream failure')) : undefined;
    record(model, 200, features);
    write(res, broken ?? successReply(call));
  };

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set: (model, behaviour) => {
      behaviours.set(model, behaviour);
      limited.delete(model);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** Where each provider type's API lives under a base URL (the paths its real base URL carries). */
const PATH_PREFIX: Record<string, string> = { openai: '/v1', 'openai-compatible': '/v1', openrouter: '/api/v1', 'vercel-ai-gateway': '/v1' };

/** The snapshot with every provider and source pointed at the mock (pure; for the demo, tests and the bench). */
export function pointAtMock(snapshot: Snapshot, mockUrl: string): Snapshot {
  const at = (type: string, real: string) => {
    if (type === 'azure-openai') return mockUrl + (/\/openai\/v1\/?$/.test(real) ? '/openai/v1' : '');
    if (type === 'google' && /\/openai\/?$/.test(real)) return mockUrl + '/v1beta/openai';
    return mockUrl + (PATH_PREFIX[type] ?? '');
  };
  const providers = Object.fromEntries(Object.entries(snapshot.providers).map(([n, p]) => [n, { ...p, baseUrl: at(p.type, p.baseUrl) }]));
  const models = Object.fromEntries(Object.entries(snapshot.models).map(([n, m]) => [n, { ...m, sources: m.sources.map((s) => ({ ...s, baseUrl: at(s.providerType, s.baseUrl) })) }]));
  return { ...snapshot, providers, models };
}
