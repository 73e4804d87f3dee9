// resolve() returns the model's context limit, max output and compaction
// threshold (0 is valid: compile, snapshot schema and resolve all accept it);
// catalog() lists each model's allowed native tools by resolve()'s own rules.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createResolver, validateSnapshot, type Snapshot } from '../../src/runtime/index.js';
import { catalog, replaceIn, run } from '../apply/cli-helpers.js';
import { tempDir } from '../server/helpers.js';
import { ENV, makeSnapshot, model } from './fixtures.js';

const base = { entryPoint: 'desktop', groups: ['eng'] };

describe('resolve: limits a gateway compacts by', () => {
  it('returns contextLimit, maxOutputTokens and compressionThreshold, null when unset', () => {
    const s = makeSnapshot((d) => {
      d.models['sonnet']!.contextLimit = 200_000;
      d.models['sonnet']!.maxOutputTokens = 64_000;
      d.models['sonnet']!.compressionThreshold = 0;
      d.models['haiku']!.contextLimit = null;
      d.models['haiku']!.maxOutputTokens = null;
      d.models['haiku']!.compressionThreshold = null;
      d.models['opus']!.compressionThreshold = 55;
    });
    const r = createResolver(s, { env: ENV });
    expect(r.resolve({ ...base, model: 'sonnet' })).toMatchObject({ ok: true, contextLimit: 200_000, maxOutputTokens: 64_000, compressionThreshold: 0 });
    expect(r.resolve({ ...base, model: 'haiku' })).toMatchObject({ ok: true, contextLimit: null, maxOutputTokens: null, compressionThreshold: null });
    // Through a tier too: the limits are the chosen model's.
    expect(r.resolve({ ...base, tier: 'auto' })).toMatchObject({ ok: true, model: 'opus', compressionThreshold: 55 });
  });

  it('the snapshot schema takes 0..100 and refuses outside it', () => {
    const at = (n: number) => validateSnapshot(makeSnapshot((d) => void (d.models['sonnet']!.compressionThreshold = n))).ok;
    expect([at(0), at(100), at(-1), at(101)]).toEqual([true, true, false, false]);
  });

  it('compressionThreshold: 0 compiles from a catalog and resolves as 0', async () => {
    const tmp = await tempDir();
    try {
      const dir = await catalog(tmp.dir, 'zero', (root) => replaceIn(join(root, 'models/claude-sonnet.yaml'), 'compressionThreshold: 80', 'compressionThreshold: 0'));
      const out = join(tmp.dir, 'snapshot.json');
      const compiled = await run(['compile', dir, '-o', out], { cwd: tmp.dir });
      expect(compiled.code, compiled.stderr).toBe(0);
      const snapshot = JSON.parse(await readFile(out, 'utf8')) as Snapshot;
      expect(snapshot.models['claude-sonnet']!.compressionThreshold).toBe(0);
      const r = createResolver(snapshot, { env: { ANTHROPIC_API_KEY: 'k' } }).resolve({ entryPoint: 'cli', groups: [], model: 'claude-sonnet' });
      expect(r).toMatchObject({ ok: true, compressionThreshold: 0 });
      expect(r.ok && typeof r.contextLimit).toBe('number');
      // -1 is still refused, with a diagnostic.
      const bad = await catalog(tmp.dir, 'neg', (root) => replaceIn(join(root, 'models/claude-sonnet.yaml'), 'compressionThreshold: 80', 'compressionThreshold: -1'));
      expect((await run(['compile', bad, '-o', join(tmp.dir, 'bad.json')], { cwd: tmp.dir })).code).toBe(1);
    } finally {
      await tmp.remove();
    }
  });
});

describe('catalog: allowed native tools per model', () => {
  it('lists the tools resolve() would allow, in the model’s order', () => {
    const s = makeSnapshot((d) => {
      // image-gen needs image-generation, which sonnet lacks; teleport is no NativeTool.
      d.models['sonnet']!.nativeTools = ['web-search', 'image-gen', 'teleport', 'code-exec'];
      d.models['painter'] = model('painter', { order: 40, capabilities: ['image-generation', 'text', 'tools'], nativeTools: ['image-gen'] });
    });
    const r = createResolver(s, { env: ENV });
    const c = r.catalog({ entryPoint: 'desktop', groups: ['eng'] });
    const tools = (name: string) => c.models.find((m) => m.name === name)?.tools;
    expect(tools('sonnet')).toEqual(['web-search', 'code-exec']);
    expect(tools('haiku')).toEqual([]);
    expect(tools('painter')).toEqual(['image-gen']);
    // The same answer resolve() gives when every offered tool is asked for.
    for (const m of c.models) {
      const asked = s.models[m.name]!.nativeTools;
      const res = r.resolve({ ...base, model: m.name, tools: asked });
      expect(res.ok && res.tools.allowed).toEqual(m.tools);
    }
  });
});
