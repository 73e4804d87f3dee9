// The package as a user gets it, offline: `npm pack` this repository, then
// install the tarball into a project's node_modules the way npm lays it out —
// the tarball's package/ extracted to node_modules/modelctl, its bin linked
// into node_modules/.bin and made executable — with each dependency the
// packed package.json declares linked from this repository's node_modules
// (their own dependencies resolve from there, through the link's real path).
// Only what the packed package.json declares is linked, so an import of an
// undeclared package fails here as it would for a user.
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const run = promisify(execFile);

/** A child environment with nothing inherited but PATH: no npm_* settings, no tokens, no proxies; npm offline. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    // Without node_modules/.bin folders (npm run adds them): npx must find the installed modelctl.
    PATH: (process.env.PATH ?? '/usr/bin:/bin')
      .split(':')
      .filter((p) => !p.endsWith('node_modules/.bin'))
      .join(':'),
    HOME: home,
    npm_config_cache: join(home, '.npm'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface Packed {
  tarball: string;
  files: string[];
}

/**
 * `npm pack` into `dest`. Scripts are skipped: `prepack` is a clean rebuild
 * of dist/, which vitest's global setup has just done, and a clean rebuild
 * would pull dist/ from under tests running beside this one.
 */
export async function pack(dest: string, home: string): Promise<Packed> {
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: ROOT, env: cleanEnv(home), maxBuffer: 64 * 1024 * 1024 });
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(dest, info!.filename), files: info!.files.map((f) => f.path) };
}

/** Installs `tarball` into `project/node_modules/modelctl` (see the top of this file). Returns the package directory. */
export async function installTarball(project: string, tarball: string): Promise<string> {
  const pkgDir = join(project, 'node_modules', 'modelctl');
  await mkdir(pkgDir, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  const manifest = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };
  for (const dep of Object.keys(manifest.dependencies)) {
    const link = join(project, 'node_modules', dep);
    await mkdir(dirname(link), { recursive: true });
    await symlink(join(ROOT, 'node_modules', dep), link, 'dir');
  }
  await mkdir(join(project, 'node_modules', '.bin'), { recursive: true });
  for (const [name, target] of Object.entries(manifest.bin)) {
    await chmod(join(pkgDir, target), 0o755);
    await symlink(join('..', 'modelctl', target), join(project, 'node_modules', '.bin', name));
  }
  return pkgDir;
}
