import { BLOCK_PREFIX, englishForms, type FeatureOptions } from './features.ts';
import { pinyinIds, splitPinyin } from './pinyin.ts';
import { segmenter } from './segmenter.ts';

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
export const HI_BLOCK_SHIFT = 19;
export const TWO_32 = 4294967296;

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
