import { FeatureHasher, featureKey, HI_BLOCK_SHIFT, TWO_32 } from './feature-hasher.ts';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from './features.ts';
import { PairTable } from './pair-table.ts';

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
