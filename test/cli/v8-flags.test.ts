// The V8 flags bin/modelctl.js sets per command (src/cli/v8-flags.ts): the
// launcher applying them is tested in test/startup/bundle.test.ts.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CLI_WASM_TIERING_BUDGET, v8FlagsFor } from '../../src/cli/v8-flags.js';
import { commands } from '../../src/cli/commands/index.js';

describe('v8FlagsFor', () => {
  it('gives the commands that read from a server a WebAssembly tiering budget they never spend; serve and the rest none', () => {
    for (const argv of [['apply', 'catalog'], ['plan'], ['rollback', '--to', 'x'], ['--no-color', 'get', 'models'], ['explain'], ['access'], ['demo'], ['test']]) {
      expect(v8FlagsFor(argv), argv.join(' ')).toEqual([`--wasm-tiering-budget=${CLI_WASM_TIERING_BUDGET}`]);
    }
    for (const argv of [['serve'], ['serve', '--follow', 'http://127.0.0.1:1'], ['--color', 'serve'], ['--version'], [], ['validate'], ['compile', '-o', 'x'], ['--help'], ['plan-typo']]) {
      expect(v8FlagsFor(argv), argv.join(' ')).toEqual([]);
    }
  });

  it('names commands of the command table (a misspelt name would silently get nothing)', () => {
    const given = commands.filter((c) => v8FlagsFor([c.name]).length > 0).map((c) => c.name);
    expect(given.sort()).toEqual(['access', 'apply', 'demo', 'explain', 'get', 'plan', 'rollback', 'test']);
  });

  it('names a flag this V8 knows, with a value it takes (an int flag)', () => {
    expect(CLI_WASM_TIERING_BUDGET).toBeLessThanOrEqual(2 ** 31 - 1);
    // setFlagsFromString prints "unrecognized flag" and changes nothing for a name V8 does not know; it never throws.
    expect(() => setFlagsFromString(`--wasm-tiering-budget=1800000`)).not.toThrow();
  });
});
