// Suggests the closest known name for a misspelt one (unknown fields, kinds,
// references). Plain Levenshtein; the candidate lists are tiny.

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = distance(lower, candidate.toLowerCase());
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  // Close enough to be a typo: at most a third of the longer name differs.
  return best !== undefined && bestScore <= Math.max(2, Math.ceil(Math.max(input.length, best.length) / 3)) ? best : undefined;
}

export function didYouMeanHint(input: string, candidates: Iterable<string>): string | undefined {
  const match = didYouMean(input, candidates);
  return match ? `did you mean '${match}'?` : undefined;
}
