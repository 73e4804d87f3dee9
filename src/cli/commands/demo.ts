import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { applySnapshot, HttpTarget } from '../../apply/index.js';
import type { Snapshot } from '../../generated/types.js';
import { createPlan } from '../../plan/index.js';
import type { ResolveRequest } from '../../runtime/index.js';
import { startServer, type LogEntry, type RunningServer } from '../../server/index.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { planFormatters } from '../format/plan.js';
import { probeFormatters } from '../format/probe.js';
import { failed, runProbes, selectTargets } from '../../probe/index.js';
import { pointAtMock, startMockUpstream, type MockUpstream } from '../../probe/mock-upstream.js';
import { UsageError, useColor, type CliIO } from '../io.js';
import { reportOutcome } from './apply.js';
import { buildDesired } from './plan.js';

/** A request the catalog's default model should answer: its first entry point, one group that may use it. */
export function sampleRequest(s: Snapshot): ResolveRequest | null {
  const names = Object.keys(s.models).sort();
  const offered = (n: string) => s.models[n]?.access === 'public' && s.models[n]?.status === 'active';
  const name = s.settings.defaultModel ?? names.find(offered);
  const m = name ? s.models[name] : undefined;
  if (!name || !m) return null;
  const entryPoint = m.entryPoints?.[0] ?? Object.values(s.entryPointGroups)[0]?.entryPoints[0] ?? 'desktop';
  const groups = typeof m.availability === 'object' ? m.availability.groups.slice(0, 1) : [];
  return { entryPoint, groups, model: name };
}

/** Every env credential the snapshot names, set to a placeholder: the demo routes without real secrets. */
function placeholderEnv(s: Snapshot): Record<string, string> {
  const env: Record<string, string> = {};
  for (const p of Object.values(s.providers)) for (const c of Object.values(p?.credentials ?? {})) if (c && 'env' in c) env[c.env] = 'demo-placeholder';
  for (const m of Object.values(s.models)) for (const src of m?.sources ?? []) if ('env' in src.credential) env[src.credential.env] = 'demo-placeholder';
  return env;
}

/**
 * The catalog's sources probed against the mock: every base URL pointed at it,
 * every credential a placeholder in an environment of the demo's own (never
 * process.env, never a real secret, never the network).
 */
async function demoProbe(desired: Snapshot, mock: MockUpstream) {
  const DEMO_FILE_VAR = 'MODELCTL_DEMO_FILE_CREDENTIAL';
  const local = pointAtMock(desired, mock.url);
  const models = Object.fromEntries(
    Object.entries(local.models).map(([n, m]) => [n, { ...m, sources: m.sources.map((s) => ({ ...s, credential: 'env' in s.credential ? s.credential : { env: DEMO_FILE_VAR } })) }]),
  );
  const env = { ...placeholderEnv(local), [DEMO_FILE_VAR]: 'demo-placeholder' };
  return runProbes(selectTargets({ ...local, models }).targets, { env, capabilities: true, timeoutMs: 5_000 });
}

function step(io: CliIO, n: number, text: string): void {
  const head = `==> ${n}/7 ${text}`;
  io.stdout.write(`\n${useColor(io) ? `\u001b[1m${head}\u001b[0m` : head}\n`);
}

export const demoCommand: Command = {
  name: 'demo',
  usage: `Usage: modelctl demo [DIR]

Runs the whole loop on this machine: compiles DIR (default examples/quickstart),
starts a resolver server on a free port on 127.0.0.1 with a temporary state
directory and a random admin token, plans against it, applies, plans again
(no changes), resolves one request over HTTP, then tests every model's
sources (and their capabilities) against a mock upstream on 127.0.0.1, stops
the servers and removes the temporary directory. Credentials are treated as present and never
read. Exit 0 only if every step worked.

Options:
  -h, --help   show this help`,
  options: {},
  async run(_values, positionals, io) {
    if (positionals.length > 1) throw new UsageError('give at most one directory');
    const dir = positionals[0] ?? 'examples/quickstart';
    const logs: LogEntry[] = [];
    let server: RunningServer | undefined;
    let target: HttpTarget | undefined;
    let mock: MockUpstream | undefined;
    const stateDir = await mkdtemp(join(tmpdir(), 'modelctl-demo-'));
    try {
      step(io, 1, `compile ${dir}`);
      const desired = await buildDesired([dir], io);
      if (!desired) return EXIT.failed;
      io.stdout.write(`${Object.keys(desired.models).length} models, ${Object.keys(desired.providers).length} providers, version ${desired.version}\n`);

      const token = randomBytes(24).toString('base64url');
      server = await startServer({ host: '127.0.0.1', port: 0, stateDir, adminToken: token, log: (e) => void logs.push(e), resolverOptions: { env: placeholderEnv(desired), fileExists: () => true } });
      step(io, 2, `start a resolver server on ${server.url} (temporary state dir, random admin token)`);
      target = new HttpTarget(server.url, { token });

      step(io, 3, 'plan against the empty server');
      const first = createPlan((await target.read()).snapshot, desired);
      io.stdout.write(planFormatters.text(first, { color: useColor(io) }));

      step(io, 4, 'apply');
      const outcome = await applySnapshot(target, desired, { base: first.base });
      if (outcome.status !== 'applied') {
        reportOutcome(outcome, io, server.url);
        return EXIT.failed;
      }
      io.stdout.write(`Applied: the server is now at ${outcome.version}\n`);

      step(io, 5, 'plan again');
      const again = createPlan((await target.read()).snapshot, desired);
      io.stdout.write(planFormatters.text(again, { color: useColor(io) }));
      if (again.changes.length) {
        io.stderr.write('modelctl demo: the second plan still has changes\n');
        return EXIT.failed;
      }

      const sample = sampleRequest(desired);
      if (!sample) {
        io.stderr.write('modelctl demo: the catalog has no public, active model to resolve\n');
        return EXIT.failed;
      }
      step(io, 6, `resolve ${JSON.stringify(sample)}`);
      const res = await request(`${server.url}/v1/resolve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sample) });
      const result = (await res.body.json()) as { ok?: boolean };
      io.stdout.write(JSON.stringify(result, null, 2) + '\n');
      if (res.statusCode !== 200 || result.ok !== true) {
        io.stderr.write(`modelctl demo: resolve did not succeed (HTTP ${res.statusCode})\n`);
        return EXIT.failed;
      }
      step(io, 7, 'test every model against a mock upstream on 127.0.0.1 (modelctl test --capabilities)');
      mock = await startMockUpstream();
      const probed = await demoProbe(desired, mock);
      io.stdout.write(probeFormatters.text(probed, { color: useColor(io), latency: false }));
      if (failed(probed)) {
        io.stderr.write('modelctl demo: a source failed against the mock upstream\n');
        return EXIT.failed;
      }
      io.stdout.write('\nDone: every step worked. Stopping the servers and removing the temporary state.\n');
      return EXIT.ok;
    } catch (err) {
      // Server logs help explain a failure; they never hold the token.
      for (const e of logs) io.stderr.write(JSON.stringify(e) + '\n');
      throw err;
    } finally {
      await target?.close();
      await server?.close();
      await mock?.close();
      await rm(stateDir, { recursive: true, force: true });
    }
  },
};
