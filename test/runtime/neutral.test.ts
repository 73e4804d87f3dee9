// The runtime must run in any JavaScript runtime (design §6): no Node-only
// imports, no bare `process`, and only `ajv` from outside the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../src/runtime/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('runtime neutrality', () => {
  it.each(files)('%s imports nothing Node-only', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const code = text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    const specifiers = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
    for (const s of specifiers) expect(s.startsWith('.') || s === 'ajv', `${file} imports ${s}`).toBe(true);
    expect(code).not.toMatch(/(?<![.\w])(process|Buffer|require)\b(?!\?\s*:)/);
  });
});
