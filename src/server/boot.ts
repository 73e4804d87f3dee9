// Startup: the newest kept state that loads, else --snapshot, else nothing
// (and /readyz 503 until a push). A damaged file is logged and skipped, never
// fatal: a server that exits on a bad file would crash-loop under a supervisor.
// The replay mark is the higher of the recorded one and the serial of the
// state loaded (a crash may land between persisting a push and its mark).
import { readFileCapped } from '../io/read-capped.js';
import { install } from './commit.js';
import type { ServerContext } from './context.js';

function raiseMark(ctx: ServerContext, serial: number | undefined): void {
  if (serial !== undefined && serial > (ctx.serials.newest ?? -1)) ctx.serials.newest = serial;
}

export async function boot(ctx: ServerContext, snapshotFile: string | undefined): Promise<void> {
  await ctx.store.init();
  ctx.serials.newest = await ctx.store.newestSerial();
  const kept = await ctx.store.list();
  for (const entry of kept) {
    const document = await entry.read().catch((err: Error) => {
      ctx.log({ level: 'error', msg: 'state file unreadable, skipped', version: entry.version, error: err.message });
      return null;
    });
    if (document === null) continue;
    const loaded = await ctx.verifier.check(document);
    if (loaded.ok) {
      await install(ctx, loaded.snapshot, loaded.bytes, loaded.basis);
      raiseMark(ctx, loaded.serial);
      ctx.log({ level: 'info', msg: 'loaded kept state', version: loaded.snapshot.version, appliedAt: entry.appliedAt, ...(loaded.serial !== undefined ? { serial: loaded.serial } : {}) });
      if (snapshotFile) ctx.log({ level: 'info', msg: '--snapshot ignored: the state directory has a newer pushed state', file: snapshotFile });
      return;
    }
    ctx.log({ level: 'error', msg: 'state file rejected, trying an older one', version: entry.version, errors: loaded.errors.slice(0, 5) });
  }
  if (snapshotFile) {
    let document: string | null = null;
    try {
      // The same cap as a push: /dev/zero or a FIFO is an error, not a hang.
      document = await readFileCapped(snapshotFile, ctx.maxBodyBytes);
    } catch (err) {
      ctx.log({ level: 'error', msg: '--snapshot unreadable', file: snapshotFile, error: (err as Error).message });
    }
    if (document !== null) {
      const loaded = await ctx.verifier.check(document);
      const newest = ctx.serials.newest;
      if (loaded.ok && loaded.serial !== undefined && newest !== null && loaded.serial <= newest) {
        // Same rule as a push: the state directory saw a newer signed snapshot.
        ctx.log({ level: 'error', msg: '--snapshot rejected: replay', file: snapshotFile, serial: loaded.serial, newestSerial: newest });
      } else if (loaded.ok) {
        await ctx.store.append(loaded.snapshot.version, document);
        if (loaded.serial !== undefined && loaded.serial > (newest ?? -1)) await ctx.store.setNewestSerial(loaded.serial);
        raiseMark(ctx, loaded.serial);
        await install(ctx, loaded.snapshot, loaded.bytes, loaded.basis);
        ctx.log({ level: 'info', msg: 'loaded --snapshot', file: snapshotFile, version: loaded.snapshot.version });
        return;
      } else {
        ctx.log({ level: 'error', msg: '--snapshot rejected', file: snapshotFile, errors: loaded.errors.slice(0, 5) });
      }
    }
  }
  ctx.log({ level: kept.length || snapshotFile ? 'error' : 'warn', msg: 'no snapshot loaded: /readyz answers 503 until one is pushed' });
}
