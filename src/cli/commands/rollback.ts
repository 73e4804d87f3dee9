import { rollbackTo, type HistoryEntry, type RollbackOutcome } from '../../apply/index.js';
import { cleanText, META_LIMITS } from '../../io/apply-meta.js';
import { oneOf, str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { historyJson, rollbackOutcomeJson } from '../format/outcome.js';
import { PLAN_FORMATS, planFormatters, type PlanFormat } from '../format/plan.js';
import { UsageError, useColor, type CliIO } from '../io.js';
import { reportRefusal } from './apply.js';
import { forceUnlockTarget, withTarget } from './target.js';

/** Who applied it and why, on the line below: each field cleaned again (one line, no escapes), the message quoted. */
function whoAndWhy(e: HistoryEntry): string {
  const commit = cleanText(e.commit, META_LIMITS.commit);
  const parts = [
    commit ? `commit ${commit.slice(0, 12)}` : undefined,
    cleanText(e.author, META_LIMITS.author) ? `by ${cleanText(e.author, META_LIMITS.author)}` : undefined,
    cleanText(e.message, META_LIMITS.message) ? JSON.stringify(cleanText(e.message, META_LIMITS.message)) : undefined,
    cleanText(e.run, META_LIMITS.run),
  ].filter((p): p is string => p !== undefined);
  return parts.length ? `    ${parts.join('  ')}\n` : '';
}

function historyTable(entries: readonly HistoryEntry[]): string {
  if (!entries.length) return 'No versions kept.\n';
  return entries.map((e) => `${e.live ? '*' : ' '} ${e.version}  ${e.appliedAt}${e.live ? '  (live)' : ''}\n${whoAndWhy(e)}`).join('');
}

/** A full version, or a unique prefix of a kept one (`sha256:3f2a`). */
function pick(entries: readonly HistoryEntry[], wanted: string): string | { error: string } {
  if (/^sha256:[0-9a-f]{64}$/.test(wanted)) return wanted;
  const full = wanted.startsWith('sha256:') ? wanted : `sha256:${wanted}`;
  const matches = [...new Set(entries.map((e) => e.version).filter((v) => v.startsWith(full)))];
  if (matches.length === 1) return matches[0]!;
  return { error: matches.length ? `'${wanted}' matches several kept versions; give more of it` : `no kept version starts with '${wanted}'` };
}

/**
 * The plan goes to stdout in the chosen format. With json, stdout holds only
 * one document, the outcome with the plan's fields (see format/outcome.ts),
 * and words go to stderr.
 */
function report(outcome: RollbackOutcome, io: CliIO, shown: string, format: PlanFormat): ExitCode {
  const words = format === 'json' ? io.stderr : io.stdout;
  if (format === 'json') io.stdout.write(rollbackOutcomeJson(outcome, shown));
  else if ('plan' in outcome) io.stdout.write(planFormatters[format](outcome.plan, { color: useColor(io) }));
  if ('repaired' in outcome && outcome.repaired !== undefined) {
    // A file: target's live state is a file; a Redis target's is the {key}:live hash.
    io.stderr.write(`modelctl rollback: the live ${shown.startsWith('file:') ? 'file' : 'state'} is damaged (${outcome.repaired}); the kept version replaces it\n`);
  }
  switch (outcome.status) {
    case 'rolled-back':
      words.write(`\nRolled back: ${shown} is now at ${outcome.version} (was ${outcome.previous ?? (outcome.repaired !== undefined ? (shown.startsWith('file:') ? 'a damaged file' : 'a damaged state') : 'nothing')}).\n`);
      if (outcome.previous) words.write(`To undo: modelctl rollback --to ${outcome.previous} --target ${shown}\n`);
      for (const w of outcome.warnings ?? []) io.stderr.write(`modelctl rollback: warning: ${w}\n`);
      return EXIT.ok;
    case 'planned':
      words.write(`\nDry run: nothing changed. Run without --dry-run to roll back.\n`);
      return EXIT.ok;
    case 'no-changes':
      words.write(`No changes: ${shown} is already at ${outcome.version}.\n`);
      return EXIT.ok;
    case 'not-kept':
      io.stderr.write(`modelctl rollback: version ${outcome.version} is not among the kept versions\n`);
      return EXIT.failed;
    case 'stale':
      io.stderr.write(`modelctl rollback: refused, nothing changed: the live snapshot moved to ${outcome.current ?? '(nothing)'} meanwhile. Try again.\n`);
      return EXIT.refused;
    case 'guarded':
      io.stderr.write(
        `modelctl rollback: refused, nothing changed: rolling back deletes models that are active and public live:\n` +
          outcome.addresses.map((a) => `  - ${a}\n`).join('') +
          `Disable before delete: make them inactive or internal first, or pass --allow-destroy.\n`,
      );
      return EXIT.refused;
    case 'refused':
      return reportRefusal('rollback', 'the target refused', outcome, io);
  }
}

export const rollbackCommand: Command = {
  name: 'rollback',
  usage: `Usage: modelctl rollback --to VERSION --target URL|file:PATH [--allow-destroy] [--dry-run]
                         [--format text|markdown|json]
       modelctl rollback --list --target URL|file:PATH
       modelctl rollback --force-unlock ID --target file:PATH

Targets keep the last versions applied to them. --to makes one of them live
again (a unique prefix such as sha256:3f2a1b is enough), with compare-and-swap
against the live version read just before. It first prints the plan (live →
that version) and, like apply, refuses to delete models that are active and
public live unless --allow-destroy. A file: target whose live file is damaged
is repaired from the kept version. --list shows the kept versions.

Options:
  --to VERSION        the version to make live
  --list              list the kept versions, newest first
  --target T          an http(s) URL of 'modelctl serve', file:PATH, or
                      redis://[user:pass@]host:port/db?key=NAME  (required)
  --redis-tls         TLS for a redis:// target (as rediss:// has); the Redis
                      password may also come from REDIS_PASSWORD
  --allow-destroy     allow deleting models that are active and public live
  --dry-run           print the plan and check the guard; change nothing (alias --plan-only)
  --format FORMAT     the plan as text (default) or markdown; or json: stdout holds one
                      object for every outcome, { status, target, … } — status rolled-back
                      (version, previous, undo), planned (dry run), no-changes, not-kept,
                      stale (current), guarded (addresses) or refused (reason, message,
                      errors) — plus, when there is a plan, the fields of 'plan --format
                      json' (formatVersion, base, desired, summary, changes, impact);
                      with --list, { status: "listed", target, versions: [{ version,
                      appliedAt, live, message?, commit?, author?, run? }] } (who applied
                      each version and why, when 'apply' recorded it)
  --force-unlock ID   only remove the file: target's lock, if its ID is ID
  -h, --help          show this help

The admin token for an http target comes from MODELCTL_ADMIN_TOKEN.
Exit codes: 0 rolled back (or listed, or dry run), 1 failure or unknown version,
3 refused with nothing changed (live state moved, auth, signature, destroy guard,
lock held), 64 usage error.`,
  options: {
    to: { type: 'string' },
    list: { type: 'boolean' },
    target: { type: 'string' },
    'redis-tls': { type: 'boolean' },
    'allow-destroy': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'plan-only': { type: 'boolean' },
    format: { type: 'string' },
    'force-unlock': { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const to = str(values.to);
    const unlock = str(values['force-unlock']);
    if (!to && !values.list && unlock === undefined) throw new UsageError('--to VERSION (or --list) is required');
    const format = oneOf(values.format, PLAN_FORMATS, '--format', 'text');
    return withTarget('rollback', values, io, async (session) => {
      if (unlock !== undefined) return forceUnlockTarget('rollback', unlock, session, io);
      const history = await session.target.history();
      if (!to) {
        io.stdout.write(format === 'json' ? historyJson(history, session.shown) : historyTable(history));
        return EXIT.ok;
      }
      const version = pick(history, to);
      if (typeof version !== 'string') {
        io.stderr.write(`modelctl rollback: ${version.error}\n${historyTable(history)}`);
        return EXIT.failed;
      }
      const outcome = await rollbackTo(session.target, version, {
        allowDestroy: values['allow-destroy'] === true,
        dryRun: values['dry-run'] === true || values['plan-only'] === true,
      });
      return report(outcome, io, session.shown, format);
    });
  },
};
