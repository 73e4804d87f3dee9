// Turns a JSON pointer inside a parsed YAML document into a line/column range,
// from the YAML node ranges. Locations stay as (document, pointer) until printed.
import type { Document, Node, Pair } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml-lazy.js';
import type { LineIndex } from './line-index.js';
import { firstEndingAfter } from './ranges.js';

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 'key' points at the mapping key that holds the value (unknown fields, missing fields); 'value' at the value. */
export type Target = 'key' | 'value';

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * Each mapping's pairs by key, built on first lookup: a document with 20,000
 * unknown keys asks for 20,000 ranges, and a scan per lookup made that quadratic.
 * The first pair wins a repeated key, as a scan did.
 */
const pairIndexes = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();

function findPair(node: unknown, segment: string): Pair<unknown, unknown> | undefined {
  if (!isMap(node)) return undefined;
  let index = pairIndexes.get(node);
  if (!index) {
    index = new Map();
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = String(isScalar(item.key) ? item.key.value : item.key);
      if (!index.has(key)) index.set(key, item);
    }
    pairIndexes.set(node, index);
  }
  return index.get(segment);
}

type Ranged = { range?: readonly [number, number, number] | null } | null | undefined;

export class DocumentSourceMap {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineIndex,
  ) {}

  /** Range of the node at `pointer`; falls back to the nearest ancestor that exists. */
  rangeOf(pointer: string, target: Target = 'value'): Range {
    const segments = parsePointer(pointer);
    let node: unknown = this.doc.contents;
    let keyNode: unknown = undefined;
    for (const segment of segments) {
      if (isMap(node)) {
        const pair = findPair(node, segment);
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value ?? pair.key;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) break;
        keyNode = item;
        node = item;
      } else break;
    }
    const chosen = target === 'key' && keyNode ? keyNode : node;
    return this.rangeOfNode(chosen as Node | undefined);
  }

  /** JSON pointer of the deepest node whose source range holds `offset` ('' when none). */
  pointerAt(offset: number): string {
    const path: (string | number)[] = [];
    const endOf = (n: unknown): number => {
      const r = (n as Ranged)?.range;
      return r ? Math.max(r[1], r[2]) : -1;
    };
    const inside = (n: unknown): boolean => {
      const r = (n as Ranged)?.range;
      return !!r && offset >= r[0] && offset < Math.max(r[1], r[2]);
    };
    // Items lie in source order: a binary search finds the one that can hold the offset.
    let node: unknown = this.doc.contents;
    for (;;) {
      if (isMap(node)) {
        const i = firstEndingAfter(node.items, (p) => Math.max(endOf(p.key), endOf(p.value)), offset);
        const pair = node.items[i];
        if (!pair || !(inside(pair.key) || inside(pair.value))) break;
        path.push(String(isScalar(pair.key) ? pair.key.value : pair.key));
        node = inside(pair.value) ? pair.value : undefined;
      } else if (isSeq(node)) {
        const i = firstEndingAfter(node.items, endOf, offset);
        if (i >= node.items.length || !inside(node.items[i])) break;
        path.push(i);
        node = node.items[i];
      } else break;
    }
    return toPointer(path);
  }

  /** Range of the first key of the document (where a document-level problem is shown). */
  documentRange(): Range {
    const contents = this.doc.contents;
    if (isMap(contents) && contents.items[0] && isPair(contents.items[0])) return this.rangeOfNode(contents.items[0].key as Node);
    return this.rangeOfNode(contents as Node | undefined);
  }

  rangeOfNode(node: Node | undefined | null): Range {
    const range = node?.range ?? this.doc.range;
    return this.rangeOfOffsets(range[0], Math.max(range[1], range[0]));
  }

  rangeOfOffsets(start: number, end: number): Range {
    const a = this.lineCounter.linePos(start);
    const b = this.lineCounter.linePos(end);
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }
}

/** What diagnostics need from a document's source: ranges and pointers. */
export interface SourceLocator {
  rangeOf(pointer: string, target?: Target): Range;
  documentRange(): Range;
  pointerAt(offset: number): string;
  rangeOfOffsets(start: number, end: number): Range;
}

/**
 * A source map that re-parses its file on first use. Valid documents drop their
 * syntax tree after loading, so a 10,000-file catalog does not hold every AST
 * in memory just in case a diagnostic needs a position.
 */
export class LazySourceMap implements SourceLocator {
  private real: DocumentSourceMap | undefined;

  /** `load(index)` builds the map of document `index` of the file (one function per file, not a closure per document). */
  constructor(
    private readonly load: (index: number) => DocumentSourceMap,
    private readonly index = 0,
  ) {}

  private get map(): DocumentSourceMap {
    return (this.real ??= this.load(this.index));
  }

  rangeOf(pointer: string, target: Target = 'value'): Range {
    return this.map.rangeOf(pointer, target);
  }
  documentRange(): Range {
    return this.map.documentRange();
  }
  pointerAt(offset: number): string {
    return this.map.pointerAt(offset);
  }
  rangeOfOffsets(start: number, end: number): Range {
    return this.map.rangeOfOffsets(start, end);
  }
}
