// Every workflow file the project ships or writes, read and parsed.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { scaffold } from '../../src/cli/commands/init.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CATALOG_WORKFLOW = join(ROOT, 'docs', 'catalog-repo-workflow.yml');

export interface WorkflowFile {
  /** Where it lives, for messages: a repository path, or `init:` + the path init writes. */
  name: string;
  text: string;
}

async function yamlFiles(dir: string): Promise<string[]> {
  const names = await readdir(join(ROOT, dir)).catch(() => [] as string[]);
  return names.filter((n) => /\.ya?ml$/.test(n)).map((n) => join(dir, n));
}

export async function workflowFiles(): Promise<WorkflowFile[]> {
  const paths = [...(await yamlFiles('.github/workflows')), ...(await yamlFiles('docs'))].sort();
  const files = await Promise.all(paths.map(async (p) => ({ name: p, text: await readFile(join(ROOT, p), 'utf8') })));
  const written = await scaffold('/tmp/example-catalog', '0.0.0');
  for (const [path, text] of written) if (path.startsWith('.github/workflows/')) files.push({ name: `init:${path}`, text });
  return files;
}

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  id?: string;
}

export interface Job {
  if?: string;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  env?: Record<string, string>;
  steps: Step[];
}

export interface Workflow {
  on: Record<string, any>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

export function parseWorkflow(text: string): Workflow {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  return doc.toJS() as Workflow;
}

export async function catalogWorkflow(): Promise<Workflow> {
  return parseWorkflow(await readFile(CATALOG_WORKFLOW, 'utf8'));
}

/** The step of `job` whose name starts with `prefix`. */
export function step(wf: Workflow, job: string, prefix: string): Step {
  const found = wf.jobs[job]?.steps.find((s) => s.name?.startsWith(prefix));
  if (!found) throw new Error(`no step '${prefix}…' in job ${job}`);
  return found;
}
