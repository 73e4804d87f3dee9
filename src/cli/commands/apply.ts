import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applySnapshot, readPlanFile, type ApplyOutcome } from '../../apply/index.js';
import { signSnapshot } from '../../compile/sign.js';
import type { Snapshot } from '../../generated/types.js';
import { str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { planFormatters } from '../format/plan.js';
import { useColor, type CliIO } from '../io.js';
import { buildDesired, targetFrom } from './plan.js';

async function isPlanFile(positionals: readonly string[], cwd: string): Promise<boolean> {
  if (positionals.length !== 1 || !positionals[0]!.endsWith('.json')) return false;
  return (await stat(resolve(cwd, positionals[0]!)).catch(() => null))?.isFile() ?? false;
}

/** Words and exit code for each outcome; `targetSpec` as the user typed it, for the rollback hint. */
export function reportOutcome(outcome: ApplyOutcome, io: CliIO, targetSpec: string): ExitCode {
  switch (outcome.status) {
    case 'applied':
      io.stdout.write(planFormatters.text(outcome.plan, { color: useColor(io) }));
      io.stdout.write(`\nApplied: ${targetSpec} is now at ${outcome.version}\n`);
      io.stdout.write(
        outcome.previous
          ? `To roll back: modelctl rollback --to ${outcome.previous} --target ${targetSpec}\n`
          : 'Nothing was live before, so there is no earlier version to roll back to.\n',
      );
      return EXIT.ok;
    case 'no-changes':
      io.stdout.write(`No changes: ${targetSpec} is already at ${outcome.version}.\n`);
      return EXIT.ok;
    case 'stale':
      io.stderr.write(
        `modelctl apply: refused, nothing changed: the live snapshot moved since the plan.\n` +
          `  planned against: ${outcome.planned ?? '(nothing live)'}\n  live now:        ${outcome.current ?? '(nothing live)'}\n` +
          `Run 'modelctl plan' again and review the new plan.\n`,
      );
      return EXIT.refused;
    case 'guarded':
      io.stderr.write(
        `modelctl apply: refused, nothing changed: these deletes remove models that are active and public live:\n` +
          outcome.addresses.map((a) => `  - ${a}\n`).join('') +
          `Disable before delete: apply them with status: inactive or access: internal first, or pass --allow-destroy.\n`,
      );
      return EXIT.refused;
    case 'refused': {
      const detail = outcome.errors.slice(0, 20).map((e) => `  ${e}\n`).join('');
      const hint =
        outcome.reason === 'unauthorized'
          ? ' (set MODELCTL_ADMIN_TOKEN to the server\'s admin token)'
          : outcome.reason === 'signature'
            ? ' (the server has a verify key: pass --sign-key with the matching private key)'
            : '';
      io.stderr.write(`modelctl apply: the target refused the snapshot: ${outcome.message}${hint}\n${detail}`);
      return outcome.reason === 'unauthorized' || outcome.reason === 'signature' ? EXIT.refused : EXIT.failed;
    }
  }
}

export const applyCommand: Command = {
  name: 'apply',
  summary: 'Make the catalog (or a saved plan) live on a target, with compare-and-swap',
  usage: `Usage: modelctl apply (plan.json | DIR...) --target URL|file:PATH [--allow-destroy] [--sign-key KEY]

Sends the desired snapshot with If-Match: "<live version>", so it only lands
if the live state is still the one planned against. Given a saved plan
('modelctl plan --out plan.json'), applies exactly that plan and refuses it if
the live state has moved since. Given directories, plans against the live
state now and applies that.

Deleting a model that is active and public live is refused ("disable before
delete"): make it inactive or internal in an earlier apply, or pass
--allow-destroy.

Options:
  --target T         an http(s) URL of 'modelctl serve', or file:PATH  (required)
  --allow-destroy    allow deleting models that are active and public live
  --sign-key FILE    sign the snapshot (Ed25519 private key, PEM) for a server with --verify-key
  -h, --help         show this help

The admin token for an http target comes from MODELCTL_ADMIN_TOKEN.
Exit codes: 0 applied or nothing to do, 1 invalid catalog or failure,
3 refused with nothing changed (stale plan, auth, signature, destroy guard), 64 usage error.`,
  options: { target: { type: 'string' }, 'allow-destroy': { type: 'boolean' }, 'sign-key': { type: 'string' } },
  async run(values, positionals, io) {
    const target = targetFrom(values.target, io);
    try {
      let desired: Snapshot | null;
      let base: { version: string } | null | undefined;
      if (await isPlanFile(positionals, io.cwd)) {
        const plan = await readPlanFile(await readFile(resolve(io.cwd, positionals[0]!), 'utf8'));
        if (!plan.ok) {
          io.stderr.write(`modelctl apply: ${positionals[0]} is not a usable plan:\n${plan.errors.slice(0, 20).map((e) => `  ${e}\n`).join('')}`);
          return EXIT.failed;
        }
        desired = plan.snapshot;
        base = plan.base;
      } else {
        desired = await buildDesired(positionals, io);
      }
      if (!desired) return EXIT.failed;
      const keyPath = str(values['sign-key']);
      const signature = keyPath ? signSnapshot(desired, await readFile(resolve(io.cwd, keyPath), 'utf8')).signature : undefined;
      const outcome = await applySnapshot(target, desired, {
        ...(base !== undefined ? { base } : {}),
        allowDestroy: values['allow-destroy'] === true,
        ...(signature ? { signature } : {}),
      });
      return reportOutcome(outcome, io, str(values.target)!);
    } finally {
      await target.close();
    }
  },
};
