// The whole project, tests included, type-checks under strict settings
// (vitest strips types without checking them).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('typecheck', () => {
  it('tsc -p tsconfig.test.json reports no error', () => {
    let output = '';
    try {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json'], { cwd: root, stdio: 'pipe' });
    } catch (err) {
      output = (err as { stdout: Buffer }).stdout.toString();
    }
    expect(output).toBe('');
  }, 120_000);
});
