/**
 * Features that work for Chinese and for English: character n-grams (the workhorse for Chinese, where
 * word boundaries are unreliable and typos/homophones change one character), jieba words and word
 * bigrams (phrase-level meaning: 不是我 | 刷的), whitespace words for Latin script, all TF-IDF weighted
 * with sublinear term frequency and L2-normalised per block.
 *
 * Input to every function here is text already passed through `normalizeText`.
 */

import { PairTable } from './pair-table.ts';
import { pinyinIds, readingsOf, splitPinyin } from './pinyin.ts';
import { cutWords, segmenter } from './segmenter.ts';

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

/**
 * Hashed feature keys. Training and classification never build feature strings: every feature is hashed
 * straight from the character codes of the normalised text into a 53-bit key (two independent 32-bit
 * hash lanes, the second cut to 19 bits, and the block in the top 2 bits), so distinct features
 * practically never collide (about 1 pair in 10^10 at CLINC150's vocabulary size). A key is defined as
 * the hash of the feature's readable name from `featureCounts` without its block prefix, so the two
 * views agree (the tests check it) and older model files that list names can be read.
 */
const LANE_A_SEED = 0x811c9dc5;
const LANE_B_SEED = 0x9747b28c;
const LANE_B_BITS = 0x7ffff;
const HI_BLOCK_SHIFT = 19;
const TWO_32 = 4294967296;

const SPACE = 32;
const BAR = 124; // '|'
const CARET = 94; // '^'
const DOLLAR = 36; // '$'
const HASH = 35; // '#'
const DOT = 46;
const ZERO = 48;
const APOSTROPHE = 39;

/** Lane A: FNV-1a over UTF-16 code units. */
function stepA(a: number, c: number): number {
  return Math.imul(a ^ c, 0x01000193);
}

/** Lane B: a multiply-xorshift step with another constant, independent of lane A. */
function stepB(b: number, c: number): number {
  const x = Math.imul(b ^ c, 0x5bd1e995);
  return x ^ (x >>> 15);
}

function hiOf(block: number, b: number): number {
  return (block << HI_BLOCK_SHIFT) | (b & LANE_B_BITS);
}

/** The 53-bit key of a named feature as `featureCounts` names it (block prefix first), or undefined. */
export function featureKey(name: string): number | undefined {
  const block = BLOCK_PREFIX.indexOf(name[0] as 'c');
  if (block < 0) return undefined;
  let a = LANE_A_SEED;
  let b = LANE_B_SEED;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    a = stepA(a, c);
    b = stepB(b, c);
  }
  return hiOf(block, b) * TWO_32 + (a >>> 0);
}

function isCjkCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

function isLatinCode(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isMarkCode(c: number): boolean {
  // ? ! ¥ $ € £ %
  return c === 63 || c === 33 || c === 0xa5 || c === 36 || c === 0x20ac || c === 0xa3 || c === 37;
}

/**
 * Streams the features of one normalised text as hashed keys into reusable arrays: the same features as
 * `featureCounts` (tokens, character n-grams, words, word pairs, pinyin pairs), without the strings.
 * One hasher per vectoriser; `hash` is synchronous and overwrites the previous result.
 */
export class FeatureHasher {
  readonly options: FeatureOptions;
  /** Keys of the last `hash` call: low 32 bits and high 21 bits, `count` of them. */
  lo = new Uint32Array(256);
  hi = new Uint32Array(256);
  count = 0;
  /** A run with its edge spaces, for character n-grams. */
  private run = new Uint16Array(64);
  /** Word code units back to back, with each word's bounds and hash lanes. */
  private wordCodes = new Uint16Array(64);
  private wordStart = new Int32Array(32);
  private wordEnd = new Int32Array(32);
  private wordA = new Int32Array(32);
  private wordB = new Int32Array(32);
  private words = 0;
  /** Pinyin: previous syllable ids + 1 (0: none), and each syllable's lanes after "syllable ". */
  private prev1 = 0;
  private prev2 = 0;
  private readonly pairA: Int32Array;
  private readonly pairB: Int32Array;
  private readonly syllables: readonly string[];
  private readonly firstReading: Uint16Array;
  private readonly secondReading: Uint16Array;
  private readonly syllableId: ReadonlyMap<string, number>;
  /** Latin phrase being collected for latinSpan 'phrase' (length in `run`, 0: none). */
  private phraseLen = 0;
  private readonly dictionary = segmenter();
  private segmentEnds = new Int32Array(64);

  constructor(options: FeatureOptions) {
    this.options = options;
    const ids = pinyinIds();
    this.syllables = ids.syllableList;
    this.syllableId = ids.syllableId;
    this.firstReading = ids.firstReading;
    this.secondReading = ids.secondReading;
    this.pairA = new Int32Array(this.syllables.length);
    this.pairB = new Int32Array(this.syllables.length);
    this.syllables.forEach((s, id) => {
      let a = LANE_A_SEED;
      let b = LANE_B_SEED;
      for (let i = 0; i < s.length; i++) {
        a = stepA(a, s.charCodeAt(i));
        b = stepB(b, s.charCodeAt(i));
      }
      this.pairA[id] = stepA(a, SPACE);
      this.pairB[id] = stepB(b, SPACE);
    });
  }

  /** Hash every feature of `text` (normalised); returns how many keys `lo`/`hi` now hold. */
  hash(normalized: string): number {
    const o = this.options;
    const text = o.english ? englishForms(normalized) : normalized;
    const len = text.length;
    const maxOrder = Math.max(o.cjkMax, o.latinMax, 1);
    // Upper bound of keys: n-grams over every run with its edges, words, pairs, anchors and pinyin pairs.
    this.reserve((3 * len + 2) * maxOrder + 8 * len + 8, len);
    this.count = 0;
    this.words = 0;
    this.prev1 = 0;
    this.prev2 = 0;
    this.phraseLen = 0;
    const wantWords = o.words || o.wordBigrams;
    let i = 0;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (isCjkCode(c)) {
        let j = i + 1;
        while (j < len && isCjkCode(text.charCodeAt(j))) j++;
        this.flushPhrase();
        this.runGrams(text, i, j, o.cjkMin, o.cjkMax);
        if (o.pinyin) {
          for (let k = i; k < j; k++) {
            const code = text.charCodeAt(k);
            this.pushPinyin(this.firstReading[code] as number, this.secondReading[code] as number);
          }
        }
        if (wantWords) {
          const ends = this.segmentEnds;
          const n = this.dictionary.segment(text, i, j, ends);
          let at = i;
          for (let w = 0; w < n; w++) {
            this.addWordRange(text, at, ends[w] as number);
            at = ends[w] as number;
          }
        }
        i = j;
      } else if (isLatinCode(c)) {
        let j = i + 1;
        for (;;) {
          while (j < len && isLatinCode(text.charCodeAt(j))) j++;
          if (j + 1 < len && text.charCodeAt(j) === APOSTROPHE && isLatinCode(text.charCodeAt(j + 1))) j += 2;
          else break;
        }
        if (o.latinSpan === 'phrase') this.addToPhrase(text, i, j);
        else this.runGrams(text, i, j, o.latinMin, o.latinMax);
        if (o.pinyin) {
          const syllables = splitPinyin(text.slice(i, j));
          if (!syllables) this.prev1 = this.prev2 = 0;
          else for (const s of syllables) this.pushPinyin((this.syllableId.get(s) as number) + 1, 0);
        }
        if (wantWords) this.addWordRange(text, i, j);
        i = j;
      } else if (isDigitCode(c)) {
        let j = i + 1;
        while (j < len && isDigitCode(text.charCodeAt(j))) j++;
        const intLen = j - i;
        let decimal = false;
        if (j + 1 < len && text.charCodeAt(j) === DOT && isDigitCode(text.charCodeAt(j + 1))) {
          decimal = true;
          j += 2;
          while (j < len && isDigitCode(text.charCodeAt(j))) j++;
        }
        this.flushPhrase();
        this.numberGram(text, i, j);
        this.prev1 = this.prev2 = 0;
        if (wantWords) this.addNumberShape(Math.min(intLen, 8), decimal);
        i = j;
      } else if (isMarkCode(c)) {
        this.flushPhrase();
        this.prev1 = this.prev2 = 0;
        if (wantWords) this.addWordRange(text, i, i + 1);
        i++;
      } else {
        i++;
      }
    }
    this.flushPhrase();
    if (wantWords) this.wordFeatures();
    return this.count;
  }

  private reserve(keys: number, len: number): void {
    if (this.lo.length < keys) {
      this.lo = new Uint32Array(keys);
      this.hi = new Uint32Array(keys);
    }
    if (this.run.length < len + 2 * len + 2) this.run = new Uint16Array(3 * len + 2);
    if (this.wordCodes.length < 3 * len + 4) this.wordCodes = new Uint16Array(3 * len + 4);
    if (this.segmentEnds.length < len) this.segmentEnds = new Int32Array(len);
    if (this.wordStart.length < len + 1) {
      this.wordStart = new Int32Array(len + 1);
      this.wordEnd = new Int32Array(len + 1);
      this.wordA = new Int32Array(len + 1);
      this.wordB = new Int32Array(len + 1);
    }
  }

  private emit(block: number, a: number, b: number): void {
    const n = this.count;
    this.lo[n] = a >>> 0;
    this.hi[n] = hiOf(block, b);
    this.count = n + 1;
  }

  /** Character n-grams of text[from, to) padded with a space at each edge. */
  private runGrams(text: string, from: number, to: number, min: number, max: number): void {
    const run = this.run;
    let n = 0;
    run[n++] = SPACE;
    for (let k = from; k < to; k++) run[n++] = text.charCodeAt(k);
    run[n++] = SPACE;
    this.bufferGrams(n, min, max);
  }

  /**
   * All n-grams of run[0, len) with min ≤ n ≤ max, except the lone edge spaces (as `visitGrams`).
   * Each start position extends one code unit at a time, so a gram costs one hash step.
   */
  private bufferGrams(len: number, min: number, max: number): void {
    const run = this.run;
    const lo = Math.max(1, min);
    const lastStart = len - 1;
    for (let s = 0; s < len; s++) {
      let a = LANE_A_SEED;
      let b = LANE_B_SEED;
      const top = Math.min(max, len - s);
      for (let n = 1; n <= top; n++) {
        const c = run[s + n - 1] as number;
        a = stepA(a, c);
        b = stepB(b, c);
        if (n < lo || (n === 1 && (s === 0 || s === lastStart))) continue;
        this.emit(0, a, b);
      }
    }
  }

  private addToPhrase(text: string, from: number, to: number): void {
    const run = this.run;
    let n = this.phraseLen;
    if (n === 0) run[n++] = SPACE;
    for (let k = from; k < to; k++) run[n++] = text.charCodeAt(k);
    run[n++] = SPACE;
    this.phraseLen = n;
  }

  private flushPhrase(): void {
    if (this.phraseLen === 0) return;
    const n = this.phraseLen;
    this.phraseLen = 0;
    this.bufferGrams(n, this.options.latinMin, this.options.latinMax);
  }

  /** A number's one character gram: its digits as '0' between spaces (" 0000 ", " 00.0 "). */
  private numberGram(text: string, from: number, to: number): void {
    let a = stepA(LANE_A_SEED, SPACE);
    let b = stepB(LANE_B_SEED, SPACE);
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k) === DOT ? DOT : ZERO;
      a = stepA(a, c);
      b = stepB(b, c);
    }
    this.emit(0, stepA(a, SPACE), stepB(b, SPACE));
  }

  private pushPinyin(r1: number, r2: number): void {
    if (r1 === 0) {
      this.prev1 = this.prev2 = 0;
      return;
    }
    if (this.prev1 !== 0) {
      this.pinyinPair(this.prev1, r1);
      if (r2 !== 0) this.pinyinPair(this.prev1, r2);
      if (this.prev2 !== 0) {
        this.pinyinPair(this.prev2, r1);
        if (r2 !== 0) this.pinyinPair(this.prev2, r2);
      }
    }
    this.prev1 = r1;
    this.prev2 = r2;
  }

  private pinyinPair(first: number, second: number): void {
    let a = this.pairA[first - 1] as number;
    let b = this.pairB[first - 1] as number;
    const s = this.syllables[second - 1] as string;
    for (let k = 0; k < s.length; k++) {
      a = stepA(a, s.charCodeAt(k));
      b = stepB(b, s.charCodeAt(k));
    }
    this.emit(3, a, b);
  }

  private addWordRange(text: string, from: number, to: number): void {
    const w = this.words;
    let at = w === 0 ? 0 : (this.wordEnd[w - 1] as number);
    this.wordStart[w] = at;
    for (let k = from; k < to; k++) this.wordCodes[at++] = text.charCodeAt(k);
    this.wordEnd[w] = at;
    this.words = w + 1;
  }

  /** A number as a word: '#', its integer length (capped at 8) and '.' when it has decimals. */
  private addNumberShape(intLen: number, decimal: boolean): void {
    const w = this.words;
    let at = w === 0 ? 0 : (this.wordEnd[w - 1] as number);
    this.wordStart[w] = at;
    this.wordCodes[at++] = HASH;
    this.wordCodes[at++] = ZERO + intLen;
    if (decimal) this.wordCodes[at++] = DOT;
    this.wordEnd[w] = at;
    this.words = w + 1;
  }

  private wordFeatures(): void {
    const o = this.options;
    const n = this.words;
    const codes = this.wordCodes;
    for (let w = 0; w < n; w++) {
      let a = LANE_A_SEED;
      let b = LANE_B_SEED;
      for (let k = this.wordStart[w] as number; k < (this.wordEnd[w] as number); k++) {
        a = stepA(a, codes[k] as number);
        b = stepB(b, codes[k] as number);
      }
      this.wordA[w] = a;
      this.wordB[w] = b;
      if (o.words) this.emit(1, a, b);
    }
    if (o.wordBigrams) {
      for (let w = 1; w < n; w++) {
        let a = stepA(this.wordA[w - 1] as number, BAR);
        let b = stepB(this.wordB[w - 1] as number, BAR);
        for (let k = this.wordStart[w] as number; k < (this.wordEnd[w] as number); k++) {
          a = stepA(a, codes[k] as number);
          b = stepB(b, codes[k] as number);
        }
        this.emit(2, a, b);
      }
    }
    if (o.words && n > 0) {
      let a = stepA(stepA(LANE_A_SEED, CARET), BAR);
      let b = stepB(stepB(LANE_B_SEED, CARET), BAR);
      for (let k = this.wordStart[0] as number; k < (this.wordEnd[0] as number); k++) {
        a = stepA(a, codes[k] as number);
        b = stepB(b, codes[k] as number);
      }
      this.emit(2, a, b);
      const last = n - 1;
      this.emit(
        2,
        stepA(stepA(this.wordA[last] as number, BAR), DOLLAR),
        stepB(stepB(this.wordB[last] as number, BAR), DOLLAR),
      );
    }
  }
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

/** TF-IDF vectoriser over a fixed vocabulary of hashed feature keys learnt from training text. */
export class Vectorizer {
  /** Key of each column: low 32 bits and high 21 bits (block in the top 2). */
  readonly keysLo: Uint32Array;
  readonly keysHi: Uint32Array;
  readonly idf: Float32Array;
  readonly options: VectorizerOptions;
  /** Normalisation group of each feature: 0 characters, 1 words and word pairs, 2 pinyin pairs. */
  private readonly group: Uint8Array;
  /** Column of each hashed key, by (high half, low half). */
  private readonly table: PairTable;
  private readonly hasher: FeatureHasher;
  /**
   * Term-frequency scratch, reset after each use (transform is synchronous and not re-entrant). Counts
   * are small integers: 16 bits keep the array a quarter of a Float64Array's size, and it is read at
   * random (CLINC150: 53k columns, 106 KB instead of 425 KB).
   */
  private readonly tf: Uint16Array;
  private cols = new Int32Array(256);

  constructor(keysLo: Uint32Array, keysHi: Uint32Array, idf: Float32Array, options: VectorizerOptions) {
    this.keysLo = keysLo;
    this.keysHi = keysHi;
    this.idf = idf;
    this.options = options;
    this.group = new Uint8Array(keysLo.length);
    for (let i = 0; i < keysHi.length; i++) {
      const block = (keysHi[i] as number) >>> HI_BLOCK_SHIFT;
      this.group[i] = block === 0 ? 0 : block === 3 ? 2 : 1;
    }
    this.table = new PairTable(keysLo.length);
    for (let col = 0; col < keysLo.length; col++) this.table.add(keysHi[col] as number, keysLo[col] as number, col);
    this.hasher = new FeatureHasher(options);
    this.tf = new Uint16Array(keysLo.length);
  }

  /** Column of a named feature (as `featureCounts` names it), if it is in the vocabulary. */
  columnOf(name: string): number | undefined {
    const key = featureKey(name);
    if (key === undefined) return undefined;
    const col = this.table.get(Math.floor(key / TWO_32), key % TWO_32);
    return col < 0 ? undefined : col;
  }

  get size(): number {
    return this.keysLo.length;
  }

  /** Learn vocabulary and IDF from normalised training texts. Deterministic: ties broken by key. */
  static fit(texts: readonly string[], options: VectorizerOptions = DEFAULT_VECTORIZER_OPTIONS): Vectorizer {
    const hasher = new FeatureHasher(options);
    const slotOf = new Map<number, number>();
    const keys: number[] = [];
    const df: number[] = [];
    const lastDoc: number[] = [];
    texts.forEach((text, doc) => {
      const n = hasher.hash(text);
      for (let k = 0; k < n; k++) {
        const key = (hasher.hi[k] as number) * TWO_32 + (hasher.lo[k] as number);
        let s = slotOf.get(key);
        if (s === undefined) {
          s = keys.length;
          slotOf.set(key, s);
          keys.push(key);
          df.push(0);
          lastDoc.push(-1);
        }
        if (lastDoc[s] !== doc) {
          lastDoc[s] = doc;
          df[s] = (df[s] as number) + 1;
        }
      }
    });
    const kept: number[] = [];
    for (let s = 0; s < keys.length; s++) if ((df[s] as number) >= options.minDf) kept.push(s);
    kept.sort((x, y) => (df[y] as number) - (df[x] as number) || (keys[x] as number) - (keys[y] as number));
    // Columns stay in that order, most frequent first: the rows of the weight matrix an utterance reads
    // most (common n-grams and words) sit together at its start and stay in the cache between answers,
    // instead of being scattered by key (CLINC150: about 10% off an answer's time, same answers).
    const top = kept.slice(0, options.maxFeatures);
    const n = texts.length;
    const lo = new Uint32Array(top.length);
    const hi = new Uint32Array(top.length);
    const idf = new Float32Array(top.length);
    top.forEach((s, i) => {
      const key = keys[s] as number;
      lo[i] = key % TWO_32;
      hi[i] = Math.floor(key / TWO_32);
      // Smoothed IDF as in scikit-learn: never zero, so a term present everywhere still counts a little.
      idf[i] = Math.log((1 + n) / (1 + (df[s] as number))) + 1;
    });
    return new Vectorizer(lo, hi, idf, options);
  }

  /** Sublinear TF × IDF, each block L2-normalised, word block scaled by `wordWeight`. */
  transform(normalized: string): SparseVector {
    const tf = this.tf;
    const hasher = this.hasher;
    const n = hasher.hash(normalized);
    if (this.cols.length < n) this.cols = new Int32Array(n);
    const cols = this.cols;
    const { lo, hi } = hasher;
    const table = this.table;
    let m = 0;
    for (let k = 0; k < n; k++) {
      const col = table.get(hi[k] as number, lo[k] as number);
      if (col < 0) continue;
      const count = tf[col] as number;
      if (count === 0) cols[m++] = col;
      // A text of NLU_MAX_TEXT characters repeats no feature 65,535 times; the cap only guards the type.
      if (count < 0xffff) tf[col] = count + 1;
    }
    const indices = cols.slice(0, m);
    const values = new Float32Array(m);
    let norm0 = 0;
    let norm1 = 0;
    let norm2 = 0;
    const group = this.group;
    const idf = this.idf;
    for (let i = 0; i < m; i++) {
      const col = indices[i] as number;
      const count = tf[col] as number;
      // Most features occur once, and 1 + log 1 is exactly 1: no logarithm for them.
      const v = count === 1 ? (idf[col] as number) : (1 + Math.log(count)) * (idf[col] as number);
      tf[col] = 0;
      values[i] = v;
      const g = group[col];
      if (g === 0) norm0 += v * v;
      else if (g === 1) norm1 += v * v;
      else norm2 += v * v;
    }
    // Each group is L2-normalised on its own, then weighted: n-gram-rich groups cannot drown the others.
    const s0 = norm0 > 0 ? 1 / Math.sqrt(norm0) : 0;
    const s1 = norm1 > 0 ? this.options.wordWeight / Math.sqrt(norm1) : 0;
    const s2 = norm2 > 0 ? this.options.pinyinWeight / Math.sqrt(norm2) : 0;
    for (let i = 0; i < m; i++) {
      const g = group[indices[i] as number];
      values[i] = (values[i] as number) * (g === 0 ? s0 : g === 1 ? s1 : s2);
    }
    return { indices, values };
  }
}
