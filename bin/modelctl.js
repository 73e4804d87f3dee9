#!/usr/bin/env node
// Launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script).
import { existsSync, statSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+: keep compiled code in an on-disk cache (os.tmpdir()/node-compile-cache,
// or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so later starts
// skip most parsing. It never throws; on Node 20 it does not exist and nothing happens.
module.enableCompileCache?.();

// The CLI bundle (scripts/build.mjs), unless it is missing or older than the
// per-file build beside it (tsc run on its own): never code staler than dist/.
const perFile = new URL('../dist/cli/main.js', import.meta.url);
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const mtime = (url) => statSync(fileURLToPath(url), { throwIfNoEntry: false })?.mtimeMs;
const bundled = mtime(bundle);
const entry = bundled !== undefined && bundled >= (mtime(perFile) ?? 0) ? bundle : perFile;
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('modelctl: dist/ is missing; run `npm ci` (or `npm run build`) first\n');
  process.exit(1);
}
const { main, v8FlagsFor } = await import(entry.href);
// Before the command loads anything that compiles WebAssembly (cli/v8-flags.ts says which and why).
const flags = v8FlagsFor(process.argv.slice(2));
if (flags.length > 0) {
  const { setFlagsFromString } = await import('node:v8');
  for (const flag of flags) setFlagsFromString(flag);
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
