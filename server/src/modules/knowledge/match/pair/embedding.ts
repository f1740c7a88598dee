/**
 * A small siamese sentence embedding learnt from the paraphrase pairs: each character and character pair
 * (hashed into a fixed number of buckets) has a learnt vector; a question is the IDF-weighted sum of its
 * features' vectors, normalised. Trained so that a question's paraphrase is closer to it than the other
 * questions of its batch (in-batch softmax over cosines), it can tie questions that share few characters
 * (退回信用卡的钱能否提现 / 怎样取出) where TF-IDF cannot. One feature of the pair scorer.
 */
import { mulberry32 } from '../../../../platform/random.ts';
import { shuffled } from './data.ts';

export interface EmbeddingWeights {
  buckets: number;
  dim: number;
  /** buckets × dim, row after row, rounded. */
  vectors: number[];
}

/** FNV-1a over the feature's UTF-16 units: the bucket of a character or character pair. */
export function bucketOf(feature: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % buckets;
}

/** A question as weighted buckets (the caller chooses features and weights). */
export type Bag = ReadonlyArray<readonly [number, number]>;

export function embed(w: EmbeddingWeights, bag: Bag, out = new Float64Array(w.dim)): Float64Array {
  out.fill(0);
  for (const [b, x] of bag) {
    const base = b * w.dim;
    for (let k = 0; k < w.dim; k++) out[k] = (out[k] as number) + x * (w.vectors[base + k] as number);
  }
  let norm = 0;
  for (const v of out) norm += v * v;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < w.dim; k++) out[k] = (out[k] as number) * scale;
  return out;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] as number) * (b[k] as number);
  return s;
}

/**
 * In-batch softmax training: for a batch of paraphrase pairs (a_i, b_i), a_i should be closer to b_i than
 * to every other b_j (and the other way round). Plain SGD with a seeded initialisation and order.
 */
export function trainEmbedding(
  pairs: ReadonlyArray<readonly [Bag, Bag]>,
  options: {
    buckets?: number;
    dim?: number;
    epochs?: number;
    batch?: number;
    rate?: number;
    scale?: number;
    seed?: number;
  } = {},
): EmbeddingWeights {
  const buckets = options.buckets ?? 8192;
  const dim = options.dim ?? 32;
  const batch = options.batch ?? 32;
  const rate = options.rate ?? 0.05;
  const scale = options.scale ?? 10;
  const r = mulberry32(options.seed ?? 7);
  const vectors = Float64Array.from({ length: buckets * dim }, () => (r() * 2 - 1) * 0.1);
  for (let epoch = 0; epoch < (options.epochs ?? 5); epoch++) {
    const order = shuffled(
      pairs.map((_, i) => i),
      (options.seed ?? 7) + epoch,
    );
    for (let start = 0; start + 1 < order.length; start += batch) {
      const ids = order.slice(start, start + batch);
      const bags = ids.map((i) => pairs[i] as readonly [Bag, Bag]);
      // Unnormalised sums and their norms, so the gradient can pass through the normalisation.
      const raw = (bag: Bag) => {
        const z = new Float64Array(dim);
        for (const [b, x] of bag)
          for (let k = 0; k < dim; k++) z[k] = (z[k] as number) + x * (vectors[b * dim + k] as number);
        const n = Math.sqrt(dot(z, z)) || 1;
        return { z, n, u: z.map((v) => v / n) };
      };
      const A = bags.map(([a]) => raw(a));
      const B = bags.map(([, b]) => raw(b));
      const gA = A.map(() => new Float64Array(dim));
      const gB = B.map(() => new Float64Array(dim));
      // Both directions: rows (a_i against every b) and columns (b_j against every a).
      for (const [X, Y, gX, gY] of [
        [A, B, gA, gB],
        [B, A, gB, gA],
      ] as const) {
        X.forEach((x, i) => {
          const s = Y.map((y) => scale * dot(x.u, y.u));
          const top = Math.max(...s);
          const e = s.map((v) => Math.exp(v - top));
          const total = e.reduce((p, q) => p + q, 0);
          Y.forEach((y, j) => {
            const d = scale * ((e[j] as number) / total - (i === j ? 1 : 0));
            if (d === 0) return;
            const gx = gX[i] as Float64Array;
            const gy = gY[j] as Float64Array;
            for (let k = 0; k < dim; k++) {
              gx[k] = (gx[k] as number) + d * (y.u[k] as number);
              gy[k] = (gy[k] as number) + d * (x.u[k] as number);
            }
          });
        });
      }
      // Through the normalisation (d u / d z = (I − u uᵀ) / |z|) into the buckets' vectors.
      const apply = (bag: Bag, v: { u: Float64Array; n: number }, g: Float64Array) => {
        const along = dot(g, v.u);
        for (const [b, x] of bag) {
          for (let k = 0; k < dim; k++) {
            const grad = (x * ((g[k] as number) - along * (v.u[k] as number))) / v.n;
            vectors[b * dim + k] = (vectors[b * dim + k] as number) - (rate * grad) / ids.length;
          }
        }
      };
      bags.forEach(([a, b], i) => {
        apply(a, A[i] as { u: Float64Array; n: number }, gA[i] as Float64Array);
        apply(b, B[i] as { u: Float64Array; n: number }, gB[i] as Float64Array);
      });
    }
  }
  return { buckets, dim, vectors: Array.from(vectors, (v) => Math.round(v * 1e4) / 1e4) };
}
