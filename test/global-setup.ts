// Builds dist/ (tsc, then the CLI bundle: scripts/build.mjs) once before the
// suite so tests that spawn the real CLI run the current sources, not a stale
// build.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], {
    cwd: root,
    stdio: 'inherit',
  });
}
