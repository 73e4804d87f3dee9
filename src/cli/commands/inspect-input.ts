// Where get, access and explain read from: catalog directories, a compiled
// snapshot (--snapshot), or a live server (--target) — its snapshot plus
// GET /v1/status. A server that does not report credential presence has it
// derived from its own resolver: one POST /v1/resolve per model (a source
// reaches the attempts only if its credential is present there).
import { EnvHttpProxyAgent, request } from 'undici';
import { proxyFromEnv } from '../../apply/http-target.js';
import type { Snapshot } from '../../generated/types.js';
import { parseStatus, presenceFromResolves, type LiveStatus, type ResolveAnswer } from '../../inspect/index.js';
import { buildSnapshot } from '../../pipeline.js';
import { catalogInput, str, type Parsed } from '../args.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { diagnosticFormatters } from '../format/diagnostics.js';
import { UsageError, useColor, type CliIO } from '../io.js';
import { readSnapshotFile } from '../snapshot-file.js';
import { withTarget } from './target.js';

export interface Inspected {
  snapshot: Snapshot;
  /** Null for a catalog or snapshot file: there is no live state. */
  live: LiveStatus | null;
  /** What to call the source in output: the redacted target URL, the snapshot file, or the directories. */
  source: string;
}

export const INPUT_OPTIONS = { target: { type: 'string' }, snapshot: { type: 'string' } } as const;

async function getJson(agent: EnvHttpProxyAgent, url: URL, body?: unknown): Promise<unknown> {
  const res = await request(url, {
    method: body === undefined ? 'GET' : 'POST',
    dispatcher: agent,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One resolve per model, as a user of every declared group on an entry point it allows (internal models through their first task). */
async function resolveEach(agent: EnvHttpProxyAgent, base: URL, s: Snapshot): Promise<Record<string, ResolveAnswer>> {
  const groups = Object.keys(s.groups);
  const out: Record<string, ResolveAnswer> = {};
  for (const [name, m] of Object.entries(s.models)) {
    if (!m || m.status !== 'active') continue;
    const entryPoint = m.entryPoints?.[0] ?? 'modelctl-inspect';
    const req = m.access === 'public' ? { entryPoint, groups, model: name } : m.tasks[0] ? { entryPoint, groups, task: m.tasks[0] } : undefined;
    if (!req) continue;
    const answer = (await getJson(agent, new URL('v1/resolve', base), req)) as (ResolveAnswer & { model?: string }) | undefined;
    if (answer && typeof answer === 'object' && (answer.ok === false || answer.model === name)) out[name] = answer;
  }
  return out;
}

/** GET /v1/status (open on every server), with presence derived when the server does not report it. */
export async function readLiveStatus(url: string, snapshot: Snapshot, env: CliIO['env']): Promise<LiveStatus> {
  const base = new URL(url.endsWith('/') ? url : url + '/');
  base.username = '';
  base.password = '';
  const proxy = proxyFromEnv(env);
  const agent = new EnvHttpProxyAgent({ httpProxy: proxy.httpProxy, httpsProxy: proxy.httpsProxy, noProxy: proxy.noProxy, proxyTunnel: false });
  try {
    const status = parseStatus(await getJson(agent, new URL('v1/status', base)));
    if (status.credentials) return status;
    const derived = presenceFromResolves(snapshot, await resolveEach(agent, base, snapshot), status.breakers);
    return { ...status, credentials: derived, presenceSource: 'derived' };
  } finally {
    await agent.close();
  }
}

/** Runs `fn` on the inspected snapshot, or returns the exit code when there is none to inspect. */
export async function withInspected(command: string, values: Parsed['values'], positionals: string[], io: CliIO, fn: (i: Inspected) => Promise<ExitCode> | ExitCode): Promise<ExitCode> {
  const target = str(values.target);
  const file = str(values.snapshot);
  if ([target, file, positionals.length > 0 ? 'dirs' : undefined].filter(Boolean).length > 1) throw new UsageError('give catalog directories, --snapshot FILE or --target URL, not several');
  if (target) {
    return withTarget(command, values, io, async ({ target: t, shown }) => {
      const state = await t.read();
      if (!state.snapshot) {
        io.stderr.write(`modelctl ${command}: ${shown} has no live snapshot\n`);
        return EXIT.failed;
      }
      const live = /^https?:/i.test(target) ? await readLiveStatus(target, state.snapshot, io.env) : null;
      return fn({ snapshot: state.snapshot, live, source: shown });
    });
  }
  if (file) {
    const loaded = await readSnapshotFile(io, file, undefined);
    if (!loaded.ok) {
      io.stderr.write(`${file}: not a valid snapshot\n${loaded.errors.map((e) => `  ${e}`).join('\n')}\n`);
      return loaded.reason === 'signature' ? EXIT.refused : EXIT.failed;
    }
    return fn({ snapshot: loaded.snapshot, live: null, source: file });
  }
  const built = await buildSnapshot(positionals, io.cwd, await catalogInput(values, positionals, io, { stdin: false }));
  if (!built.snapshot) {
    io.stderr.write(diagnosticFormatters.text(built.diagnostics, { sources: built.sources, color: useColor(io, io.stderr) }));
    return EXIT.failed;
  }
  return fn({ snapshot: built.snapshot, live: null, source: positionals.join(' ') || '.' });
}
