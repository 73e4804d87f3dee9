import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { createPlan, type Plan } from '../../src/plan/index.js';
import { planFormatters, planJson } from '../../src/cli/format/plan.js';
import { MARKDOWN_LIMIT } from '../../src/cli/format/plan-markdown.js';
import { baseSnapshot, edit, finalize, model } from './fixtures.js';

const live = baseSnapshot();
const desired = edit(live, (d) => {
  d.models['claude-sonnet']!.systemPrompt = 'You write code.\nPrefer small diffs with tests.\n';
  d.models['claude-sonnet']!.pricing.input = 2.5;
  d.models['claude-haiku'] = model('claude-haiku', { availability: { groups: ['eng'] } });
  delete d.models['gpt-5'];
  d.tiers['auto']!.models = ['claude-sonnet'];
});
const plan = createPlan(live, desired);

function schemaValidator() {
  const read = (name: string) => JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(read('snapshot.schema.json'));
  return ajv.compile(read('plan.schema.json'));
}

describe('plan text', () => {
  it('shows + ~ - lines, fields before → after, unified diffs, impact and the summary, uncoloured', () => {
    const text = planFormatters.text(plan, { color: false });
    expect(text).not.toContain('\u001b[');
    expect(text).toContain('  + model/claude-haiku  create\n');
    expect(text).toContain('  ~ model/claude-sonnet  update\n');
    expect(text).toContain('      pricing.input: 3 → 2.5\n');
    expect(text).toContain('  - model/gpt-5  delete  (active and public: apply needs --allow-destroy)\n');
    expect(text).toContain('        -Prefer small, reviewable diffs.\n');
    expect(text).toContain('        +Prefer small diffs with tests.\n');
    expect(text).toContain('  • group eng gains model claude-haiku on every entry point\n');
    expect(text.trimEnd().endsWith('Plan: 1 to create, 2 to update, 1 to delete.')).toBe(true);
  });

  it('colours only when asked', () => {
    expect(planFormatters.text(plan, { color: true })).toContain('\u001b[32m+ model/claude-haiku\u001b[0m');
  });

  it('says so when there are no changes', () => {
    expect(planFormatters.text(createPlan(live, live), { color: false })).toMatch(/^No changes\. The live snapshot sha256:[0-9a-f]{12} already matches the catalog\.\n$/);
  });
});

describe('plan markdown', () => {
  it('starts with the summary line and has one collapsible block per change', () => {
    const md = planFormatters.markdown(plan, { color: false });
    expect(md.split('\n')[0]).toBe('**Plan:** 1 to create, 2 to update, 1 to delete');
    expect(md.match(/<details><summary>/g)).toHaveLength(plan.changes.length);
    expect(md).toContain('<details><summary><code>~ model/claude-sonnet</code> update (2 fields)</summary>');
    expect(md).toContain('- group eng gains model claude-haiku on every entry point');
    expect(md).toContain('```diff\n--- a/model/claude-sonnet/systemPrompt');
    expect(md).not.toContain('Note:');
  });

  it('never lets content close its code fence', () => {
    const p = createPlan(live, edit(live, (d) => void (d.models['gpt-5']!.systemPrompt = 'Use ```ts fences\nfor code.')));
    expect(planFormatters.markdown(p, { color: false })).toContain('````diff\n');
  });

  it('stays under 60,000 characters and says what it cut', () => {
    const big = finalize({
      ...structuredClone(live),
      models: Object.fromEntries(
        Array.from({ length: 3000 }, (_, i) => [`m-${String(i).padStart(4, '0')}`, model(`m-${String(i).padStart(4, '0')}`, { systemPrompt: `Prompt ${i}\n`.repeat(20) })]),
      ),
      tiers: {},
      settings: { ...live.settings, defaultModel: 'm-0000' },
    });
    const md = planFormatters.markdown(createPlan(null, big), { color: false });
    expect(md.length).toBeLessThan(MARKDOWN_LIMIT);
    expect(md.length).toBeGreaterThan(MARKDOWN_LIMIT / 2);
    expect(md).toMatch(/> \*\*Note:\*\* cut to fit a pull-request comment \(60,000 characters\): \d+ of 3\d{3} impact entries and \d+ of 3\d{3} changes are not shown\./);
    expect(md.split('\n')[0]).toBe('**Plan:** 3008 to create, 0 to update, 0 to delete');
    // every opened block is closed
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
  });
});

describe('plan json', () => {
  it('is exactly the §7 shape', () => {
    const doc = JSON.parse(planJson(plan)) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['formatVersion', 'base', 'desired', 'summary', 'changes', 'impact']);
    expect(doc['base']).toEqual({ version: live.version });
    expect(doc['desired']).toEqual({ version: desired.version });
    expect(doc['summary']).toEqual({ create: 1, update: 2, delete: 1 });
    for (const c of doc['changes'] as Record<string, unknown>[]) expect(Object.keys(c)).toEqual(['address', 'action', 'before', 'after']);
    expect((doc['impact'] as { kind: string }[]).map((i) => i.kind)).toContain('price-changed');
  });

  it('conforms to schema/plan.schema.json, as does the full plan file', () => {
    const validate = schemaValidator();
    expect(validate(JSON.parse(planJson(plan))), JSON.stringify(validate.errors)).toBe(true);
    const file: Plan = JSON.parse(JSON.stringify(plan));
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(JSON.stringify(createPlan(null, live)))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...file, changes: [{ address: 'model/x', action: 'rename', before: null, after: null }] })).toBe(false);
  });

  it('describes every property in the schema', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schema/plan.schema.json', import.meta.url), 'utf8'));
    const missing: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as Record<string, unknown>;
      for (const [key, child] of Object.entries((n['properties'] as Record<string, Record<string, unknown>>) ?? {})) {
        if (typeof child['description'] !== 'string') missing.push(`${at}/${key}`);
        walk(child, `${at}/${key}`);
      }
      for (const [key, child] of Object.entries((n['definitions'] as Record<string, unknown>) ?? {})) walk(child, `${at}#${key}`);
      for (const k of ['items', 'oneOf', 'anyOf']) for (const c of [n[k]].flat()) walk(c, `${at}/${k}`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
});
