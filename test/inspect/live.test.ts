// Golden end-to-end cases of get, access and explain --target against a real
// `modelctl serve`: the fixture catalog pushed with the admin token, breakers
// opened through authenticated reports (alpha's openai source → alpha
// degraded; beta's only source → beta circuit-open), and INSPECT_ANTHROPIC_KEY
// absent from the server's environment (claude hidden). Outputs are compared
// as files in golden/, with the server URL normalised (the port varies), and
// every json output is validated against its schema in schema/.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/capture.js';
import { olderServer } from './older-server.js';
import { ADMIN, GATEWAY, OPENAI_VALUE, OPENROUTER_VALUE, push, report, ROOT, serve, type Served } from './serve.js';

const schema = (file: string) => JSON.parse(readFileSync(`${ROOT}/schema/${file}`, 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
const validators = { get: ajv.compile(schema('get-output.schema.json')), access: ajv.compile(schema('access-output.schema.json')) };

/** What the CLI user has in their environment: the admin token too, which must never be echoed. */
const CLIENT_ENV = { MODELCTL_ADMIN_TOKEN: ADMIN };
const SECRETS = [ADMIN, GATEWAY, OPENAI_VALUE, OPENROUTER_VALUE];

let server: Served;
const outputs: string[] = [];

beforeAll(async () => {
  server = await serve();
  await push(server.url);
  // An unauthenticated report is refused and moves nothing (the status golden would show it).
  expect(await report(server.url, 'delta@openrouter:x-ai/grok-code-fast-1', null)).toBe(401);
  expect(await report(server.url, 'delta@openrouter:x-ai/grok-code-fast-1', 'not-the-token')).toBe(401);
  for (const id of ['alpha@openai:gpt-5', 'beta@openai:gpt-5-mini']) for (let i = 0; i < 2; i++) expect(await report(server.url, id, GATEWAY)).toBe(204);
});
afterAll(() => server?.stop());

/** The port varies, and so may where presence came from (the server's report, or derived on an older server). */
function normalise(text: string): string {
  return text
    .split(server.url)
    .join('http://SERVER')
    .replace(/("?presence"?:\s*"?)(server|derived)/g, '$1LIVE')
    .replace(/\((the server's report|derived from its resolver)\)/, '(LIVE)');
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; raw: string }> {
  const out = await run([...args, '--target', server.url], ROOT, CLIENT_ENV);
  outputs.push(out.stdout, out.stderr);
  return { code: out.code, stdout: normalise(out.stdout), raw: out.stdout };
}

const golden = (name: string) => `./golden/${name}.txt`;

describe('get models against a live server', () => {
  const cases: [string, string[]][] = [
    ['get-models', []],
    ['get-models-wide', ['-o', 'wide']],
    ['get-models-search-name', ['--search', 'ALP']],
    ['get-models-search-locale', ['--search', '克劳德']],
    ['get-models-search-description', ['--search', 'coding']],
    ['get-models-search-vendor', ['--search', 'xai']],
    ['get-models-status-hidden', ['--status', 'hidden']],
    ['get-models-status-circuit-open', ['--status', 'circuit-open']],
    ['get-models-status-degraded', ['--status', 'degraded']],
    ['get-models-status-active', ['--status', 'active']],
    ['get-models-status-inactive', ['--status', 'inactive']],
    ['get-models-protocol', ['--protocol', 'anthropic-messages']],
    ['get-models-vendor', ['--vendor', 'openai']],
    ['get-models-purpose', ['--purpose', 'chat', '--access', 'public']],
    ['get-models-access-internal', ['--access', 'internal']],
    ['get-models-group-eng', ['--group', 'eng']],
    ['get-models-group-alias', ['--group', 'Engineering']],
    ['get-models-group-sales', ['--group', 'sales']],
    ['get-models-entry-point', ['--entry-point', 'desktop']],
    ['get-model-by-name', ['alpha', '-o', 'wide']],
  ];
  it.each(cases)('%s', async (name, args) => {
    const out = await cli(['get', 'models', ...args]);
    expect(out.code).toBe(0);
    await expect(out.stdout).toMatchFileSnapshot(golden(name));
  });

  it('prints json and yaml that match schema/get-output.schema.json', async () => {
    const json = await cli(['get', 'models', '-o', 'json']);
    await expect(json.stdout).toMatchFileSnapshot(golden('get-models-json'));
    const doc = JSON.parse(json.raw);
    expect(validators.get(doc), ajv.errorsText(validators.get.errors)).toBe(true);
    const yaml = await cli(['get', 'models', '-o', 'yaml']);
    await expect(yaml.stdout).toMatchFileSnapshot(golden('get-models-yaml'));
    const { parse } = await import('yaml');
    expect(parse(yaml.raw)).toEqual(doc);
  });

  it('exits 1 with a did-you-mean for an unknown NAME', async () => {
    const out = await run(['get', 'models', 'alpah', '--target', server.url], ROOT, CLIENT_ENV);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("did you mean 'alpha'?");
  });
});

describe('get providers, tiers, collections, groups, tools against a live server', () => {
  it.each(['providers', 'tiers', 'collections', 'groups', 'tools'])('%s', async (kind) => {
    const out = await cli(['get', kind]);
    expect(out.code).toBe(0);
    await expect(out.stdout).toMatchFileSnapshot(golden(`get-${kind}`));
    const json = await cli(['get', kind, '-o', 'json']);
    expect(validators.get(JSON.parse(json.raw)), ajv.errorsText(validators.get.errors)).toBe(true);
  });

  it('shows the missing credential, from /v1/status or derived from the resolver', async () => {
    const json = JSON.parse((await cli(['get', 'providers', '-o', 'json'])).raw);
    const presence = Object.fromEntries(json.items.map((p: { name: string; credentials: { presence: string }[] }) => [p.name, p.credentials[0]!.presence]));
    expect(presence).toEqual({ anthropic: 'missing', openai: 'present', openrouter: 'present' });
  });
});

describe('access against a live server', () => {
  const cases: [string, string[]][] = [
    ['access', []],
    ['access-markdown', ['--format', 'markdown']],
    ['access-group-entry-point', ['--group', 'Engineering', '--entry-point', 'cli']],
    ['access-model', ['--model', 'delta']],
    ['access-model-hidden', ['--model', 'claude']],
  ];
  it.each(cases)('%s', async (name, args) => {
    const out = await cli(['access', ...args]);
    expect(out.code).toBe(0);
    await expect(out.stdout).toMatchFileSnapshot(golden(name));
  });

  it('prints json that matches schema/access-output.schema.json', async () => {
    for (const args of [[], ['--model', 'alpha']]) {
      const out = await cli(['access', '--format', 'json', ...args]);
      expect(validators.access(JSON.parse(out.raw)), ajv.errorsText(validators.access.errors)).toBe(true);
    }
    const matrix = JSON.parse((await cli(['access', '--format', 'json'])).raw);
    // claude's credential is missing on the server: the tier falls through to alpha for everyone.
    for (const cell of matrix.cells) expect(cell.models).not.toContain('claude');
  });
});

describe('explain --target', () => {
  it('shows live breaker state and credential presence in the route list', async () => {
    const out = await cli(['explain', '--entry-point', 'cli', '--groups', 'eng', '--model', 'alpha', '--tools', 'web-search']);
    expect(out.code).toBe(0);
    await expect(out.stdout).toMatchFileSnapshot(golden('explain-target'));
    expect(out.stdout).toMatch(/alpha@openai:gpt-5 +\[env INSPECT_OPENAI_KEY present; breaker open\]/);
  });

  it('refuses a model hidden by a missing credential, exit 1', async () => {
    const out = await cli(['explain', '--entry-point', 'cli', '--groups', 'eng', '--model', 'claude', '--format', 'json']);
    expect(out.code).toBe(1);
    const e = JSON.parse(out.raw);
    expect(e.result).toMatchObject({ ok: false, error: { code: 'no-route' } });
    expect(e.hidden.models).toContainEqual({ name: 'claude', reason: 'no-credentials', reasons: ['no-credentials'] });
    expect(e.live).toEqual({ presence: expect.stringMatching(/^(server|derived)$/), breakers: true });
  });
});

describe('credential presence', () => {
  it('is read from /v1/status `credentials` (the server reports it)', async () => {
    const status = (await (await fetch(`${server.url}/v1/status`)).json()) as { credentials?: unknown };
    expect(status.credentials).toBeDefined();
    const json = JSON.parse((await cli(['get', 'models', '-o', 'json'])).raw);
    expect(json.live).toEqual({ presence: 'server' });
  });

  it('is derived from the resolver when an older server does not report it, with the same rows', async () => {
    const older = await olderServer(server.url);
    try {
      const viaOlder = await run(['get', 'models', '-o', 'wide', '--target', older.url], ROOT, CLIENT_ENV);
      const direct = await run(['get', 'models', '-o', 'wide', '--target', server.url], ROOT, CLIENT_ENV);
      expect(viaOlder.stdout).toBe(direct.stdout);
      const providers = JSON.parse((await run(['get', 'providers', '-o', 'json', '--target', older.url], ROOT, CLIENT_ENV)).stdout);
      expect(providers.live).toEqual({ presence: 'derived' });
      expect(providers.items.map((p: { credentials: { presence: string }[] }) => p.credentials[0]!.presence)).toEqual(['missing', 'present', 'present']);
      outputs.push(viaOlder.stdout, viaOlder.stderr);
    } finally {
      await older.close();
    }
  });
});

describe('secrets', () => {
  it('no output holds the admin token, the gateway token or a credential value', () => {
    expect(outputs.length).toBeGreaterThan(40);
    const all = outputs.join('\n') + server.stderr();
    for (const s of SECRETS) expect(all).not.toContain(s);
  });
});
