/**
 * How alike two phrasings of one FAQ are: Jaccard similarity of their character pairs (folded text,
 * punctuation and spaces left out). Held-out recall means something only if a held-out phrasing has no
 * near-twin left in training ("人工客服几点" against "人工客服几点上班"): the benchmark reports the largest
 * within-FAQ similarity and every pair at or above `TWIN_THRESHOLD`, and the seed content is kept free of
 * them. The title counts as a phrasing (the matcher learns from it too).
 */
import { bigramJaccard, bigramsOfFolded } from '../../nlu/index.ts';
import { fold } from '../text/fold.ts';

export const TWIN_THRESHOLD = 0.7;

export function phrasingSimilarity(a: string, b: string): number {
  return bigramJaccard(bigramsOfFolded(fold(a)), bigramsOfFolded(fold(b)));
}

export interface TwinPair {
  id: string;
  a: string;
  b: string;
  similarity: number;
}

/** Every within-FAQ pair of phrasings (title included), most similar first. */
export function withinFaqPairs(
  docs: ReadonlyArray<{ id: string; title: string; questions: readonly string[] }>,
): TwinPair[] {
  const out: TwinPair[] = [];
  for (const d of docs) {
    const texts = [d.title, ...d.questions];
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        out.push({
          id: d.id,
          a: texts[i] as string,
          b: texts[j] as string,
          similarity: phrasingSimilarity(texts[i] as string, texts[j] as string),
        });
      }
    }
  }
  return out.sort((p, q) => q.similarity - p.similarity);
}
