// Editor support, for real: yaml-language-server 1.x over LSP stdio, on a
// catalog repository made by `modelctl init` (catalog/ and the yaml.schemas
// mapping of its .vscode/settings.json, sent as VS Code would), with the
// package's schema/ under node_modules/modelctl/ as npm installs it, plus the
// two ways `modelctl schema` serves people without node_modules. No network: SchemaStore is off and the proxy is a
// closed port, so any attempt to fetch a remote $ref fails as a diagnostic.
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemas } from '../../src/generated/schemas.js';
import { run } from '../cli/capture.js';
import { tempDir } from '../server/helpers.js';
import { startYamlServer, waitForSchema, type Settings, type YamlServer } from './lsp-client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE_MODULES_SCHEMA = './node_modules/modelctl/schema/catalog.schema.json';

// Two documents per file: the second one is what a top-of-file modeline misses.
const PROVIDERS = `apiVersion: modelctl/v1
kind: Provider
name: anthropic
type: anthropic
credentials:
  default: { env: ANTHROPIC_API_KEY }
---
apiVersion: modelctl/v1
kind: Provider
name: openai
type: opnai
credentials:
  default: { env: OPENAI_API_KEY }
`;
const OPNAI_LINE = PROVIDERS.split('\n').indexOf('type: opnai');

const MODELS = `apiVersion: modelctl/v1
kind: Provider
name: anthropic
type: anthropic
credentials:
  default: { env: ANTHROPIC_API_KEY }
---
apiVersion: modelctl/v1
kind: Model
name: claude-sonnet

sources:
  - provider: anthropic
    model: claude-sonnet-4-5
`;
const EMPTY_KEY_LINE = MODELS.split('\n').indexOf('name: claude-sonnet') + 1;

type Json = Record<string, any>;
const modelProps = (schemas['model.schema.json'] as Json).properties as Record<string, { description?: string }>;

function docText(item: CompletionItem): string {
  const d = item.documentation;
  return typeof d === 'string' ? d : (d?.value ?? '');
}

let tmp: { dir: string; remove: () => Promise<void> };
let server: YamlServer | undefined;
let settings: Settings;
let initCatalog: (readonly [string, string])[];
/** Where each way of getting the schema is mapped, as `init`'s settings map catalog/. */
const LAYOUTS = ['catalog', 'vendored', 'bundled'] as const;

beforeAll(async () => {
  tmp = await tempDir('modelctl-editor-');
  const repo = tmp.dir;
  // The repository as `modelctl init` writes it, and node_modules/modelctl/schema as
  // `npm install` puts it there (the package ships schema/ as it is in this repo).
  const init = await run(['init', repo], ROOT);
  expect(init.code, init.stderr).toBe(0);
  await mkdir(join(repo, 'node_modules', 'modelctl'), { recursive: true });
  await cp(join(ROOT, 'schema'), join(repo, 'node_modules', 'modelctl', 'schema'), { recursive: true });
  // Without node_modules: `modelctl schema --out schemas` and `modelctl schema > catalog.bundle.json`.
  expect((await run(['schema', '--out', 'schemas'], repo)).code).toBe(0);
  const bundle = await run(['schema'], repo);
  expect(bundle.code).toBe(0);
  await writeFile(join(repo, 'catalog.bundle.json'), bundle.stdout);
  for (const dir of LAYOUTS) {
    await mkdir(join(repo, dir, 'editor'), { recursive: true });
    await writeFile(join(repo, dir, 'editor', 'providers.yaml'), PROVIDERS);
    await writeFile(join(repo, dir, 'editor', 'models.yaml'), MODELS);
  }

  // The workspace settings as VS Code would send them: yaml.schemas from the .vscode/settings.json init wrote.
  const vscode = JSON.parse(await readFile(join(repo, '.vscode', 'settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
  expect(vscode['yaml.schemas']).toEqual({ [NODE_MODULES_SCHEMA]: ['catalog/**/*.yaml', 'catalog/**/*.yml'] });
  initCatalog = await Promise.all(['providers.yaml', 'models.yaml', 'settings.yaml'].map(async (f) => [join(repo, 'catalog', f), await readFile(join(repo, 'catalog', f), 'utf8')] as const));
  settings = {
    yaml: {
      validate: true,
      completion: true,
      hover: true,
      schemaStore: { enable: false },
      schemas: { ...vscode['yaml.schemas'], './schemas/catalog.schema.json': ['vendored/**/*.yaml'], './catalog.bundle.json': ['bundled/**/*.yaml'] },
    },
    http: { proxy: 'http://127.0.0.1:9', proxyStrictSSL: true },
  };
  server = await startYamlServer({ cwd: repo, workspace: repo, settings });
}, 30_000);

afterAll(async () => {
  await server?.close();
  await tmp?.remove();
});

describe('yaml-language-server on a catalog repository made by modelctl init', () => {
  it("finds init's own catalog clean, every document of it schema-checked", async () => {
    for (const [path, text] of initCatalog) {
      // A wrong type in the file's last document shows the mapping reaches it ...
      const broken = `${text}---\napiVersion: modelctl/v1\nkind: Group\nname: g\ndescription: 42\n`;
      const brokenLine = broken.split('\n').indexOf('description: 42');
      expect((await waitForSchema(server!, path, broken)).map((d) => d.range.start.line), path).toEqual([brokenLine]);
      // ... and the file as init wrote it has nothing to report.
      expect(await server!.change(path, text), path).toEqual([]);
    }
  });

  it.each(LAYOUTS)('%s: reports type: opnai in the second document of a file, and nothing else', async (dir) => {
    const diagnostics = await waitForSchema(server!, join(tmp.dir, dir, 'editor', 'providers.yaml'), PROVIDERS);
    // Exactly one: a schema that failed to load (a $ref that does not resolve) would add its own.
    expect(diagnostics.map((d) => ({ line: d.range.start.line, message: d.message })), server!.stderr()).toEqual([
      { line: OPNAI_LINE, message: expect.stringContaining('"openai"') },
    ]);
    expect(diagnostics[0]!.range.start.character).toBe('type: '.length);
  });

  it.each(LAYOUTS)('%s: completes the fields of a kind: Model document (the second of its file) with their descriptions', async (dir) => {
    const path = join(tmp.dir, dir, 'editor', 'models.yaml');
    // Schema applied (a wrong type is reported), then the document as completed is clean.
    expect(await waitForSchema(server!, path, MODELS.replace('\n\nsources', '\ncontextLimit: lots\nsources'))).toHaveLength(1);
    expect(await server!.change(path, MODELS)).toEqual([]);
    const items = await server!.completion(path, EMPTY_KEY_LINE, 0);
    const byLabel = new Map(items.map((i) => [i.label, i]));
    for (const field of ['capabilities', 'contextLimit', 'maxOutputTokens', 'providerOptions', 'systemPrompt']) {
      const item = byLabel.get(field);
      expect(item, `${field} among ${[...byLabel.keys()].join(', ')}`).toBeDefined();
      const description = modelProps[field]!.description!;
      expect(description.length).toBeGreaterThan(10);
      expect(docText(item!)).toContain(description);
    }
    // Provider fields are not offered in a Model: the kind picked the schema.
    expect(byLabel.has('credentials')).toBe(false);
    expect(byLabel.has('baseUrl')).toBe(false);
    // Fields already present are not offered again.
    expect(byLabel.has('sources')).toBe(false);
  });

  it('hovers a provider-options field with its description (a $ref into a subdirectory resolves)', async () => {
    const path = join(tmp.dir, 'catalog', 'options.yaml');
    const text = 'apiVersion: modelctl/v1\nkind: Model\nname: m\nproviderOptions:\n  openai:\n    reasoningEffort: high\n';
    expect(await waitForSchema(server!, path, text.replace('high', 'bogus'))).toEqual([expect.objectContaining({ range: expect.objectContaining({ start: { line: 5, character: 21 } }) })]);
    expect(await server!.change(path, text)).toEqual([]);
    const hover = await server!.hover(path, 5, 6);
    const contents = hover?.contents;
    const value = typeof contents === 'string' ? contents : contents && 'value' in contents ? contents.value : JSON.stringify(contents);
    const effort = ((schemas['provider-options/openai.schema.json'] as Json).properties.reasoningEffort as { description: string }).description;
    expect(value).toContain(effort);
  });
});

// This repository's own .vscode/settings.json, on the examples as they are.
describe('yaml-language-server on this repository', () => {
  let repoServer: YamlServer | undefined;
  let repoSettings: Settings;
  afterAll(async () => repoServer?.close());

  async function yamlFiles(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).map((e) => join(e.parentPath, e.name)).sort();
  }

  beforeAll(async () => {
    const vscode = JSON.parse(await readFile(join(ROOT, '.vscode', 'settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
    repoSettings = { yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false }, schemas: vscode['yaml.schemas'] }, http: { proxy: 'http://127.0.0.1:9' } };
    repoServer = await startYamlServer({ cwd: tmp.dir, workspace: ROOT, settings: repoSettings });
  }, 30_000);

  it('maps every example file, every document of it, and finds them clean, as modelctl validate does', async () => {
    const files = await yamlFiles(join(ROOT, 'examples'));
    expect(files.length).toBeGreaterThan(30);
    const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    for (const [i, text] of texts.entries()) expect(text, relative(ROOT, files[i]!)).not.toMatch(/yaml-language-server:/);
    // A broken document appended to a file proves the mapping reaches the file's last document.
    const broken = '\n---\napiVersion: modelctl/v1\nkind: Provider\nname: zz\ntype: opnai\ncredentials: { default: { env: X } }\n';
    const first = files.indexOf(join(ROOT, 'examples', 'quickstart', 'providers.yaml'));
    expect((await waitForSchema(repoServer!, files[first]!, texts[first]! + broken)).length).toBe(1);

    const withBroken = await Promise.all(files.map((f, i) => repoServer!.set(f, texts[i]! + broken)));
    const clean = await Promise.all(files.map((f, i) => repoServer!.change(f, texts[i]!)));
    for (const [i, file] of files.entries()) {
      const name = relative(ROOT, file);
      const brokenLine = (texts[i]! + broken).split('\n').indexOf('type: opnai');
      expect(withBroken[i]!.map((d) => d.range.start.line), name).toEqual([brokenLine]);
      expect(clean[i]!.map((d) => `${d.range.start.line + 1}: ${d.message}`), name).toEqual([]);
    }
  });

  it('maps the registry models onto registry-model.schema.json', async () => {
    const files = (await yamlFiles(join(ROOT, 'models'))).slice(0, 5);
    expect(files.length).toBe(5);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(await repoServer!.open(file, text), relative(ROOT, file)).toEqual([]);
      const diagnostics = await repoServer!.change(file, `${text}\nnotAField: 1\n`);
      expect(diagnostics.map((d) => d.message).join('\n'), relative(ROOT, file)).toMatch(/notAField/);
    }
  });
});
