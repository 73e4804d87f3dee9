// The stat-keyed fast check of --cache (src/load/file-state.ts): a stat is
// trusted only when the file was last written well before the run that took
// it; a racy one makes the next run read and hash the file even if every
// field still matches.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RACY_SLACK_MS, sameStat, statFile, trustworthy, unchangedByStat } from '../../src/load/file-state.js';

const dir = mkdtempSync(join(tmpdir(), 'modelctl-file-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file-state', () => {
  const stat = { size: 10, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7 };

  it('trusts a stat only when mtime and ctime are older than the run by more than the slack', () => {
    expect(trustworthy(stat, 1_000_000 + RACY_SLACK_MS + 1)).toBe(true);
    expect(trustworthy(stat, 1_000_000 + RACY_SLACK_MS)).toBe(false);
    expect(trustworthy(stat, 1_000_000)).toBe(false);
    expect(trustworthy({ ...stat, ctimeMs: 2_000_000 }, 1_000_000 + RACY_SLACK_MS + 1)).toBe(false);
  });

  it('a racy record is never unchanged by its stat, even when every field matches', () => {
    expect(unchangedByStat({ ...stat }, { ...stat })).toBe(true);
    expect(unchangedByStat({ ...stat, racy: true }, { ...stat })).toBe(false);
    expect(unchangedByStat({ ...stat }, undefined)).toBe(false);
    for (const field of ['size', 'mtimeMs', 'ctimeMs', 'ino'] as const) expect(unchangedByStat({ ...stat }, { ...stat, [field]: stat[field] + 1 })).toBe(false);
  });

  it('a file just written is racy; the same file an hour old is not; rewriting it moves the stat', () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'a: 1\n');
    const fresh = statFile(file)!;
    expect(trustworthy(fresh, Date.now())).toBe(false);
    const old = new Date(Date.now() - 3600_000);
    utimesSync(file, old, old);
    const aged = statFile(file)!;
    // ctime moved with utimes: an hour-old mtime alone is not enough.
    expect(trustworthy(aged, Date.now())).toBe(false);
    expect(trustworthy(aged, Date.now() + RACY_SLACK_MS + 1000)).toBe(true);
    writeFileSync(file, 'a: 2\n');
    utimesSync(file, old, old);
    expect(sameStat(aged, statFile(file)!)).toBe(false);
    expect(statFile(join(dir, 'missing.yaml'))).toBeUndefined();
    expect(statFile(dir)).toBeUndefined();
  });
});
