/**
 * Chinese word segmentation for the knowledge base: jieba with its bundled dictionary and a card-domain
 * user dictionary, so 挂失, 分期, 年费 and 账单分期 are words. The index uses search mode (账单分期 also
 * yields 账单 and 分期, so a two-character query finds the longer word); queries use precise mode.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_WORDS } from './domain-words.ts';

let instance: Jieba | undefined;

function jieba(): Jieba {
  if (!instance) {
    const j = Jieba.withDict(dict);
    j.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 200000 n`).join('\n')));
    instance = j;
  }
  return instance;
}

/** A run of CJK characters, a Latin word or a number, in folded text. */
const RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z]+|\d+(?:\.\d+)?/g;
const CJK = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function isCjk(word: string): boolean {
  return CJK.test(word);
}

function words(folded: string, mode: 'index' | 'query'): string[] {
  const out: string[] = [];
  for (const m of folded.matchAll(RUN)) {
    const run = m[0];
    if (!isCjk(run)) {
      out.push(run);
      continue;
    }
    const cut = mode === 'index' ? jieba().cutForSearch(run, false) : jieba().cut(run, false);
    for (const w of cut) if (w.trim()) out.push(w);
  }
  return out;
}

/** Words to index: search-mode segmentation (long words and their dictionary sub-words). */
export function indexWords(folded: string): string[] {
  return words(folded, 'index');
}

/** Words of a query: precise-mode segmentation. */
export function queryWords(folded: string): string[] {
  return words(folded, 'query');
}

/** Search-mode sub-words of one word (账单分期 → 账单, 分期, 账单分期), used to widen a query word. */
export function subWords(word: string): string[] {
  return isCjk(word) ? jieba().cutForSearch(word, false) : [word];
}
