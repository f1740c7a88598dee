/**
 * A siamese sentence encoder learnt from the paraphrase pairs (DSSM / StarSpace style): each hashed
 * feature of a question (characters, character pairs and triples, words after the synonym table) has a
 * learnt vector; a question is the sum of its features' vectors, normalised. Trained with a contrastive
 * loss (InfoNCE): a question's paraphrase must be closer to it than the other questions of its batch and
 * than the questions labelled "different" from it (which share most of its words: the hard negatives).
 * Sparse Adagrad over Float32Arrays, seeded: the same pairs give the same weights.
 *
 * Stored quantised (one signed byte per weight and a scale per bucket, base64), a few MB at most.
 */
import { mulberry32 } from '../../../../platform/random.ts';

export interface EncoderWeights {
  buckets: number;
  dim: number;
  /** Per bucket, the scale of its bytes. */
  scales: number[];
  /** buckets × dim signed bytes, base64. */
  bytes: string;
}

/** FNV-1a over the feature's UTF-16 units. */
export function hashOf(feature: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The hashed features of a question: plain text (letters and digits) and its content words. */
export function encoderFeatures(plain: string, words: Iterable<string>, buckets: number): Int32Array {
  const out = new Set<number>();
  const chars = [...plain];
  for (let i = 0; i < chars.length; i++) {
    out.add(hashOf(`1${chars[i]}`) % buckets);
    if (i + 1 < chars.length) out.add(hashOf(`2${chars[i]}${chars[i + 1]}`) % buckets);
    if (i + 2 < chars.length) out.add(hashOf(`3${chars[i]}${chars[i + 1]}${chars[i + 2]}`) % buckets);
  }
  for (const w of words) out.add(hashOf(`w${w}`) % buckets);
  return Int32Array.from(out);
}

export class Encoder {
  readonly buckets: number;
  readonly dim: number;
  readonly vectors: Float32Array;

  constructor(buckets: number, dim: number, vectors: Float32Array) {
    this.buckets = buckets;
    this.dim = dim;
    this.vectors = vectors;
  }

  static fromWeights(w: EncoderWeights): Encoder {
    const bytes = Buffer.from(w.bytes, 'base64');
    const v = new Float32Array(w.buckets * w.dim);
    for (let b = 0; b < w.buckets; b++) {
      const s = (w.scales[b] ?? 0) / 127;
      for (let k = 0; k < w.dim; k++) {
        const x = bytes[b * w.dim + k] as number;
        v[b * w.dim + k] = (x > 127 ? x - 256 : x) * s;
      }
    }
    return new Encoder(w.buckets, w.dim, v);
  }

  weights(): EncoderWeights {
    const bytes = Buffer.alloc(this.buckets * this.dim);
    const scales: number[] = [];
    for (let b = 0; b < this.buckets; b++) {
      let max = 0;
      for (let k = 0; k < this.dim; k++) max = Math.max(max, Math.abs(this.vectors[b * this.dim + k] as number));
      const scale = Math.round(max * 1e6) / 1e6;
      scales.push(scale);
      for (let k = 0; k < this.dim; k++) {
        const q = scale > 0 ? Math.round(((this.vectors[b * this.dim + k] as number) / scale) * 127) : 0;
        bytes[b * this.dim + k] = q < 0 ? q + 256 : q;
      }
    }
    return { buckets: this.buckets, dim: this.dim, scales, bytes: bytes.toString('base64') };
  }

  /** The unit vector of a question's features (zero when it has none). */
  encode(features: Int32Array, out = new Float32Array(this.dim)): Float32Array {
    out.fill(0);
    const d = this.dim;
    for (const b of features) {
      const base = b * d;
      for (let k = 0; k < d; k++) out[k] = (out[k] as number) + (this.vectors[base + k] as number);
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += (out[k] as number) ** 2;
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < d; k++) out[k] = (out[k] as number) * s;
    return out;
  }
}

export function dot32(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] as number) * (b[k] as number);
  return s;
}

export interface EncoderTrainOptions {
  buckets?: number;
  dim?: number;
  epochs?: number;
  batch?: number;
  rate?: number;
  /** Softmax temperature's inverse (cosines are multiplied by it). */
  scale?: number;
  seed?: number;
  /** Share of a question's features dropped at random each time it is seen in training (regularises). */
  dropout?: number;
}

/**
 * Trains on positive pairs (a_i, b_i); `hard[i]` lists questions labelled different from a_i or b_i,
 * added to the batch's candidates. Loss: −log softmax of the right partner among the batch's b's (and
 * the hard negatives), both ways.
 */
export function trainEncoder(
  pairs: ReadonlyArray<readonly [Int32Array, Int32Array]>,
  hard: ReadonlyArray<readonly Int32Array[]>,
  options: EncoderTrainOptions = {},
): Encoder {
  const buckets = options.buckets ?? 16384;
  const dim = options.dim ?? 64;
  const batch = options.batch ?? 64;
  const rate = options.rate ?? 0.05;
  const scale = options.scale ?? 20;
  const seed = options.seed ?? 7;
  const dropout = options.dropout ?? 0;
  const r = mulberry32(seed);
  const drop = mulberry32(seed + 1000);
  const vectors = Float32Array.from({ length: buckets * dim }, () => (r() * 2 - 1) * 0.1);
  const accum = new Float32Array(buckets).fill(1e-2);
  const grads = new Map<number, Float32Array>();
  const order = pairs.map((_, i) => i);
  type Enc = { f: Int32Array; z: Float32Array; n: number; u: Float32Array; g: Float32Array };
  const enc = (all: Int32Array): Enc => {
    const kept = dropout > 0 ? all.filter(() => drop() >= dropout) : all;
    const f = kept.length > 0 ? kept : all;
    const z = new Float32Array(dim);
    for (const b of f) {
      const base = b * dim;
      for (let k = 0; k < dim; k++) z[k] = (z[k] as number) + (vectors[base + k] as number);
    }
    let n = 0;
    for (let k = 0; k < dim; k++) n += (z[k] as number) ** 2;
    n = Math.sqrt(n) || 1;
    return { f, z, n, u: z.map((v) => v / n), g: new Float32Array(dim) };
  };
  for (let epoch = 0; epoch < (options.epochs ?? 10); epoch++) {
    const rr = mulberry32(seed + epoch + 1);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rr() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (let start = 0; start + 1 < order.length; start += batch) {
      const ids = order.slice(start, start + batch);
      const A = ids.map((i) => enc((pairs[i] as readonly [Int32Array, Int32Array])[0]));
      const B = ids.map((i) => enc((pairs[i] as readonly [Int32Array, Int32Array])[1]));
      const H = ids.flatMap((i) => (hard[i] ?? []).slice(0, 2).map(enc));
      // a_i against every b and the hard negatives; b_i against every a and the hard negatives.
      for (const [X, Y] of [
        [A, B],
        [B, A],
      ] as const) {
        const cands = [...Y, ...H];
        const s = new Float64Array(cands.length);
        X.forEach((x, i) => {
          let top = -Infinity;
          cands.forEach((y, j) => {
            s[j] = scale * dot32(x.u, y.u);
            if ((s[j] as number) > top) top = s[j] as number;
          });
          let total = 0;
          for (let j = 0; j < cands.length; j++) {
            s[j] = Math.exp((s[j] as number) - top);
            total += s[j] as number;
          }
          cands.forEach((y, j) => {
            const d = (scale * ((s[j] as number) / total - (i === j ? 1 : 0))) / ids.length;
            if (Math.abs(d) < 1e-7) return;
            for (let k = 0; k < dim; k++) {
              x.g[k] = (x.g[k] as number) + d * (y.u[k] as number);
              y.g[k] = (y.g[k] as number) + d * (x.u[k] as number);
            }
          });
        });
      }
      // Through the normalisation into the buckets' gradients, then sparse Adagrad (one rate per bucket).
      grads.clear();
      for (const e of [...A, ...B, ...H]) {
        let along = 0;
        for (let k = 0; k < dim; k++) along += (e.g[k] as number) * (e.u[k] as number);
        const gz = new Float32Array(dim);
        for (let k = 0; k < dim; k++) gz[k] = ((e.g[k] as number) - along * (e.u[k] as number)) / e.n;
        for (const b of e.f) {
          let g = grads.get(b);
          if (!g) {
            g = new Float32Array(dim);
            grads.set(b, g);
          }
          for (let k = 0; k < dim; k++) g[k] = (g[k] as number) + (gz[k] as number);
        }
      }
      for (const [b, g] of grads) {
        let sq = 0;
        for (let k = 0; k < dim; k++) sq += (g[k] as number) ** 2;
        accum[b] = (accum[b] as number) + sq / dim;
        const step = rate / Math.sqrt(accum[b] as number);
        const base = b * dim;
        for (let k = 0; k < dim; k++) vectors[base + k] = (vectors[base + k] as number) - step * (g[k] as number);
      }
    }
  }
  return new Encoder(buckets, dim, vectors);
}
