/**
 * Features for question matching: character n-grams (1–3) of Chinese runs, which survive segmentation
 * differences and one-character variations (丢了/丢失), and jieba words without stop words, which carry
 * the topic. Input is folded text with synonym expansions appended.
 *
 * The NLU module computes the same kind of character n-grams for its classifier; once it exports them
 * from its index, use those so matching and intent detection see text the same way.
 */
import { queryWords } from '../text/segment.ts';
import { STOPWORDS } from '../text/stopwords.ts';

const RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z]+|\d+(?:\.\d+)?/g;

export function charGrams(text: string, max = 3): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    if (/^\d/.test(run)) {
      out.push(`#${run.replace(/\d/g, '0')}`);
      continue;
    }
    if (/^[a-z]/.test(run)) {
      out.push(run);
      continue;
    }
    const padded = ` ${run} `;
    for (let n = 1; n <= max; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        const g = padded.slice(i, i + n);
        if (g.trim().length === 0) continue;
        out.push(g);
      }
    }
  }
  return out;
}

export function contentWords(text: string): string[] {
  return queryWords(text).filter((w) => !STOPWORDS.has(w) && /[\p{L}\p{N}]/u.test(w));
}

/**
 * The text without its stop words ("怎么开通自动还款" → "开通自动还款"), so that n-grams of how a question
 * is asked (怎么, 如何, 可以吗) do not outweigh what it is about. Falls back to the text when nothing is left.
 */
export function contentText(text: string): string {
  const words = contentWords(text);
  return words.length > 0 ? words.join('') : text;
}
