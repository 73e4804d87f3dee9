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
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
if (args.includes('--prepare')) {
  if (!existsSync('src') || !existsSync('tsconfig.build.json')) process.exit(0);
  const command = process.env.npm_command;
  if (command === 'pack' || command === 'publish') process.exit(0);
}
if (args.includes('--clean')) rmSync('dist', { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
