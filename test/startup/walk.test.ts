// readCatalogFiles lists folders with a plain walk (src/load/walk.ts) unless an
// ignore pattern applies, so validate does not load fast-glob. The walk must
// list exactly what fast-glob's `**/*` lists with the options read.ts gave it:
// same entries, same kinds (file, folder, link), on crafted and random trees.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fg from 'fast-glob';
import { afterAll, describe, expect, it } from 'vitest';
import { walkEntries } from '../../src/load/walk.js';
import { readCatalogFiles } from '../../src/load/read.js';
import { ROOT, int, mulberry32, pick } from '../compile/helpers.js';

const work = mkdtempSync(join(tmpdir(), 'modelctl-walk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Listed = { path: string; name: string; dirent: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean } };
const kind = (e: Listed) => (e.dirent.isSymbolicLink() ? 'link' : e.dirent.isDirectory() ? 'dir' : e.dirent.isFile() ? 'file' : 'other');
const shape = (root: string, entries: Listed[]) => entries.map((e) => `${relative(root, e.path)} ${e.name} ${kind(e)}`).sort();

async function viaFastGlob(dir: string): Promise<string[]> {
  const entries = await fg(['**/*'], { cwd: dir, absolute: true, onlyFiles: false, dot: false, followSymbolicLinks: false, objectMode: true, ignore: ['**/node_modules/**'] });
  return shape(dir, entries as Listed[]);
}

let craftedRoot: string | undefined;
function crafted(): string {
  if (craftedRoot) return craftedRoot;
  const root = (craftedRoot = join(work, 'crafted'));
  for (const d of ['a/node_modules/x', '.hidden', 'b/.dot', 'c', 'real/node_modules', 'd', 'e/f/g/h', 'node_modules_not', 'x.yaml']) mkdirSync(join(root, d), { recursive: true });
  for (const f of ['a/1.yaml', 'a/node_modules/x/2.yaml', '.hidden/3.yaml', 'b/.dot/4.yaml', '.5.yaml', 'c/6.yml', 'e/f/g/h/7.yaml', 'node_modules_not/8.yaml', 'c/node_modules', 'b/..yaml', 'b/a.yaml.', 'b/[x].yaml', 'b/{a,b}.yaml', 'b/*.yaml', 'b/!neg.yaml', 'b/#c.yaml', 'b/@(x).yaml', 'b/ü é.yaml']) writeFileSync(join(root, f), 'a: 1\n');
  symlinkSync('real/node_modules', join(root, 'nm_link'));
  symlinkSync('../real', join(root, 'c/link'));
  symlinkSync('../real/node_modules', join(root, 'a/node_modules_link'));
  symlinkSync('nowhere', join(root, 'dangling.yaml'));
  symlinkSync('../a/1.yaml', join(root, 'd/x.yaml'));
  symlinkSync('..', join(root, 'd/up'));
  symlinkSync('.hidden', join(root, 'visible_link_to_hidden'));
  symlinkSync('a', join(root, '.hidden_link'));
  return root;
}

const NAMES = ['a', 'b.yaml', 'c.yml', '.d', '.e.yaml', 'node_modules', 'node_modules.yaml', 'f g', '[h]', '{i,j}', '*', '!k', '#l', '@(m)', 'ü', 'n.YAML', '-o', '~p'];

/** A seeded random tree: folders, files and links (to siblings, parents, nothing) up to four levels deep. */
function random(seed: number): string {
  const rng = mulberry32(seed);
  const root = join(work, `random-${seed}`);
  mkdirSync(root, { recursive: true });
  const dirs = [root];
  for (let i = 0; i < 60; i++) {
    const parent = pick(rng, dirs);
    const path = join(parent, pick(rng, NAMES) + (rng() < 0.3 ? String(int(rng, 0, 9)) : ''));
    try {
      const r = rng();
      if (r < 0.35 && relative(root, path).split('/').length < 5) (mkdirSync(path), dirs.push(path));
      else if (r < 0.8) writeFileSync(path, 'x: 1\n');
      else symlinkSync(pick(rng, ['..', '.', 'nowhere', relative(parent, pick(rng, dirs)) || '.', 'b.yaml']), path);
    } catch {
      // The name is taken: keep what is there.
    }
  }
  return root;
}

describe('walkEntries = fast-glob **/* (dot: false, links not followed, node_modules ignored)', () => {
  it('on a crafted tree: dot names, node_modules folders, files and links, links to folders, files and nothing, glob characters in names', async () => {
    const root = crafted();
    const walked = shape(root, walkEntries(root));
    expect(walked).toEqual(await viaFastGlob(root));
    expect(walked).toContain('b/[x].yaml [x].yaml file');
    expect(walked).toContain('dangling.yaml dangling.yaml link');
    expect(walked.some((e) => e.includes('node_modules/') || e.startsWith('.') || e.includes('/.'))).toBe(false);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('on seeded random tree %i', async (seed) => {
    const root = random(seed);
    const walked = shape(root, walkEntries(root));
    expect(walked).toEqual(await viaFastGlob(root));
    expect(walked.length).toBeGreaterThan(5);
  });

  it('on the repository examples and test fixtures', async () => {
    for (const dir of ['examples', 'models', 'test/golden', 'test/fixtures']) {
      const root = join(ROOT, dir);
      expect(shape(root, walkEntries(root)), dir).toEqual(await viaFastGlob(root));
    }
  });

  it('readCatalogFiles reads the same files with and without a pattern that matches nothing', async () => {
    const root = crafted();
    const plain = await readCatalogFiles([root], work);
    const globbed = await readCatalogFiles([root], work, { exclude: ['no-such-file-anywhere.yaml'] });
    expect(plain.sources.map((s) => s.file)).toEqual(globbed.sources.map((s) => s.file));
    expect(plain.diagnostics).toEqual(globbed.diagnostics);
    expect(plain.sources.length).toBeGreaterThan(5);
  });
});
