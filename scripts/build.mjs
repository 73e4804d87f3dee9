// Builds dist/ with tsc. Two npm hooks call it:
//
// - `prepack` (`node scripts/build.mjs --clean`): a clean build before
//   `npm pack` / `npm publish`, so the tarball ships exactly the current dist/.
// - `prepare` (`node scripts/build.mjs --prepare`): builds only in a source
//   checkout (src/ and tsconfig.build.json present) — `npm ci` in a fresh
//   clone, and npm's install of this package from a git URL (which runs
//   `prepare` with devDependencies installed). It does nothing in an installed
//   tarball, which ships dist/ already built, and nothing during pack/publish,
//   where `prepack` has just built it.
//
// After tsc, the CLI (dist/cli/main.js and the verify worker it starts) is
// bundled with esbuild into dist/bundle/: an entry that holds the command
// table and one chunk per lazily imported command, shared code in common
// chunks. One file per chunk instead of ~150 per command saves the module
// loader's resolving, reading and linking on every start (bench/startup).
// The per-file dist/ stays for library users (`modelctl`, `modelctl/runtime`)
// and is what bin/modelctl.js falls back to when the bundle is missing or
// older than it. Dependencies are not bundled: they load from node_modules as
// before. dist/bundle/meta.json maps each chunk to the dist/ modules in it.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
if (args.includes('--prepare')) {
  if (!existsSync('src') || !existsSync('tsconfig.build.json')) process.exit(0);
  const command = process.env.npm_command;
  if (command === 'pack' || command === 'publish') process.exit(0);
}
if (args.includes('--clean')) rmSync('dist', { recursive: true, force: true });
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const { build } = require('esbuild');
rmSync('dist/bundle', { recursive: true, force: true });
const result = await build({
  entryPoints: { main: 'dist/cli/main.js', 'verify-worker': 'dist/server/verify-worker.js' },
  // Two levels below the package root, as dist/cli/ is: src/io/package-root.ts relies on it.
  outdir: 'dist/bundle',
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const chunks = {};
for (const [file, out] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith('.js')) chunks[file.slice('dist/bundle/'.length)] = Object.keys(out.inputs).map((i) => i.slice('dist/'.length)).sort();
}
writeFileSync('dist/bundle/meta.json', JSON.stringify({ chunks }, null, 1) + '\n');
