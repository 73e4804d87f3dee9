// `modelctl validate --watch`: validates, then validates again on every
// change under the catalog's directories until SIGINT or SIGTERM, printing a
// whole report (in the chosen format) each time. Meant for an editor's task or
// a terminal beside one: a fresh process cannot re-check a 10,000-file catalog
// in a tenth of a cold run (starting node and stat-ing every file already
// take that), but this process keeps the catalog in memory, so a run after an
// edit reads only the files the change events name (src/watch-load.ts).
//
// Events come from one fs.watch per directory that holds catalog files (and
// per directory given; a file given, through its directory), not a recursive
// watch: that walks and watches every file (~0.4 s for 10,000 on Linux). A
// change to a known file re-reads it; a new, removed or renamed file, a new
// directory or a .modelctlignore change lists the catalog again; a directory
// given that goes away is looked for once a second. Runs never overlap:
// events during a run start one more run after it.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ReadOptions } from '../load/read.js';
import { checkWatched, newWatchMemory, type CheckedCatalog } from '../pipeline.js';
import { WatchedCatalog } from '../watch-load.js';
import { untilStopped, type CliIO } from './io.js';

/** Quiet time after the last event before a run: an editor's save is several events. */
const SETTLE_MS = 40;

/** How often a directory given that went away is looked for. */
const REVIVE_MS = 1000;

const CATALOG_NAME = /\.ya?ml$/i;

export interface WatchRun {
  checked: CheckedCatalog;
  /** Files read again for this run. */
  readCount: number;
}

/**
 * Runs `report` after the first check and after every later one; resolves
 * with the last report's exit code once stopped (SIGINT, SIGTERM or
 * io.signal).
 */
export async function watchCatalog(paths: readonly string[], io: CliIO, opts: ReadOptions, report: (run: WatchRun) => number, command = 'validate'): Promise<number> {
  const catalog = new WatchedCatalog(paths, io.cwd, opts);
  const memory = newWatchMemory();
  const roots = (paths.length > 0 ? paths : ['.']).map((p) => resolve(io.cwd, p));
  // A file given is watched through its directory; a directory given, itself (while it is there: see revive below).
  const rootDirs = roots.map((r) => (isFile(r) ? dirname(r) : r));
  const watchers = new Map<string, FSWatcher>();
  let code = 0;
  let changed = new Set<string>();
  let relist = false;
  let timer: NodeJS.Timeout | undefined;
  /** The runs in progress: one loop at a time, which runs again while events came in during a run. */
  let loop: Promise<void> | undefined;
  let again = false;
  let runs = 0;
  let stopped = false;

  const run = async (): Promise<void> => {
    const files = changed;
    const listed = relist;
    changed = new Set();
    relist = false;
    const started = performance.now();
    try {
      const checked = await checkWatched(catalog, files, listed, memory);
      known = new Set(catalog.files);
      // Before the report: whoever reads it and saves again is already watched.
      if (listed || watchers.size === 0) watchDirectories(runs > 0);
      code = report({ checked, readCount: checked.readCount });
      if (runs++ > 0) io.stderr.write(`modelctl ${command}: checked again after a change (${checked.readCount} of ${catalog.files.length} files read) in ${Math.round(performance.now() - started)} ms\n`);
    } catch (err) {
      // Said, and the watch goes on: the next change may mend it (a directory put back).
      io.stderr.write(`modelctl ${command}: ${(err as Error).message}\n`);
      code = 1;
      watchDirectories(runs > 0);
    }
  };

  const kick = (): void => {
    if (loop) return void (again = true);
    loop = (async () => {
      do {
        again = false;
        await run();
      } while (again && !stopped);
      loop = undefined;
    })();
  };
  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(kick, SETTLE_MS);
  };

  /**
   * One watcher per directory that holds a catalog file, and per directory
   * given. `recheck`: a directory watched from now on may have changed since
   * this run read it (a directory put back, made anew): its files are read
   * once more, in a run right after.
   */
  const watchDirectories = (recheck: boolean): void => {
    // Directories only: a watcher on a file itself loses it to an editor's rename-over save.
    const wanted = new Set<string>(rootDirs.filter(isDirectory));
    for (const file of catalog.files) wanted.add(dirname(file));
    for (const dir of added) if (isDirectory(dir)) wanted.add(dir);
    else added.delete(dir);
    for (const [dir, w] of watchers) if (!wanted.has(dir)) (w.close(), watchers.delete(dir));
    let fresh = false;
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, { persistent: true }, (type, name) => {
          try {
            onEvent(dir, type, name);
          } catch {
            // Whatever the event was, a listing sorts it out: a watcher never takes the process down.
            relist = true;
            schedule();
          }
        });
        // A watched directory removed, say: list again (it drops out of the wanted set then).
        w.on('error', () => ((relist = true), schedule()));
        watchers.set(dir, w);
        fresh ||= recheck || added.has(dir);
        if (recheck) for (const f of catalog.files) if (dirname(f) === dir) changed.add(f);
      } catch {
        // Gone between the stat and the watch: the next listing (or the revive check) covers it.
      }
    }
    // A file made or changed in a new directory before its watcher existed raised no event: list once more now that it is watched.
    if (fresh) {
      relist = true;
      schedule();
    }
  };

  let known = new Set<string>();
  /** Directories that appeared since the start (and hold no catalog file yet): watched so a file made in one is seen. */
  const added = new Set<string>();
  const onEvent = (dir: string, type: string, name: string | Buffer | null): void => {
    if (name === null) {
      relist = true;
      return schedule();
    }
    const absolute = join(dir, String(name));
    const base = basename(absolute);
    if (base === '.modelctlignore') relist = true;
    else if (known.has(absolute) && type === 'change') changed.add(absolute);
    else if (!watchers.has(absolute) && isDirectory(absolute)) {
      for (const d of directoriesUnder(absolute)) added.add(d);
      relist = true;
    } else if (CATALOG_NAME.test(base)) {
      // New, removed or renamed over (an editor's atomic save): list again, and read it anew if it is still there.
      relist = true;
      changed.add(absolute);
    } else return; // a swap or backup file beside the catalog
    schedule();
  };

  kick();
  await loop;
  io.stderr.write(`modelctl ${command}: watching ${catalog.files.length} files in ${watchers.size} directories; Ctrl-C to stop\n`);

  // A directory given that is gone (a checkout, rm -r) has no watcher to say it is back: look once a second.
  // (This timer also keeps the process alive while no directory is left to watch.)
  const revive = setInterval(() => {
    if (rootDirs.some((d) => !watchers.has(d) && isDirectory(d))) {
      relist = true;
      schedule();
    }
  }, REVIVE_MS);

  await untilStopped(io);
  clearInterval(revive);
  stopped = true;
  clearTimeout(timer);
  for (const w of watchers.values()) w.close();
  await loop;
  return code;
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** Whether `path` is a directory now; false for anything that cannot be stat'ed (gone, or under a file: ENOTDIR). */
function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** `dir` and every directory below it (a tree made at once: `mkdir -p`, a checkout). */
function directoriesUnder(dir: string): string[] {
  try {
    return [dir, ...readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isDirectory()).map((e) => join(e.parentPath ?? e.path, e.name))];
  } catch {
    return [dir];
  }
}
