// The package entry points resolve from the built dist/ exactly as a user imports them.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function importKeys(specifier: string): string[] {
  const script = `import(${JSON.stringify(specifier)}).then((m) => process.stdout.write(JSON.stringify(Object.keys(m).sort())))`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root }).toString()) as string[];
}

describe('package exports', () => {
  it("'modelctl' exposes the pipeline stages", () => {
    expect(importKeys('modelctl')).toEqual(expect.arrayContaining(['buildSnapshot', 'compile', 'createPlan', 'createResolver', 'openTarget', 'startServer', 'validateDocuments']));
  });

  it("'modelctl/runtime' exposes the resolver", () => {
    expect(importKeys('modelctl/runtime')).toEqual(expect.arrayContaining(['createResolver', 'loadSnapshot', 'validateSnapshot', 'canonicalJson', 'explain']));
  });
});
