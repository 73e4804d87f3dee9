// The `yaml` package takes ~45 ms to load: more than the rest of `validate` on
// a small catalog, and a run whose files all take the fast reader
// (src/load/fast-yaml.ts) never parses with it. So its node predicates come
// from its 2 KB identity module at once, and the package itself loads on
// first use. test/load/yaml-lazy.test.ts pins that these are the very
// functions the package exports, so an upgrade that moves them fails the suite.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);

type Identity = Pick<typeof Yaml, 'isAlias' | 'isMap' | 'isPair' | 'isScalar' | 'isSeq'>;

/** yaml's `dist/nodes/identity.js`, by path: the package's exports map lists only its index. */
export const { isAlias, isMap, isPair, isScalar, isSeq } = require(join(dirname(require.resolve('yaml')), 'nodes', 'identity.js')) as Identity;

let lib: typeof Yaml | undefined;

/** The `yaml` package, loaded on the first call. */
export function yaml(): typeof Yaml {
  return (lib ??= require('yaml') as typeof Yaml);
}
