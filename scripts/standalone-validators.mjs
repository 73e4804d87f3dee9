// Precompiles the JSON Schema validators with ajv's standalone code generation
// (https://ajv.js.org/standalone), so nothing compiles a schema at run time:
// start-up skips ajv entirely, and the runtime's snapshot check works where
// code generation from strings is forbidden (Workers, strict CSP).
//
// The output is TypeScript marked `// @ts-nocheck`: tsc copies it to dist/
// with everything else (no allowJs, no hand-written .d.ts), and only the one
// typed export at the bottom is part of the program's types.
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const require = createRequire(import.meta.url);

/**
 * ajv's runtime helpers the generated code may call. Standalone code reaches
 * them with `require("ajv/dist/runtime/…").default`, which an ES module cannot
 * run; each is a self-contained function, so its own source is inlined instead
 * (the very code ajv would call). A helper not listed here — `uri` or ajv-formats
 * for a `format`, `re2` — stops the generator rather than ship a `require`.
 */
const INLINABLE_HELPERS = new Set(['ajv/dist/runtime/equal', 'ajv/dist/runtime/ucs2length']);

function inlineHelpers(code) {
  return code.replace(/require\("([^"]+)"\)\.default/g, (_, id) => {
    if (!INLINABLE_HELPERS.has(id)) throw new Error(`standalone validators need ${id} at run time; add it to INLINABLE_HELPERS only if it is self-contained`);
    const fn = require(id).default;
    return `(${fn.toString()})`;
  });
}

/** 'entry-point-group.schema.json' → 'entryPointGroup', a name for the module's own binding. */
function bindingName(file) {
  return file.replace(/\.schema\.json$/, '').replace(/[^a-zA-Z0-9]+(.)/g, (_, c) => c.toUpperCase());
}

/**
 * One ES module validating against `files` (paths under schema/), compiled
 * with `options` and `keywords` (annotation-only keywords such as
 * enumDescriptions). `schemas` is every schema of schema/ (for $refs).
 */
export function standaloneModule({ banner, what, schemas, base, files, options, keywords = [], exportName }) {
  const ajv = new Ajv({ ...options, code: { source: true, esm: true, lines: true } });
  if (keywords.length) ajv.addVocabulary(keywords);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const names = Object.fromEntries(files.map((f) => [bindingName(f), base + f]));
  let code = inlineHelpers(standaloneCode(ajv, names));
  if (/\brequire\(|new Function|\beval\(/.test(code)) throw new Error('standalone validators still generate or require code at run time');
  code = code.replace(/^"use strict";\n/, '');
  // ajv gathers a $ref'd schema's errors with vErrors.concat(...), a new array per
  // failing call: a 10,000-model snapshot with a few errors per model took 31 s
  // (quadratic). Appending in place gives the same errors in the same order, in
  // linear time. (The callee's errors array is made anew by each of its calls.)
  code = code.replace(
    /vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);/g,
    (_, v) => `if (vErrors === null) vErrors = ${v}.errors; else for (const e of ${v}.errors) vErrors.push(e);`,
  );
  if (/vErrors\.concat\(/.test(code)) throw new Error('standalone code gathers errors with a concat this script does not rewrite');
  // The per-schema exports become plain bindings: the typed map below is the module's one export.
  for (const name of Object.keys(names)) {
    const exported = `export const ${name} = `;
    if (!code.includes(exported)) throw new Error(`standalone code has no export ${name}`);
    code = code.replace(exported, `const ${name} = `);
  }
  const entries = files.map((f) => `  ${JSON.stringify(f)}: ${bindingName(f)},`).join('\n');
  return `${banner}// @ts-nocheck -- ajv's generated code, checked by test/startup/differential.test.ts instead.
// ${what}
// ajv options: ${JSON.stringify(options)}${keywords.length ? `; annotation keywords: ${keywords.join(', ')}` : ''}.
import type { ErrorObject } from 'ajv';

/** A precompiled validator: true when valid, else its \`errors\` hold every problem (ajv's own error objects). */
export type PrecompiledValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

${code}

export const ${exportName}: Readonly<Record<${files.map((f) => JSON.stringify(f)).join(' | ')}, PrecompiledValidator>> = {
${entries}
};
`;
}
