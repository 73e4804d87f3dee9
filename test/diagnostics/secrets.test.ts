// A literal secret is an error at its own line and is never echoed: not in any
// diagnostic field (message, hint, pointer, related), not in any CLI format,
// not in the text code frame.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/capture.js';
import { FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY } from './fixtures.js';
import { diagnosePure, y } from './harness.js';
import { secretRows } from './rows/index.js';

const SECRETS = [FAKE_ANTHROPIC_KEY, FAKE_OPENAI_KEY, 'correct-horse-battery-staple'];

function expectNoSecret(text: string, where: string): void {
  for (const s of SECRETS) expect(text.includes(s), `${where} echoes ${s.slice(0, 6)}…`).toBe(false);
}

describe('secrets are never echoed in diagnostics', () => {
  it.each(secretRows.filter((r) => !r.absent).map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const diagnostics = await diagnosePure(row.files);
    expect(diagnostics.some((d) => d.code === 'secret-literal')).toBe(true);
    expectNoSecret(JSON.stringify(diagnostics), 'a diagnostic');
  });

  it('a key written as a mapping key ({ sk-ant-… }) is a secret-literal and is not echoed', async () => {
    // A plausible slip: braces around the key instead of `{ env: NAME }`.
    const diagnostics = await diagnosePure({
      'provider.yaml': y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        credentials:
          default: { ${FAKE_ANTHROPIC_KEY} }
      `,
    });
    expectNoSecret(JSON.stringify(diagnostics), 'a diagnostic');
    expect(diagnostics.map((d) => `${d.code}:${d.line}:${d.column}`)).toContain('secret-literal:6:14');
  });
});

describe('secrets are never echoed by the CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'modelctl-secrets-'));
    await writeFile(
      join(dir, 'providers.yaml'),
      y`
        apiVersion: modelctl/v1
        kind: Provider
        name: anthropic
        type: anthropic
        description: old key ${FAKE_OPENAI_KEY} (rotated)
        credentials:
          default: ${FAKE_ANTHROPIC_KEY}
          batch: correct-horse-battery-staple
      `,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(['text', 'json', 'github'])('--format %s names file and line, never the value', async (format) => {
    const out = await run(['validate', '.', '--format', format], dir);
    expect(out.code).toBe(1);
    expectNoSecret(out.stdout + out.stderr, `--format ${format}`);
    expect(out.stdout).toContain('secret-literal');
    expect(out.stdout).toContain('providers.yaml');
    if (format === 'text') {
      for (const at of ['providers.yaml:5:22', 'providers.yaml:7:12', 'providers.yaml:8:10']) expect(out.stdout).toContain(at);
    }
    if (format === 'json') {
      const lines = (JSON.parse(out.stdout) as { diagnostics: { code: string; line: number }[] }).diagnostics.filter((d) => d.code === 'secret-literal').map((d) => d.line);
      expect(lines).toEqual([5, 7, 8]);
    }
    if (format === 'github') {
      for (const line of [5, 7, 8]) expect(out.stdout).toMatch(new RegExp(`^::error file=providers\\.yaml,line=${line},col=\\d+,.*title=secret-literal::`, 'm'));
    }
  });

  it('compile of a catalog with a secret fails, writes nothing and echoes nothing', async () => {
    const out = await run(['compile', '.', '-o', 'snapshot.json'], dir);
    expect(out.code).toBe(1);
    expectNoSecret(out.stdout + out.stderr, 'compile');
  });

  it('the text code frame of a YAML error does not show a secret on that line', async () => {
    // The document does not parse, so no secret-literal range masks the line.
    const broken = await mkdtemp(join(tmpdir(), 'modelctl-secrets-'));
    try {
      await writeFile(join(broken, 'group.yaml'), `apiVersion: modelctl/v1\nkind: Group\nname: eng\ndescription: a\ndescription: ${FAKE_ANTHROPIC_KEY}\n`);
      const out = await run(['validate', '.', '--format', 'text'], broken);
      expect(out.code).toBe(1);
      expect(out.stdout).toContain('yaml-duplicate-key');
      expectNoSecret(out.stdout, 'the code frame');
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
