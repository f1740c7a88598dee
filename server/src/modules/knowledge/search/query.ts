/**
 * Turns what someone typed into a search query the full-text index understands, the same way for both
 * databases (the adapter compiles it). Steps: fold (traditional, full-width, case) → replace colloquial
 * phrases by the words the knowledge uses (synonyms) → segment → drop words that carry no topic → each
 * remaining word becomes a group of alternatives (the word, its synonyms, its pinyin-initials reading).
 */
import { fold } from '../text/fold.ts';
import { looksLikeInitials } from '../text/pinyin.ts';
import { queryWords } from '../text/segment.ts';
import { STOPWORDS } from '../text/stopwords.ts';

/** One way to satisfy a group: a phrase of index words, or pinyin initials matched in the initials field. */
export interface Alternative {
  readonly words: readonly string[];
  readonly field?: 'initials';
}

/** The parsed query: every group must match (mode 'all'), or any may (the fallback, mode 'any'). */
export interface ParsedQuery {
  readonly folded: string;
  readonly groups: ReadonlyArray<readonly Alternative[]>;
  /** Words to highlight in titles and snippets (the query's words and what synonyms mapped them to). */
  readonly highlight: readonly string[];
}

export interface Synonym {
  readonly phrase: string;
  readonly canonical: string;
}

/** Synonyms ready for use: folded, longest phrase first (so 卡被偷了 wins over 卡被). */
export class SynonymTable {
  readonly entries: readonly Synonym[];
  constructor(entries: readonly Synonym[]) {
    this.entries = entries
      .map((e) => ({ phrase: fold(e.phrase), canonical: fold(e.canonical) }))
      .filter((e) => e.phrase && e.canonical)
      .sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1));
  }

  /** Splits folded text into pieces: plain text, and phrases replaced by their canonical word. */
  split(folded: string): Array<{ text: string; canonical?: string }> {
    const pieces: Array<{ text: string; canonical?: string }> = [];
    let rest = folded;
    outer: while (rest.length > 0) {
      for (let i = 0; i < rest.length; i++) {
        for (const e of this.entries) {
          if (rest.startsWith(e.phrase, i)) {
            if (i > 0) pieces.push({ text: rest.slice(0, i) });
            pieces.push({ text: e.phrase, canonical: e.canonical });
            rest = rest.slice(i + e.phrase.length);
            continue outer;
          }
        }
      }
      pieces.push({ text: rest });
      break;
    }
    return pieces;
  }

  /** The text with every synonym phrase followed by its canonical word, for n-gram matching. */
  expand(folded: string): string {
    return this.split(folded)
      .map((p) => (p.canonical && p.canonical !== p.text ? `${p.text} ${p.canonical}` : p.text))
      .join(' ');
  }
}

const isWord = (w: string) => /[\p{L}\p{N}]/u.test(w);

export function parseQuery(input: string, synonyms: SynonymTable): ParsedQuery {
  const folded = fold(input);
  const groups: Alternative[][] = [];
  const highlight = new Set<string>();
  const seen = new Set<string>();
  const addGroup = (alts: Alternative[]) => {
    const key = alts.map((a) => `${a.field ?? ''}:${a.words.join(' ')}`).join('|');
    if (alts.length === 0 || seen.has(key)) return;
    seen.add(key);
    groups.push(alts);
  };

  for (const piece of synonyms.split(folded)) {
    if (piece.canonical) {
      // A colloquial phrase: match the knowledge's word, or the phrase itself if an article uses it.
      const canonical = queryWords(piece.canonical).filter(isWord);
      const literal = queryWords(piece.text).filter((w) => isWord(w) && !STOPWORDS.has(w));
      const alts: Alternative[] = [{ words: canonical }];
      if (literal.length > 0 && literal.join(' ') !== canonical.join(' ')) alts.push({ words: literal });
      for (const w of [...canonical, ...literal]) highlight.add(w);
      addGroup(alts.filter((a) => a.words.length > 0));
      continue;
    }
    const all = queryWords(piece.text).filter(isWord);
    const content = all.filter((w) => !STOPWORDS.has(w));
    // A query of nothing but stop words ("怎么办") still searches for what was typed.
    for (const word of content.length > 0 || groups.length > 0 ? content : all) {
      const alts: Alternative[] = [{ words: [word] }];
      for (const e of synonyms.entries) {
        if (e.phrase === word && e.canonical !== word) alts.push({ words: queryWords(e.canonical).filter(isWord) });
      }
      if (looksLikeInitials(word)) alts.push({ words: [word], field: 'initials' });
      highlight.add(word);
      addGroup(alts);
    }
  }
  return { folded, groups, highlight: [...highlight] };
}
