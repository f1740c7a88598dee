/**
 * Features that work for Chinese and for English: character n-grams (the workhorse for Chinese, where
 * word boundaries are unreliable and typos/homophones change one character), jieba words and word
 * bigrams (phrase-level meaning: 不是我 | 刷的), whitespace words for Latin script, all TF-IDF weighted
 * with sublinear term frequency and L2-normalised per block.
 *
 * Input to every function here is text already passed through `normalizeText`. These are the features by
 * name (readable, for tests and older model files); `feature-hasher.ts` computes the same features as hashed
 * keys, and `vectorizer.ts` weighs them.
 */

import { readingsOf, splitPinyin } from './pinyin.ts';
import { cutWords } from './segmenter.ts';

export interface FeatureOptions {
  /** Character n-gram orders over runs of Chinese characters. */
  readonly cjkMin: number;
  readonly cjkMax: number;
  /** Character n-gram orders inside Latin words (padded with spaces, like scikit-learn's char_wb). */
  readonly latinMin: number;
  readonly latinMax: number;
  /** Latin n-grams inside each word only ('word'), or also across word boundaries within a phrase ('phrase'). */
  readonly latinSpan: 'word' | 'phrase';
  /** Word unigrams (jieba for Chinese, whitespace for Latin). */
  readonly words: boolean;
  /** Adjacent word pairs. */
  readonly wordBigrams: boolean;
  /** Weight of the word block relative to the char block after each is L2-normalised. */
  readonly wordWeight: number;
  /**
   * English word forms: contractions spelt out ("can't" → "ca not", "i'm" → "i am") and a light suffix
   * stemmer on words over four letters (charged/charging/charges → charg), so inflections share
   * features. For English corpora; absent in older model files (off).
   */
  readonly english: boolean;
  /** Pairs of pinyin syllables (homophone typos, pinyin typed as such); for Chinese corpora. */
  readonly pinyin: boolean;
  /** Weight of the pinyin block after L2 normalisation: a hint, weaker than the characters themselves. */
  readonly pinyinWeight: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  cjkMin: 1,
  cjkMax: 3,
  latinMin: 1,
  latinMax: 5,
  latinSpan: 'word',
  words: true,
  wordBigrams: true,
  english: false,
  wordWeight: 1,
  pinyin: true,
  pinyinWeight: 0.7,
};

/** A token of normalised text: a run of CJK characters, a Latin word, a number or a meaningful mark. */
export interface Token {
  readonly text: string;
  readonly kind: 'cjk' | 'latin' | 'number' | 'mark';
}

const TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z]+(?:'[a-z]+)*|\d+(?:\.\d+)?|[?!¥$€£%]/g;

export function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  for (const m of normalized.matchAll(TOKEN)) {
    const text = m[0];
    const c = text.charCodeAt(0);
    const kind: Token['kind'] =
      c >= 0x3400 ? 'cjk' : c >= 97 && c <= 122 ? 'latin' : c >= 48 && c <= 57 ? 'number' : 'mark';
    tokens.push({ text, kind });
  }
  return tokens;
}

/**
 * Numbers matter by shape, not value: "尾号1234" and "尾号8765" mean the same, "12期" and "24期" too.
 * Keep the length (a 4-digit tail, a 2-digit term, an 11-digit phone) and drop the digits.
 */
function numberShape(num: string): string {
  const dot = num.indexOf('.');
  const intLen = dot < 0 ? num.length : dot;
  return `#${Math.min(intLen, 8)}${dot < 0 ? '' : '.'}`;
}

/** Words of normalised text: jieba words for Chinese runs, whole words for Latin, number shapes for numbers. */
export function words(normalized: string): string[] {
  const out: string[] = [];
  for (const tok of tokenize(normalized)) {
    if (tok.kind === 'cjk') for (const w of cutWords(tok.text)) out.push(w);
    else if (tok.kind === 'number') out.push(numberShape(tok.text));
    else out.push(tok.text);
  }
  return out;
}

type CharOptions = Pick<FeatureOptions, 'cjkMin' | 'cjkMax' | 'latinMin' | 'latinMax' | 'latinSpan'>;

function visitCharNgrams(normalized: string, options: CharOptions, visit: (gram: string) => void): void {
  let phrase: string[] = [];
  const flushPhrase = () => {
    if (phrase.length > 0) visitGrams(` ${phrase.join(' ')} `, options.latinMin, options.latinMax, visit);
    phrase = [];
  };
  for (const tok of tokenize(normalized)) {
    if (tok.kind === 'latin') {
      if (options.latinSpan === 'phrase') phrase.push(tok.text);
      else visitGrams(` ${tok.text} `, options.latinMin, options.latinMax, visit);
      continue;
    }
    flushPhrase();
    if (tok.kind === 'cjk') visitGrams(` ${tok.text} `, options.cjkMin, options.cjkMax, visit);
    else if (tok.kind === 'number') visit(` ${tok.text.replace(/\d/g, '0')} `);
  }
  flushPhrase();
}

/**
 * Character n-grams of normalised text, for Chinese runs and inside Latin words, with a space marking
 * the edges of each run so that a gram at the start of a phrase differs from one in its middle.
 * Digits become '0' so numbers contribute their shape. The knowledge base reuses this for retrieval.
 */
export function charNgrams(normalized: string, options: CharOptions = DEFAULT_FEATURE_OPTIONS): string[] {
  const out: string[] = [];
  visitCharNgrams(normalized, options, (g) => out.push(g));
  return out;
}

function visitGrams(padded: string, min: number, max: number, visit: (gram: string) => void): void {
  const len = padded.length;
  for (let n = Math.max(1, min); n <= max; n++) {
    for (let i = 0; i + n <= len; i++) {
      // A single space is not a feature; grams entirely inside the text and edge-anchored ones are.
      if (n === 1 && (i === 0 || i === len - 1)) continue;
      visit(padded.slice(i, i + n));
    }
    if (n >= len) break;
  }
}

/** Feature blocks: character n-grams, words, word pairs (with the utterance-edge anchors), pinyin pairs. */
type Block = 0 | 1 | 2 | 3;
export const BLOCK_PREFIX = ['c', 'w', 'b', 'p'] as const;

/**
 * Adjacent syllable pairs over Chinese characters and pinyin-looking Latin words, in reading order:
 * "挂施", "挂失" and "guashi" all give "gua shi". A word that is not pinyin ("card"), a number or a mark
 * breaks the sequence. Polyphones contribute each of their (at most two) readings.
 */
function visitPinyinPairs(tokens: readonly Token[], visit: (key: string) => void): void {
  let previous: readonly string[] | undefined;
  const push = (readings: readonly string[]) => {
    if (readings.length === 0) {
      previous = undefined;
      return;
    }
    if (previous) for (const a of previous) for (const b of readings) visit(`${a} ${b}`);
    previous = readings;
  };
  for (const tok of tokens) {
    if (tok.kind === 'cjk') {
      for (const ch of tok.text) push(readingsOf(ch));
    } else if (tok.kind === 'latin') {
      const syllables = splitPinyin(tok.text);
      if (!syllables) previous = undefined;
      else for (const s of syllables) push([s]);
    } else {
      previous = undefined;
    }
  }
}

function visitFeatures(text: string, options: FeatureOptions, visit: (block: Block, key: string) => void): void {
  const normalized = options.english ? englishForms(text) : text;
  visitCharNgrams(normalized, options, (g) => visit(0, g));
  if (options.pinyin) visitPinyinPairs(tokenize(normalized), (k) => visit(3, k));
  if (options.words || options.wordBigrams) {
    const ws = words(normalized);
    if (options.words) for (const w of ws) visit(1, w);
    if (options.wordBigrams) for (let i = 1; i < ws.length; i++) visit(2, `${ws[i - 1]}|${ws[i]}`);
    // Whole-utterance anchors: short requests ("挂失", "转人工") are decided by their first and last word.
    if (options.words && ws.length > 0) {
      visit(2, `^|${ws[0]}`);
      visit(2, `${ws[ws.length - 1]}|$`);
    }
  }
}

const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/n't\b/g, ' not'],
  [/'m\b/g, ' am'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/'d\b/g, ' would'],
  [/'s\b/g, ''],
];

function stem(word: string): string {
  if (word.length <= 4) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  return word.replace(/(?:ing|ed|es|s|ly)$/, '');
}

/** Normalised text with English contractions spelt out and Latin words stemmed (see `english`). */
export function englishForms(normalized: string): string {
  let text = normalized;
  if (text.includes("'")) for (const [pattern, replacement] of CONTRACTIONS) text = text.replace(pattern, replacement);
  return text.replace(/[a-z]{5,}/g, stem);
}

/** Raw feature counts for one normalised text. Keys are prefixed by block: `c` chars, `w` words, `b` word pairs. */
export function featureCounts(
  normalized: string,
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): Map<string, number> {
  const counts = new Map<string, number>();
  visitFeatures(normalized, options, (block, key) => {
    const k = BLOCK_PREFIX[block] + key;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  return counts;
}
