/**
 * Highlighted snippets, built from the rendered plain text (not from the segmented index text), so they
 * read as the article does. Returns the excerpt and the [start, end) ranges of hits inside it; clients
 * draw the highlight, so no markup travels in the text.
 */

export interface Snippet {
  text: string;
  highlights: Array<[number, number]>;
}

/** Hit ranges of any of `terms` in `text` (longest term first, no overlaps). */
export function findHits(text: string, terms: readonly string[]): Array<[number, number]> {
  // Articles are stored as written (simplified Chinese); lower case keeps offsets, the terms are folded.
  const hay = text.toLowerCase();
  const sorted = [...new Set(terms.map((t) => t.toLowerCase()).filter((t) => t.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  const taken = new Uint8Array(text.length);
  const hits: Array<[number, number]> = [];
  for (const term of sorted) {
    let from = 0;
    for (;;) {
      const at = hay.indexOf(term, from);
      if (at < 0) break;
      from = at + term.length;
      if (taken.subarray(at, at + term.length).some((x) => x === 1)) continue;
      taken.fill(1, at, at + term.length);
      hits.push([at, at + term.length]);
    }
  }
  return hits.sort((a, b) => a[0] - b[0]);
}

/** The window of about `size` characters with the most distinct terms, trimmed to whole hits. */
export function makeSnippet(text: string, terms: readonly string[], size = 90): Snippet {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const hits = findHits(flat, terms);
  if (flat.length <= size) return { text: flat, highlights: hits };
  let bestStart = 0;
  let bestScore = -1;
  for (const [s] of hits) {
    const start = Math.max(0, s - 12);
    const inside = hits.filter(([a, b]) => a >= start && b <= start + size);
    const distinct = new Set(inside.map(([a, b]) => flat.slice(a, b).toLowerCase())).size;
    const score = distinct * 100 + inside.length;
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  const end = Math.min(flat.length, bestStart + size);
  const prefix = bestStart > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const shift = prefix.length - bestStart;
  return {
    text: `${prefix}${flat.slice(bestStart, end)}${suffix}`,
    highlights: hits.filter(([a, b]) => a >= bestStart && b <= end).map(([a, b]) => [a + shift, b + shift]),
  };
}

/**
 * A snippet of a long text from a bounded window around the first hit, so the work per result does not
 * grow with the article (a 50,000-character regulation costs what a short FAQ does). `lower` is the
 * text in lower case (cached with the rendering). Falls back to the start when nothing is hit.
 */
export function makeBoundedSnippet(text: string, lower: string, terms: readonly string[], size = 90): Snippet {
  if (text.length <= size * 4) return makeSnippet(text, terms, size);
  let first = -1;
  for (const t of terms) {
    const term = t.toLowerCase();
    if (!term) continue;
    const at = lower.indexOf(term);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const start = Math.max(0, Math.max(first, 0) - size);
  const end = Math.min(text.length, start + size * 4);
  const inner = makeSnippet(text.slice(start, end), terms, size);
  const prefix = start > 0 && !inner.text.startsWith('…') ? '…' : '';
  const suffix = end < text.length && !inner.text.endsWith('…') ? '…' : '';
  return {
    text: `${prefix}${inner.text}${suffix}`,
    highlights: inner.highlights.map(([a, b]) => [a + prefix.length, b + prefix.length]),
  };
}
