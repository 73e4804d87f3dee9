// `modelctl explain`: what a user sees, why the rest is hidden, how a request routes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './capture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TIERS = 'examples/tiers-and-groups';
const CONSOLE = 'examples/platform-console';

describe('modelctl explain', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'modelctl-explain-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('resolves a tier for a user known by an identity-provider alias', async () => {
    const out = await run(['explain', TIERS, '--entry-point', 'desktop', '--groups', 'Engineering', '--tier', 'general-ultimate', '--format', 'json'], ROOT);
    expect(out.code).toBe(0);
    const e = JSON.parse(out.stdout);
    expect(e.groups.matched).toEqual([{ spelling: 'Engineering', group: 'eng' }]);
    expect(e.result).toMatchObject({ ok: true, model: 'claude-opus' });
    expect(e.catalog.tiers.map((t: { name: string }) => t.name)).toContain('general-ultimate');
    // Tiers of other entry point groups are hidden with the reason.
    expect(e.hidden.tiers).toContainEqual(expect.objectContaining({ name: 'experts-ultimate', reasons: ['entry-point'] }));
  });

  it('says why a group cannot use a restricted tier', async () => {
    const out = await run(['explain', TIERS, '--entry-point', 'desktop', '--groups', 'contractors', '--tier', 'general-ultimate', '--format', 'json'], ROOT);
    const e = JSON.parse(out.stdout);
    expect(e.result.ok).toBe(false);
    expect(e.hidden.tiers).toContainEqual(expect.objectContaining({ name: 'general-ultimate', reasons: expect.arrayContaining(['not-available-to-groups']) }));
  });

  it('prints routes and removed tools in text', async () => {
    const out = await run(['explain', CONSOLE, '--entry-point', 'desktop', '--groups', 'eng', '--model', 'claude-sonnet', '--tools', 'web-search,nope'], ROOT);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/resolve → claude-sonnet/);
    expect(out.stdout).toMatch(/tools removed: nope \(unknown\)/);
    expect(out.stdout).toMatch(/p0 +weight +20 +0% +inactive +claude-sonnet@bedrock-eu/);
  });

  it('hides models whose credential variables are unset only with --check-credentials', async () => {
    const args = ['explain', 'examples/quickstart', '--entry-point', 'desktop', '--groups', 'eng', '--format', 'json'];
    const assumed = JSON.parse((await run(args, ROOT, {})).stdout);
    expect(assumed.catalog.models.length).toBe(3);
    const checked = JSON.parse((await run([...args, '--check-credentials'], ROOT, {})).stdout);
    expect(checked.hidden.models.map((h: { reasons: string[] }) => h.reasons)).toContainEqual(['no-credentials']);
  });

  it('reads a compiled snapshot', async () => {
    const file = join(dir, 'snapshot.json');
    expect((await run(['compile', 'examples/quickstart', '-o', file], ROOT)).code).toBe(0);
    const out = await run(['explain', '--snapshot', file, '--entry-point', 'cli', '--groups', '', '--model', 'gpt-5', '--format', 'json'], ROOT);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).result).toMatchObject({ ok: true, model: 'gpt-5' });
  });

  it('refuses bad usage with 64', async () => {
    expect((await run(['explain', TIERS, '--groups', 'eng'], ROOT)).code).toBe(64);
    expect((await run(['explain', TIERS, '--entry-point', 'desktop', '--model', 'a', '--tier', 'b'], ROOT)).code).toBe(64);
  });

  it('exits 1 on an invalid catalog, printing its diagnostics', async () => {
    const out = await run(['explain', 'test/golden/cases/schema-errors/catalog', '--entry-point', 'desktop'], ROOT);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/error/);
  });
});
