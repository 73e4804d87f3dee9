// Whether a model may serve a request, as one small verdict code so the hot
// path allocates nothing; messages are only built when a request fails.
import { allows } from './availability.js';
import type { ModelIndex } from './model-index.js';

// A const object rather than a const enum: per-file transpilers (esbuild,
// vitest) cannot inline const enums across modules.
export const Verdict = { Ok: 0, NotAvailable: 1, Capability: 2, NoRoute: 3 } as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export interface Audience {
  readonly entryPoint: string;
  readonly groups: readonly string[];
  readonly requires?: readonly string[] | undefined;
}

export function onEntryPoint(m: ModelIndex, entryPoint: string): boolean {
  return m.entryPoints === null || m.entryPoints.has(entryPoint);
}

export function capable(m: ModelIndex, requires: readonly string[] | undefined): boolean {
  if (requires === undefined) return true;
  for (let i = 0; i < requires.length; i++) if (!m.capabilities.has(requires[i]!)) return false;
  return true;
}

/** A public model chosen by a user, by name or through a tier. */
export function userVerdict(m: ModelIndex, a: Audience): Verdict {
  if (!m.active || !m.isPublic || !allows(m.access, a.groups) || !onEntryPoint(m, a.entryPoint)) return Verdict.NotAvailable;
  if (!capable(m, a.requires)) return Verdict.Capability;
  return m.routeCount === 0 ? Verdict.NoRoute : Verdict.Ok;
}

/**
 * An internal model serving a platform task. Group availability does NOT
 * apply: tasks (titles, summaries, OCR) run for every user on the platform's
 * behalf, and internal models inherit Settings.defaultAvailability — the
 * switch meant for new user-facing models — so honouring groups here would
 * silently break tasks for everyone outside them. Entry point narrowing does
 * apply: it is explicit on the model and lets an admin pick a task model per client.
 */
export function taskVerdict(m: ModelIndex, a: Audience): Verdict {
  if (!m.active || m.isPublic || !onEntryPoint(m, a.entryPoint)) return Verdict.NotAvailable;
  if (!capable(m, a.requires)) return Verdict.Capability;
  return m.routeCount === 0 ? Verdict.NoRoute : Verdict.Ok;
}
