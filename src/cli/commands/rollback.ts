import type { HistoryEntry } from '../../apply/index.js';
import { str } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../io.js';
import { targetFrom } from './plan.js';

function historyTable(entries: readonly HistoryEntry[]): string {
  if (!entries.length) return 'No versions kept.\n';
  return entries.map((e) => `${e.live ? '*' : ' '} ${e.version}  ${e.appliedAt}${e.live ? '  (live)' : ''}\n`).join('');
}

/** A full version, or a unique prefix of a kept one (`sha256:3f2a`). */
function pick(entries: readonly HistoryEntry[], wanted: string): string | { error: string } {
  if (/^sha256:[0-9a-f]{64}$/.test(wanted)) return wanted;
  const full = wanted.startsWith('sha256:') ? wanted : `sha256:${wanted}`;
  const matches = [...new Set(entries.map((e) => e.version).filter((v) => v.startsWith(full)))];
  if (matches.length === 1) return matches[0]!;
  return { error: matches.length ? `'${wanted}' matches several kept versions; give more of it` : `no kept version starts with '${wanted}'` };
}

export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Make an earlier applied version live again',
  usage: `Usage: modelctl rollback --to VERSION --target URL|file:PATH
       modelctl rollback --list --target URL|file:PATH

Targets keep the last versions applied to them. --to makes one of them live
again (a unique prefix such as sha256:3f2a1b is enough), with compare-and-swap
against the live version read just before. --list shows the kept versions.

Options:
  --to VERSION   the version to make live
  --list         list the kept versions, newest first
  --target T     an http(s) URL of 'modelctl serve', or file:PATH  (required)
  -h, --help     show this help

The admin token for an http target comes from MODELCTL_ADMIN_TOKEN.
Exit codes: 0 rolled back (or listed), 1 failure or unknown version,
3 refused (live state moved, auth), 64 usage error.`,
  options: { to: { type: 'string' }, list: { type: 'boolean' }, target: { type: 'string' } },
  async run(values, positionals, io) {
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const to = str(values.to);
    if (!to && !values.list) throw new UsageError('--to VERSION (or --list) is required');
    const target = targetFrom(values.target, io);
    try {
      const history = await target.history();
      if (!to) {
        io.stdout.write(historyTable(history));
        return EXIT.ok;
      }
      const version = pick(history, to);
      if (typeof version !== 'string') {
        io.stderr.write(`modelctl rollback: ${version.error}\n${historyTable(history)}`);
        return EXIT.failed;
      }
      const live = await target.read();
      if (live.version === version) {
        io.stdout.write(`No changes: ${str(values.target)} is already at ${version}.\n`);
        return EXIT.ok;
      }
      const result = await target.rollback(version, { ifMatch: live.version });
      switch (result.status) {
        case 'ok':
          io.stdout.write(`Rolled back: ${str(values.target)} is now at ${result.version} (was ${result.previous ?? 'nothing'}).\n`);
          if (result.previous) io.stdout.write(`To undo: modelctl rollback --to ${result.previous} --target ${str(values.target)}\n`);
          return EXIT.ok;
        case 'stale':
          io.stderr.write(`modelctl rollback: refused, nothing changed: the live snapshot moved to ${result.current ?? '(nothing)'} meanwhile. Try again.\n`);
          return EXIT.refused;
        case 'refused':
          io.stderr.write(`modelctl rollback: the target refused: ${result.message}${result.reason === 'unauthorized' ? ' (set MODELCTL_ADMIN_TOKEN)' : ''}\n`);
          return result.reason === 'unauthorized' || result.reason === 'signature' ? EXIT.refused : EXIT.failed;
      }
    } finally {
      await target.close();
    }
  },
};
