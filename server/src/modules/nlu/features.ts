/**
 * Features that work for Chinese and for English: character n-grams (the workhorse for Chinese, where
 * word boundaries are unreliable and typos/homophones change one character), jieba words and word
 * bigrams (phrase-level meaning: 不是我 | 刷的), whitespace words for Latin script, all TF-IDF weighted
 * with sublinear term frequency and L2-normalised per block.
 *
 * Input to every function here is text already passed through `normalizeText`.
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
const BLOCK_PREFIX = ['c', 'w', 'b', 'p'] as const;

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

function visitFeatures(normalized: string, options: FeatureOptions, visit: (block: Block, key: string) => void): void {
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

/** A sparse row: feature columns (in order of first occurrence) and their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export interface VectorizerOptions extends FeatureOptions {
  /** Drop features seen in fewer training texts than this (typos of typos, one-off numbers). */
  readonly minDf: number;
  /** Keep at most this many features, the most frequent first, to bound model size and memory. */
  readonly maxFeatures: number;
}

/**
 * minDf 1: on a corpus of a few thousand rows, features seen once are often the very word a customer
 * will use (dropping them cost 3 points of dev accuracy); size is bounded by maxFeatures instead.
 */
export const DEFAULT_VECTORIZER_OPTIONS: VectorizerOptions = {
  ...DEFAULT_FEATURE_OPTIONS,
  minDf: 1,
  maxFeatures: 200_000,
};

/** TF-IDF vectoriser over a fixed vocabulary learnt from training text. */
export class Vectorizer {
  readonly terms: readonly string[];
  readonly idf: Float32Array;
  readonly options: VectorizerOptions;
  /** Normalisation group of each feature: 0 characters, 1 words and word pairs, 2 pinyin pairs. */
  private readonly group: Uint8Array;
  /** Per-block lookup without the block prefix: no string concatenation per n-gram at classification time. */
  private readonly blocks: readonly [
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
  ];
  /** Term-frequency scratch, reset after each use (transform is synchronous and not re-entrant). */
  private readonly scratch: Float64Array;

  constructor(terms: readonly string[], idf: Float32Array, options: VectorizerOptions) {
    this.terms = terms;
    this.idf = idf;
    this.options = options;
    this.group = new Uint8Array(terms.length);
    this.blocks = [new Map(), new Map(), new Map(), new Map()];
    this.scratch = new Float64Array(terms.length);
    terms.forEach((t, i) => {
      const block = BLOCK_PREFIX.indexOf(t[0] as 'c');
      if (block < 0) throw new Error(`feature "${t}" has no block prefix`);
      this.blocks[block as Block].set(t.slice(1), i);
      this.group[i] = block === 0 ? 0 : block === 3 ? 2 : 1;
    });
  }

  /** Column of a prefixed feature key (as `featureCounts` names it), if it is in the vocabulary. */
  columnOf(key: string): number | undefined {
    const block = BLOCK_PREFIX.indexOf(key[0] as 'c');
    return block < 0 ? undefined : this.blocks[block as Block].get(key.slice(1));
  }

  get size(): number {
    return this.terms.length;
  }

  /** Learn vocabulary and IDF from normalised training texts. Deterministic: ties broken by term. */
  static fit(texts: readonly string[], options: VectorizerOptions = DEFAULT_VECTORIZER_OPTIONS): Vectorizer {
    const df = new Map<string, number>();
    for (const text of texts)
      for (const key of featureCounts(text, options).keys()) df.set(key, (df.get(key) ?? 0) + 1);
    const kept = [...df.entries()].filter(([, d]) => d >= options.minDf);
    kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const top = kept.slice(0, options.maxFeatures);
    top.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const n = texts.length;
    const idf = new Float32Array(top.length);
    // Smoothed IDF as in scikit-learn: never zero, so a term present everywhere still counts a little.
    top.forEach(([, d], i) => {
      idf[i] = Math.log((1 + n) / (1 + d)) + 1;
    });
    return new Vectorizer(
      top.map(([t]) => t),
      idf,
      options,
    );
  }

  /** Sublinear TF × IDF, each block L2-normalised, word block scaled by `wordWeight`. */
  transform(normalized: string): SparseVector {
    const tf = this.scratch;
    const cols: number[] = [];
    visitFeatures(normalized, this.options, (block, key) => {
      const col = this.blocks[block].get(key);
      if (col === undefined) return;
      if (tf[col] === 0) cols.push(col);
      tf[col] = (tf[col] as number) + 1;
    });
    const values = new Float32Array(cols.length);
    const norms = [0, 0, 0];
    for (let i = 0; i < cols.length; i++) {
      const col = cols[i] as number;
      const v = (1 + Math.log(tf[col] as number)) * (this.idf[col] as number);
      tf[col] = 0;
      values[i] = v;
      const g = this.group[col] as number;
      norms[g] = (norms[g] as number) + v * v;
    }
    // Each group is L2-normalised on its own, then weighted: n-gram-rich groups cannot drown the others.
    const weights = [1, this.options.wordWeight, this.options.pinyinWeight];
    const scales = norms.map((n, g) => (n > 0 ? (weights[g] as number) / Math.sqrt(n) : 0));
    for (let i = 0; i < cols.length; i++) {
      values[i] = (values[i] as number) * (scales[this.group[cols[i] as number] as number] as number);
    }
    return { indices: Int32Array.from(cols), values };
  }
}
