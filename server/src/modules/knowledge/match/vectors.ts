/**
 * TF-IDF vector spaces and an in-memory BM25 for the FAQ matcher. Document frequency counts FAQs, not
 * phrasings: a word every phrasing of one FAQ repeats (自动还款) is what makes that FAQ distinct, and must
 * not lose weight for being repeated.
 */
export type Sparse = Map<string, number>;

export class Space {
  readonly df = new Map<string, number>();
  n = 0;

  add(features: Iterable<string>): void {
    this.n++;
    for (const f of new Set(features)) this.df.set(f, (this.df.get(f) ?? 0) + 1);
  }

  idf(f: string): number {
    // Unknown features weigh like the rarest: a question full of words no FAQ uses is far from all of them.
    return Math.log((1 + this.n) / (1 + (this.df.get(f) ?? 0))) + 1;
  }

  /** Unit-length sublinear TF-IDF vector. */
  vector(features: readonly string[]): Sparse {
    const tf = new Map<string, number>();
    for (const f of features) tf.set(f, (tf.get(f) ?? 0) + 1);
    const v: Sparse = new Map();
    let norm = 0;
    for (const [f, c] of tf) {
      const w = (1 + Math.log(c)) * this.idf(f);
      v.set(f, w);
      norm += w * w;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [f, w] of v) v.set(f, w * scale);
    return v;
  }
}

/** feature → [item, weight] pairs: an inverted index, so scoring touches only items sharing a feature. */
export class Postings {
  readonly #lists = new Map<string, Array<[number, number]>>();

  add(item: number, vector: ReadonlyMap<string, number>): void {
    for (const [f, w] of vector) {
      const list = this.#lists.get(f);
      if (list) list.push([item, w]);
      else this.#lists.set(f, [[item, w]]);
    }
  }

  /** Adds `scale ·` the dot product of `query` with every item into `out`. */
  dot(query: ReadonlyMap<string, number>, out: Float64Array, scale = 1): void {
    for (const [f, w] of query) {
      const list = this.#lists.get(f);
      if (!list) continue;
      for (const [item, x] of list) out[item] = (out[item] as number) + scale * w * x;
    }
  }
}

/** The normalised sum of several unit vectors: the words they share weigh most. */
export function centroid(vectors: readonly Sparse[]): Sparse {
  const sum: Sparse = new Map();
  for (const v of vectors) for (const [f, w] of v) sum.set(f, (sum.get(f) ?? 0) + w);
  const norm = Math.sqrt([...sum.values()].reduce((a, w) => a + w * w, 0)) || 1;
  for (const [f, w] of sum) sum.set(f, w / norm);
  return sum;
}

/**
 * Okapi BM25 over the FAQs, each FAQ one document (its title and phrasings' content words): the
 * ranking function of the full-text index, computed in memory over the same words so that matching
 * needs no database round trip and the benchmark can rebuild it per fold.
 */
export class Bm25 {
  readonly #k1 = 1.2;
  readonly #b = 0.75;
  readonly #tf: Array<Map<string, number>> = [];
  readonly #len: number[] = [];
  readonly #df = new Map<string, number>();
  #avg = 0;

  constructor(docs: ReadonlyArray<readonly string[]>) {
    for (const words of docs) {
      const tf = new Map<string, number>();
      for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
      this.#tf.push(tf);
      this.#len.push(words.length);
      for (const w of tf.keys()) this.#df.set(w, (this.#df.get(w) ?? 0) + 1);
    }
    this.#avg = this.#len.reduce((a, b) => a + b, 0) / Math.max(1, this.#len.length);
  }

  scores(query: readonly string[]): Float64Array {
    const n = this.#tf.length;
    const out = new Float64Array(n);
    for (const w of new Set(query)) {
      const df = this.#df.get(w);
      if (!df) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let d = 0; d < n; d++) {
        const f = this.#tf[d]?.get(w);
        if (!f) continue;
        const norm = 1 - this.#b + (this.#b * (this.#len[d] as number)) / (this.#avg || 1);
        out[d] = (out[d] as number) + (idf * f * (this.#k1 + 1)) / (f + this.#k1 * norm);
      }
    }
    return out;
  }
}
