/**
 * Near-duplicates between corpus splits: the Jaccard similarity of two utterances' character bigrams,
 * taken on the classifier's own normalised text (simplified, lower-case, Arabic numerals) with punctuation
 * and spaces left out. A dev or test row that is a near-twin of a training row measures memory, not
 * generalisation, so training rows are kept below `NEAR_DUPLICATE_THRESHOLD` of every held-out row.
 * `scripts/nlu-check-near-duplicates.ts` runs it over the shipped corpus.
 */
import type { LabelledText } from './csv.ts';
import { normalizeText } from './normalize.ts';

export const NEAR_DUPLICATE_THRESHOLD = 0.6;

/** The held-out files of data/nlu that no training row may be a near-twin of. */
export const HELD_OUT_SPLITS = ['dev', 'test', 'customer-test', 'customer-test-2'] as const;

/** The set of character bigrams of an utterance (a one-character utterance is its own bigram). */
export function charBigrams(text: string): Set<string> {
  return bigramsOfFolded(normalizeText(text));
}

/** The bigrams of text already put through a normaliser, punctuation and spaces left out. */
export function bigramsOfFolded(folded: string): Set<string> {
  const s = folded.replace(/[^\p{L}\p{N}]/gu, '');
  const out = new Set<string>();
  if (s.length === 1) out.add(s);
  for (let i = 0; i + 2 <= s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

export function bigramJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const p of a) if (b.has(p)) shared++;
  const union = a.size + b.size - shared;
  return union > 0 ? shared / union : 0;
}

export interface NearDuplicate {
  /** Index of the row in the checked list. */
  readonly index: number;
  readonly row: LabelledText;
  /** The largest similarity to any reference row. */
  readonly similarity: number;
}

/** Rows of `rows` whose similarity to some row of `reference` is at least `threshold`, most similar first. */
export function nearDuplicates(
  rows: readonly LabelledText[],
  reference: readonly LabelledText[],
  threshold = NEAR_DUPLICATE_THRESHOLD,
): NearDuplicate[] {
  const refs = reference.map((r) => charBigrams(r.text));
  const out: NearDuplicate[] = [];
  rows.forEach((row, index) => {
    const own = charBigrams(row.text);
    let best = 0;
    for (const ref of refs) {
      const s = bigramJaccard(own, ref);
      if (s > best) best = s;
    }
    if (best >= threshold) out.push({ index, row, similarity: best });
  });
  return out.sort((x, y) => y.similarity - x.similarity);
}
