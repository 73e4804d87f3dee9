// The V8 flags bin/modelctl.js sets per command (src/cli/v8-flags.ts): the
// launcher applying them is tested in test/startup/bundle.test.ts.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CLI_WASM_TIERING_BUDGET, v8FlagsFor } from '../../src/cli/v8-flags.js';

describe('v8FlagsFor', () => {
  it('gives every short-lived command a WebAssembly tiering budget it never spends, and serve none', () => {
    for (const argv of [['apply', 'catalog'], ['plan'], ['rollback', '--to', 'x'], ['--version'], [], ['--no-color', 'get', 'models']]) {
      expect(v8FlagsFor(argv), argv.join(' ')).toEqual([`--wasm-tiering-budget=${CLI_WASM_TIERING_BUDGET}`]);
    }
    for (const argv of [['serve'], ['serve', '--follow', 'http://127.0.0.1:1'], ['--color', 'serve'], ['--no-color', '--color', 'serve']]) {
      expect(v8FlagsFor(argv), argv.join(' ')).toEqual([]);
    }
  });

  it('names a flag this V8 knows, with a value it takes (an int flag)', () => {
    expect(CLI_WASM_TIERING_BUDGET).toBeLessThanOrEqual(2 ** 31 - 1);
    // setFlagsFromString prints "unrecognized flag" and changes nothing for a name V8 does not know; it never throws.
    expect(() => setFlagsFromString(`--wasm-tiering-budget=1800000`)).not.toThrow();
  });
});
