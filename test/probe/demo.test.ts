// The demo's last step probes every example model against the mock upstream,
// with credentials of its own: nothing from the caller's environment is needed.
import { describe, expect, it } from 'vitest';
import { run } from '../cli/capture.js';

const root = new URL('../..', import.meta.url).pathname;

describe('modelctl demo: the test step', () => {
  it.each(['quickstart', 'agents-admin'])('%s: every source tested against the mock, no latency figures, exit 0', async (example) => {
    const r = await run(['demo', `examples/${example}`], root, {});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const step = r.stdout.slice(r.stdout.indexOf('==> 7/7 test every model'));
    expect(step).toMatch(/^claude-sonnet {2}\d+ of \d+ sources? usable$/m);
    expect(step).not.toMatch(/✗|error|timeout/);
    expect(step).not.toMatch(/ttfb/);
    expect(step).not.toContain('demo-placeholder');
  });
});
