// Byte ranges of a file's text, kept sorted and disjoint: where secrets sit,
// what is shown, what a document spans. Every query is a binary search, so a
// file with many secrets or documents stays linear.

export interface OffsetRange {
  start: number;
  end: number;
}

/** First index whose item ends after `offset`, in items laid out in source order. */
export function firstEndingAfter<T>(items: readonly T[], end: (item: T) => number, offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (end(items[mid]!) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indexes of the sorted, disjoint `ranges` that overlap [start, end). */
export function rangesIn(ranges: readonly OffsetRange[], start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = firstEndingAfter(ranges, (r) => r.end, start); i < ranges.length && ranges[i]!.start < end; i++) out.push(i);
  return out;
}

/** Sorted, merged union of ranges. */
export function mergeRanges(ranges: readonly OffsetRange[]): OffsetRange[] {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out: OffsetRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** `ranges` minus `holes`; both sorted and merged. */
export function subtractRanges(ranges: readonly OffsetRange[], holes: readonly OffsetRange[]): OffsetRange[] {
  const out: OffsetRange[] = [];
  let h = 0;
  for (const r of ranges) {
    let start = r.start;
    while (h < holes.length && holes[h]!.end <= start) h++;
    for (let k = h; k < holes.length && holes[k]!.start < r.end; k++) {
      if (holes[k]!.start > start) out.push({ start, end: holes[k]!.start });
      start = Math.max(start, holes[k]!.end);
    }
    if (start < r.end) out.push({ start, end: r.end });
  }
  return out;
}
