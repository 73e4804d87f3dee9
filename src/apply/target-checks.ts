// What every target that stores documents itself (file:, redis://) checks
// the same way: a stored document's problem in words that never quote its
// content, a kept version re-checked against the version it is kept as, and
// the models the new live state hides for missing credentials, judged
// against the applying process's environment (such a target has no server
// of its own to ask).
import type { Snapshot } from '../generated/types.js';
import { readableFiles } from '../io/readable-files.js';
import { credentialFiles, credentialReport } from '../runtime/index.js';
import { parseDocument } from './document.js';

/** What is wrong with a document, in words that never quote its content. */
export function problemOf(errors: readonly string[], bytes: number): string {
  if (errors[0]?.startsWith('/: not JSON')) return `not JSON (${bytes} bytes: truncated or overwritten?)`;
  return errors.slice(0, 3).join('; ');
}

export type KeptCheck = { text: string; snapshot: Snapshot } | { damaged: string[] };

/** A kept document, checked (schema, references, version hash) and required to be the version it is kept as. */
export async function checkKept(text: string, version: string): Promise<KeptCheck> {
  const checked = await parseDocument(text);
  if (!checked.ok) return { damaged: checked.errors };
  if (checked.snapshot.version !== version) return { damaged: [`holds ${checked.snapshot.version}`] };
  return { text, snapshot: checked.snapshot };
}

/** readVersion's answer from a kept-version lookup: the snapshot, null when not kept, or an error when damaged. */
export function keptSnapshot(k: KeptCheck | { missing: true }, version: string): Snapshot | null {
  if ('missing' in k) return null;
  if ('damaged' in k) throw new Error(`kept version ${version} is damaged: ${problemOf(k.damaged, 0)}`);
  return k.snapshot;
}

/**
 * What `snapshot` hides, checked against `env` and the files this process can
 * read (presence only, never a value). No env: no warnings.
 */
export async function hiddenWarnings(snapshot: Snapshot, env: Record<string, string | undefined> | undefined): Promise<string[]> {
  if (!env) return [];
  const readable = await readableFiles(credentialFiles(snapshot));
  const report = credentialReport(snapshot, { env, fileExists: (p) => readable.has(p) });
  return report.warning ? [report.warning] : [];
}
