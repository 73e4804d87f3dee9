// A TypeScript consumer of the installed package (packed, then installed as
// in test/package/install.ts) type-checks with moduleResolution node16,
// nodenext and bundler: 'modelctl' and 'modelctl/runtime' resolve to real
// types (a @ts-expect-error on a wrong call would be unused, and fail, if
// they resolved to any). skipLibCheck is off, so the shipped .d.ts files are
// checked too (that is most of the time each compile takes).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, installTarball, pack, ROOT, run } from './install.js';

const CONSUMER = `import { createResolver, type Snapshot } from 'modelctl/runtime';
import { createPlan, buildSnapshot } from 'modelctl';

export async function check(dir: string): Promise<number> {
  const built = await buildSnapshot([dir], process.cwd());
  const snapshot: Snapshot | undefined = built.snapshot ?? undefined;
  if (!snapshot) return built.diagnostics.length;
  const plan = createPlan(null, snapshot);
  const resolver = createResolver(snapshot);
  const answer = resolver.resolve({ entryPoint: 'desktop', groups: [], model: 'x' });
  // @ts-expect-error a snapshot is not a number
  createResolver(42);
  return plan.summary.create + (answer.ok ? 1 : 0);
}
`;

let tmp: string;
let project: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'modelctl-types-'));
  const home = join(tmp, 'home');
  await mkdir(home);
  const { tarball } = await pack(tmp, home);
  project = join(tmp, 'consumer');
  await mkdir(project);
  await installTarball(project, tarball);
  await mkdir(join(project, 'node_modules', '@types'), { recursive: true });
  await symlink(join(ROOT, 'node_modules', '@types', 'node'), join(project, 'node_modules', '@types', 'node'), 'dir');
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await writeFile(join(project, 'index.ts'), CONSUMER);
}, 60_000);
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function tsc(module: string, moduleResolution: string): Promise<{ code: number; out: string }> {
  const config = `tsconfig.${moduleResolution}.json`;
  await writeFile(
    join(project, config),
    JSON.stringify({ compilerOptions: { module, moduleResolution, target: 'ES2022', strict: true, noEmit: true, types: ['node'], skipLibCheck: false }, files: ['index.ts'] }),
  );
  try {
    const { stdout } = await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { cwd: project, env: cleanEnv(tmp) });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

describe('types of the installed package', () => {
  it.each([
    ['node16', 'node16'],
    ['nodenext', 'nodenext'],
    ['esnext', 'bundler'],
  ])('resolve with module %s, moduleResolution %s', async (module, resolution) => {
    const res = await tsc(module, resolution);
    expect(res.out).toBe('');
    expect(res.code).toBe(0);
  }, 120_000);

  it('the check can fail: a name the package does not export is an error', async () => {
    await writeFile(join(project, 'index.ts'), `${CONSUMER}\nimport { notExported } from 'modelctl';\nvoid notExported;\n`);
    try {
      const res = await tsc('nodenext', 'nodenext');
      expect(res.code).not.toBe(0);
      expect(res.out).toContain('notExported');
    } finally {
      await writeFile(join(project, 'index.ts'), CONSUMER);
    }
  }, 120_000);
});
