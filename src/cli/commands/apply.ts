import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { applySnapshot, readPlanFile, type ApplyOutcome, type LiveState } from '../../apply/index.js';
import { cleanMeta, META_LIMITS, type ApplyMeta } from '../../io/apply-meta.js';
import type { Snapshot } from '../../generated/types.js';
import { readFileCapped } from '../../io/read-capped.js';
import { catalogHelp, catalogInput, CATALOG_OPTIONS, oneOf, str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { applyOutcomeJson } from '../format/outcome.js';
import { planFormatters } from '../format/plan.js';
import { UsageError, useColor, type CliIO } from '../io.js';
import { serialOption, signWithKeyFile } from '../snapshot-file.js';
import { buildDesired, desiredAndLive } from './plan.js';
import { forceUnlockTarget, withTarget } from './target.js';

/** One argument ending in .json that exists and is not a directory: a saved plan (read with the size cap, so a FIFO is refused there). */
async function isPlanFile(positionals: readonly string[], cwd: string): Promise<boolean> {
  if (positionals.length !== 1 || !positionals[0]!.endsWith('.json')) return false;
  const info = await stat(resolve(cwd, positionals[0]!)).catch(() => null);
  return info !== null && !info.isDirectory();
}

const VERSION = /^sha256:[0-9a-f]{64}$/;

/** One git query's output lines, trimmed; none when it fails (not a checkout, no git, slow). */
function gitLines(cwd: string, args: string[]): Promise<string[]> {
  return new Promise((done) => {
    execFile('git', args, { cwd, timeout: 5000, maxBuffer: 64 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (err, stdout) => {
      done(err ? [] : String(stdout).split('\n').map((l) => l.trim()));
    });
  });
}

/**
 * Who applies what: --message, then the commit and author from GitHub
 * Actions' variables when set (GITHUB_SHA, GITHUB_ACTOR, and the run URL),
 * else from git in the catalog's directory. Each field is cleaned and bounded
 * (io/apply-meta.ts); none is required.
 */
export async function applyMeta(io: CliIO, message: string | undefined, positionals: readonly string[]): Promise<ApplyMeta | undefined> {
  const env = io.env;
  const meta: ApplyMeta = {};
  if (message !== undefined) meta.message = message;
  if (env['GITHUB_SHA']) {
    meta.commit = env['GITHUB_SHA'];
    if (env['GITHUB_ACTOR']) meta.author = env['GITHUB_ACTOR'];
    const [server, repo, run] = [env['GITHUB_SERVER_URL'], env['GITHUB_REPOSITORY'], env['GITHUB_RUN_ID']];
    if (server && repo && run) meta.run = `${server.replace(/\/$/, '')}/${repo}/actions/runs/${run}`;
  } else {
    const first = positionals[0] ? resolve(io.cwd, positionals[0]) : io.cwd;
    const info = await stat(first).catch(() => null);
    const cwd = info?.isDirectory() ? first : dirname(first);
    // One git process for both: %H is the commit, then the author (a repository without commits gives neither).
    const [commit, author] = await gitLines(cwd, ['log', '-1', '--format=%H%n%an <%ae>']);
    if (commit) {
      meta.commit = commit;
      if (author) meta.author = author;
    }
  }
  return cleanMeta(meta);
}

export type ApplyFormat = 'text' | 'json';
export const APPLY_FORMATS: readonly ApplyFormat[] = ['text', 'json'];

/**
 * Words and exit code for each outcome; `shown` is the target, redacted, for
 * messages and hints. With json, stdout holds only the outcome document and
 * every word goes to stderr.
 */
export function reportOutcome(outcome: ApplyOutcome, io: CliIO, shown: string, format: ApplyFormat = 'text'): ExitCode {
  const words = format === 'json' ? io.stderr : io.stdout;
  if (format === 'json') io.stdout.write(applyOutcomeJson(outcome, shown));
  switch (outcome.status) {
    case 'applied':
      if (format === 'text') io.stdout.write(planFormatters.text(outcome.plan, { color: useColor(io) }) + '\n');
      words.write(`Applied: ${shown} is now at ${outcome.version}\n`);
      // Always stderr: CI logs show it whatever the format.
      for (const w of outcome.warnings) io.stderr.write(`modelctl apply: warning: ${w}\n`);
      words.write(
        outcome.previous
          ? `To roll back: modelctl rollback --to ${outcome.previous} --target ${shown}\n`
          : 'Nothing was live before, so there is no earlier version to roll back to.\n',
      );
      return EXIT.ok;
    case 'no-changes':
      words.write(`No changes: ${shown} is already at ${outcome.version}.\n`);
      return EXIT.ok;
    case 'stale':
      io.stderr.write(
        `modelctl apply: refused, nothing changed: the live snapshot moved since the plan.\n` +
          `  planned against: ${outcome.planned ?? '(nothing live)'}\n  live now:        ${outcome.current ?? '(nothing live)'}\n` +
          `Run 'modelctl plan' again and review the new plan.\n`,
      );
      return EXIT.refused;
    case 'unexpected-version':
      io.stderr.write(
        `modelctl apply: refused, nothing sent: the desired snapshot is not the reviewed version.\n` +
          `  --expect-version: ${outcome.expected}\n  desired:          ${outcome.actual}\n`,
      );
      return EXIT.refused;
    case 'tampered':
      io.stderr.write(
        `modelctl apply: refused, nothing changed: the plan file's reviewed changes do not match its snapshot ` +
          `(re-planning its snapshot against the live state gives different ${outcome.sections.join(', ')}).\n` +
          `The file was edited after 'modelctl plan' wrote it. Run 'modelctl plan' again and review the new plan.\n`,
      );
      return EXIT.refused;
    case 'guarded':
      io.stderr.write(
        `modelctl apply: refused, nothing changed: these deletes remove models that are active and public live:\n` +
          outcome.addresses.map((a) => `  - ${a}\n`).join('') +
          `Disable before delete: apply them with status: inactive or access: internal first, or pass --allow-destroy.\n`,
      );
      return EXIT.refused;
    case 'refused':
      return reportRefusal('apply', 'the target refused the snapshot', outcome, io);
  }
}

/** A target's refusal: auth, signature, replay and read-only are exit 3 (nothing changed), the rest 1. */
export function reportRefusal(command: string, what: string, r: { reason: string; message: string; errors: string[] }, io: CliIO): ExitCode {
  const detail = r.errors.slice(0, 20).map((e) => `  ${e}\n`).join('');
  const hints: Record<string, string> = {
    unauthorized: " (set MODELCTL_ADMIN_TOKEN to the server's admin token)",
    signature: ' (the server has a verify key: pass --sign-key with the matching private key)',
    replay: ' (the server has already seen this signed push: compile and sign again)',
    'read-only': ' (apply to the source the replica follows instead)',
  };
  io.stderr.write(`modelctl ${command}: ${what}: ${r.message}${hints[r.reason] ?? ''}\n${detail}`);
  return r.reason === 'unauthorized' || r.reason === 'signature' || r.reason === 'replay' || r.reason === 'read-only' ? EXIT.refused : EXIT.failed;
}

export const applyCommand: Command = {
  name: 'apply',
  usage: `Usage: modelctl apply (plan.json | DIR...) --target URL|file:PATH [--allow-destroy]
                      [--expect-version sha256:…] [--sign-key KEY [--serial N]] [--format text|json]
                      [--message TEXT]
       modelctl apply --force-unlock ID --target file:PATH

Sends the desired snapshot with If-Match: "<live version>", so it only lands
if the live state is still the one planned against. Given a saved plan
('modelctl plan --out plan.json'), applies exactly that plan: it re-plans the
plan's snapshot against the live state and refuses unless the result is the
plan's own changes, summary and impact (what was reviewed), and refuses if the
live state has moved since. Given directories, plans against the live state
now and applies that.

Deleting a model that is active and public live is refused ("disable before
delete"): make it inactive or internal in an earlier apply, or pass
--allow-destroy.

Options:
  --target T              an http(s) URL of 'modelctl serve', file:PATH, or
                          redis://[user:pass@]host:port/db?key=NAME  (required)
  --redis-tls             TLS for a redis:// target (as rediss:// has); the Redis
                          password may also come from REDIS_PASSWORD
  --expect-version V      refuse (before anything is sent) unless the desired snapshot is V,
                          the version that was reviewed ('modelctl plan' prints it)
  --allow-destroy         allow deleting models that are active and public live
  --sign-key FILE         sign the snapshot (Ed25519 private key, PEM) for a server with --verify-key
  --serial N              the signed serial (default: now, in ms); the server refuses one not
                          above the newest it accepted (a replay), exit 3
  --message TEXT          why: kept in the target's history with the git commit and author
                          (from GITHUB_SHA/GITHUB_ACTOR in GitHub Actions, else git in the
                          catalog's directory); shown by 'rollback --list'. One line, at most
                          ${META_LIMITS.message} characters; control characters are dropped
  --force-unlock ID       only remove the file: target's lock, if its ID is ID (a run that died
                          on another host); nothing is applied
  --format FORMAT         text (default) or json: stdout holds one object for every outcome,
                          { status, target, … } — status applied (version, previous, undo),
                          no-changes (version), stale (planned, current), unexpected-version
                          (expected, actual), tampered (sections), guarded (addresses) or
                          refused (reason, message, errors) — plus, when there is a plan, the
                          fields of 'plan --format json' (formatVersion, base, desired, summary,
                          changes, impact). Words go to stderr. A run that fails before an
                          outcome (invalid catalog, unreachable target) prints no JSON.
${catalogHelp(false, 22)}  -h, --help              show this help

The admin token for an http target comes from MODELCTL_ADMIN_TOKEN.
Exit codes: 0 applied or nothing to do, 1 invalid catalog or failure,
3 refused with nothing changed (stale or edited plan, unexpected version, auth,
signature, destroy guard, lock held), 64 usage error.`,
  options: {
    target: { type: 'string' },
    'redis-tls': { type: 'boolean' },
    'allow-destroy': { type: 'boolean' },
    'sign-key': { type: 'string' },
    serial: { type: 'string' },
    'expect-version': { type: 'string' },
    'force-unlock': { type: 'string' },
    format: { type: 'string' },
    message: { type: 'string' },
    ...CATALOG_OPTIONS,
  },
  async run(values, positionals, io) {
    const format = oneOf(values.format, APPLY_FORMATS, '--format', 'text');
    const expectVersion = str(values['expect-version']);
    if (expectVersion !== undefined && !VERSION.test(expectVersion)) throw new UsageError('--expect-version must be a full version, sha256: and 64 hex digits');
    const serial = serialOption(values.serial, str(values['sign-key']) !== undefined);
    const unlock = str(values['force-unlock']);
    if (unlock !== undefined && positionals.length) throw new UsageError('--force-unlock only removes the lock: give no plan or directories with it');
    const input = await catalogInput(values, positionals, io, { stdin: false });
    return withTarget('apply', values, io, async (session) => {
      if (unlock !== undefined) return forceUnlockTarget('apply', unlock, session, io);
      // Asked of git while the catalog loads (it never fails: a field it cannot learn is left out).
      const meta = applyMeta(io, str(values.message), positionals);
      meta.catch(() => undefined); // awaited below; not reported as unhandled if the catalog is invalid
      let desired: Snapshot | null;
      let base: { version: string } | null | undefined;
      let reviewed: unknown;
      let live: LiveState | undefined;
      if (await isPlanFile(positionals, io.cwd)) {
        const plan = await readPlanFile(await readFileCapped(resolve(io.cwd, positionals[0]!)));
        if (!plan.ok) {
          io.stderr.write(`modelctl apply: ${positionals[0]} is not a usable plan:\n${plan.errors.slice(0, 20).map((e) => `  ${e}\n`).join('')}`);
          return EXIT.failed;
        }
        desired = plan.snapshot;
        base = plan.base;
        reviewed = plan.document;
      } else if (expectVersion !== undefined) {
        // Nothing is sent before the version is checked, not even a read.
        desired = await buildDesired(positionals, io, input);
      } else {
        const both = await desiredAndLive(positionals, io, input, session.target);
        desired = both?.desired ?? null;
        live = both?.live;
      }
      if (!desired) return EXIT.failed;
      // Checked before signing too: a wrong version is refused without touching the key.
      if (expectVersion !== undefined && desired.version !== expectVersion) {
        return reportOutcome({ status: 'unexpected-version', expected: expectVersion, actual: desired.version }, io, session.shown, format);
      }
      const keyPath = str(values['sign-key']);
      const signature = keyPath ? (await signWithKeyFile(io, keyPath, desired, serial)).signature : undefined;
      const who = await meta;
      const outcome = await applySnapshot(session.target, desired, {
        ...(live !== undefined ? { live } : {}),
        ...(base !== undefined ? { base } : {}),
        ...(reviewed !== undefined ? { reviewed } : {}),
        ...(expectVersion !== undefined ? { expectVersion } : {}),
        allowDestroy: values['allow-destroy'] === true,
        ...(signature ? { signature } : {}),
        ...(who ? { meta: who } : {}),
      });
      return reportOutcome(outcome, io, session.shown, format);
    });
  },
};
