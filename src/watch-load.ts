// The IO side of `validate --watch`: the catalog kept in memory between runs,
// so a run after an edit reads, parses and schema-checks only the files that
// changed (the watcher names them) instead of every file. The rest of a run
// is what the `--cache` path does (src/pipeline.ts runCached): the rules over
// the models that changed, with what an earlier run found at every other model
// (src/compile/incremental.ts), remembered here per Resource object — an
// unchanged file keeps its Resource objects from run to run.
//
// It gives the same diagnostics as loadCatalog over the same files (tested):
// a file that cannot be read now is reported as such, a file that appeared is
// read, one that went is dropped. It sits beside incremental-load.ts for the
// same reason: it drives both load/ and validate/.
import type { Diagnostic } from './diagnostics/types.js';
import { fileDiagnostic, parseSource, shownText, type SourceFile } from './load/parse.js';
import { listCatalogFiles, readForLoading, rereadCatalogFile, type CatalogListing, type ReadOptions } from './load/read.js';
import { digestOf, rereadable } from './load/reread.js';
import { SourceTexts, type StoredText } from './load/source-texts.js';
import { validateDocument } from './validate/index.js';
import type { Resource } from './validate/resources.js';

/** What one file gave: kept until the file changes. */
interface FileResult {
  read: Diagnostic[];
  parse: Diagnostic[];
  validate: Diagnostic[];
  resources: Resource[];
  shown: StoredText | undefined;
}

export interface WatchedLoad {
  sources: SourceTexts;
  diagnostics: Diagnostic[];
  resources: Resource[];
  /** Files read this run (all of them on the first). */
  readCount: number;
}

export class WatchedCatalog {
  private listing: CatalogListing | undefined;
  private readonly results = new Map<string, FileResult>();
  private readonly scratch = Buffer.allocUnsafeSlow(256 * 1024);

  constructor(
    private readonly paths: readonly string[],
    private readonly cwd: string,
    private readonly opts: ReadOptions,
  ) {}

  /** The catalog's files (absolute paths), as last listed. */
  get files(): readonly string[] {
    return this.listing?.files.map((f) => f.absolute) ?? [];
  }

  /**
   * Loads the catalog: every file on the first run; later, the files in
   * `changed` (absolute paths) read again and the rest as they were. `relist`
   * lists the catalog again first (a file or directory was added, removed or
   * renamed).
   */
  async load(changed: ReadonlySet<string>, relist: boolean): Promise<WatchedLoad> {
    if (!this.listing || relist) this.listing = await listCatalogFiles(this.paths, this.cwd, this.opts);
    const listed = new Set<string>();
    let readCount = 0;
    for (const { absolute, file } of this.listing.files) {
      listed.add(absolute);
      if (this.results.has(absolute) && !changed.has(absolute)) continue;
      this.results.set(absolute, this.readFile(absolute, file));
      readCount++;
    }
    for (const absolute of this.results.keys()) if (!listed.has(absolute)) this.results.delete(absolute);

    // In the order loadCatalog gives them: every read diagnostic, then every parse one, then every schema one, file by file.
    const read: Diagnostic[] = [...this.listing.diagnostics];
    const parse: Diagnostic[] = [];
    const validate: Diagnostic[] = [];
    const resources: Resource[] = [];
    const sources = new SourceTexts();
    for (const { absolute, file } of this.listing.files) {
      const r = this.results.get(absolute)!;
      for (const d of r.read) read.push(d);
      for (const d of r.parse) parse.push(d);
      for (const d of r.validate) validate.push(d);
      for (const x of r.resources) resources.push(x);
      if (r.shown !== undefined) sources.set(file, r.shown);
    }
    return { sources, diagnostics: [...read, ...parse, ...validate], resources, readCount };
  }

  private readFile(absolute: string, file: string): FileResult {
    const result: FileResult = { read: [], parse: [], validate: [], resources: [], shown: undefined };
    const load = (source: SourceFile): void => {
      const parsed = parseSource(source);
      result.parse.push(...parsed.diagnostics);
      result.shown = shownText(source, parsed);
      for (const doc of parsed.documents) {
        const checked = validateDocument(doc);
        result.validate.push(...checked.diagnostics);
        if (checked.resource) result.resources.push(checked.resource);
      }
    };
    let read: ReturnType<typeof readForLoading>;
    try {
      read = readForLoading(absolute, file, this.scratch, result.read, load);
    } catch (err) {
      // Gone since it was listed (an editor's save in progress): said so, and read again on its next event. Anything else is the run's error.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      result.read.push(fileDiagnostic(file, 'path-not-found', `${file}: no such file or directory`));
      return result;
    }
    if (read) load(rereadable(read, read.bytes, rereadCatalogFile(absolute, file, digestOf(read.bytes))));
    return result;
  }
}
