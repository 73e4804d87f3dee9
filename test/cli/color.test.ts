// --color / --no-color, FORCE_COLOR and NO_COLOR, for every output that
// colours: the flags win, then FORCE_COLOR, then NO_COLOR, then TERM=dumb,
// then whether the stream is a terminal.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useColor, type CliIO } from '../../src/cli/io.js';
import { run } from './capture.js';

const ESC = '\u001b[';
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'modelctl-color-'));
  await mkdir(join(tmp, 'bad'));
  await writeFile(join(tmp, 'bad', 'g.yaml'), 'apiVersion: modelctl/v1\nkind: Group\nname: g\ncolour: blue\n');
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const io = (env: Record<string, string>, tty: boolean, color?: boolean): CliIO => ({
  stdout: { write: () => true, isTTY: tty },
  stderr: { write: () => true, isTTY: tty },
  env,
  cwd: '/',
  ...(color === undefined ? {} : { color }),
});

describe('useColor', () => {
  it.each([
    [{}, true, undefined, true],
    [{}, false, undefined, false],
    [{ TERM: 'dumb' }, true, undefined, false],
    [{ NO_COLOR: '1' }, true, undefined, false],
    [{ NO_COLOR: '' }, true, undefined, true],
    [{ FORCE_COLOR: '1' }, false, undefined, true],
    [{ FORCE_COLOR: '' }, false, undefined, true],
    [{ FORCE_COLOR: '3' }, false, undefined, true],
    [{ FORCE_COLOR: '0' }, true, undefined, false],
    [{ FORCE_COLOR: 'false' }, true, undefined, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, undefined, true],
    [{ FORCE_COLOR: '1', TERM: 'dumb' }, false, undefined, true],
    [{ FORCE_COLOR: '1' }, true, false, false],
    [{ NO_COLOR: '1' }, false, true, true],
  ] as const)('env %j, tty %s, flag %s → %s', (env, tty, flag, expected) => {
    expect(useColor(io(env, tty, flag))).toBe(expected);
  });
});

describe('the CLI', () => {
  it('validate text: no colour off a terminal; --color forces it; --no-color beats FORCE_COLOR', async () => {
    expect((await run(['validate', 'bad'], tmp)).stdout).not.toContain(ESC);
    const forced = await run(['validate', 'bad', '--color'], tmp);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toContain(`${ESC}31merror${ESC}0m`);
    expect((await run(['validate', 'bad'], tmp, { FORCE_COLOR: '1' })).stdout).toContain(ESC);
    expect((await run(['validate', 'bad', '--no-color'], tmp, { FORCE_COLOR: '1' })).stdout).not.toContain(ESC);
    expect((await run(['validate', 'bad'], tmp, { NO_COLOR: '1' }, { tty: true })).stdout).not.toContain(ESC);
    expect((await run(['validate', 'bad'], tmp, {}, { tty: true })).stdout).toContain(ESC);
    // The last flag wins, before or after the command name.
    expect((await run(['--no-color', 'validate', 'bad', '--color'], tmp)).stdout).toContain(ESC);
    expect((await run(['--color', 'validate', 'bad', '--no-color'], tmp)).stdout).not.toContain(ESC);
  });

  it('machine formats never colour, even when forced', async () => {
    for (const format of ['json', 'github', 'sarif', 'junit']) {
      const out = await run(['validate', 'bad', '--format', format, '--color'], tmp, { FORCE_COLOR: '1' });
      expect(out.stdout, format).not.toContain(ESC);
    }
  });

  it('plan text and compile/plan diagnostics on stderr honour the flags too', async () => {
    const good = join(tmp, 'good');
    await mkdir(good, { recursive: true });
    await writeFile(join(good, 'g.yaml'), 'apiVersion: modelctl/v1\nkind: Group\nname: g\n');
    expect((await run(['plan', 'good', '--target', 'file:live.json', '--color'], tmp)).stdout).toContain(ESC);
    expect((await run(['plan', 'good', '--target', 'file:live.json'], tmp, { FORCE_COLOR: '1' })).stdout).toContain(ESC);
    expect((await run(['plan', 'good', '--target', 'file:live.json'], tmp)).stdout).not.toContain(ESC);
    expect((await run(['plan', 'bad', '--target', 'file:live.json', '--color'], tmp)).stderr).toContain(ESC);
    expect((await run(['explain', 'bad', '--entry-point', 'desktop', '--color'], tmp)).stderr).toContain(ESC);
    expect((await run(['explain', 'bad', '--entry-point', 'desktop'], tmp)).stderr).not.toContain(ESC);
  });

  it('a --color after -- is an argument, not the flag', async () => {
    const out = await run(['validate', '--', '--color'], tmp);
    expect(out.stdout).not.toContain(ESC);
    expect(out.stdout).toContain('path-not-found');
  });

  it('--help mentions the flags', async () => {
    expect((await run(['--help'], tmp)).stdout).toMatch(/--color \/ --no-color/);
  });
});
