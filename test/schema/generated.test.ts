// src/generated/ must be exactly what `npm run gen` makes from schema/.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('generated types', () => {
  it('are up to date with schema/ (run `npm run gen` when this fails)', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['scripts/gen-types.mjs', '--check'], { cwd: root, stdio: 'pipe' });
    } catch (err) {
      const e = err as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(stderr).toBe('');
    expect(status).toBe(0);
  }, 60_000);
});
