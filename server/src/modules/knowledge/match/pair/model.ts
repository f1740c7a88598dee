/**
 * The pair scorer: a small multilayer perceptron (one hidden layer of tanh units, one output) over the
 * standardised pair features. Its output ranks a question's candidates; trained listwise by Adam with a
 * seeded initialisation and a seeded example order, so the same data gives the same weights. A logistic
 * curve fitted on questions it was not trained on (train.ts) turns the best candidate's score into a
 * calibrated probability, and the "none" threshold applies to that.
 */
import { mulberry32 } from '../../../../platform/random.ts';
import { shuffled } from './data.ts';

export interface PerceptronWeights {
  /** Per feature: mean and standard deviation over the training pairs. */
  mean: number[];
  std: number[];
  hidden: number;
  /** hidden × inputs, row after row. */
  w1: number[];
  b1: number[];
  w2: number[];
  b2: number;
}

export interface TrainOptions {
  hidden?: number;
  epochs?: number;
  learningRate?: number;
  batch?: number;
  l2?: number;
  seed?: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export class Perceptron {
  readonly #w: PerceptronWeights;
  readonly #h: Float64Array;

  constructor(weights: PerceptronWeights) {
    this.#w = weights;
    this.#h = new Float64Array(weights.hidden);
  }

  get weights(): PerceptronWeights {
    return this.#w;
  }

  /** P(same meaning) for one feature vector (raw, standardised here). */
  probability(x: Float64Array): number {
    return sigmoid(this.logit(x));
  }

  /** The score before the logistic output: what candidates are ranked by. */
  logit(x: Float64Array): number {
    const { mean, std, hidden, w1, b1, w2, b2 } = this.#w;
    const d = mean.length;
    let z = b2;
    for (let j = 0; j < hidden; j++) {
      let s = b1[j] as number;
      for (let k = 0; k < d; k++)
        s += (w1[j * d + k] as number) * (((x[k] as number) - (mean[k] as number)) / (std[k] as number));
      this.#h[j] = Math.tanh(s);
      z += (w2[j] as number) * (this.#h[j] as number);
    }
    return z;
  }

  /**
   * Listwise training: each list is a question's candidates (feature vectors) and which of them are right;
   * the loss is −log of the softmax probability mass on the right ones, so the scorer learns to put a
   * paraphrase above the near-misses retrieval hands it, rather than to classify pairs in isolation.
   */
  static train(
    lists: ReadonlyArray<{ xs: readonly Float64Array[]; right: readonly number[] }>,
    options: TrainOptions = {},
  ): Perceptron {
    const hidden = options.hidden ?? 16;
    const epochs = options.epochs ?? 12;
    const lr = options.learningRate ?? 0.003;
    const batch = options.batch ?? 32;
    const l2 = options.l2 ?? 1e-5;
    const seed = options.seed ?? 1;
    const all = lists.flatMap((l) => l.xs);
    const d = all[0]?.length ?? 0;
    const n = all.length;
    const mean = new Array<number>(d).fill(0);
    const std = new Array<number>(d).fill(0);
    for (const x of all) for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (x[k] as number) / n;
    for (const x of all) {
      for (let k = 0; k < d; k++) std[k] = (std[k] as number) + ((x[k] as number) - (mean[k] as number)) ** 2 / n;
    }
    for (let k = 0; k < d; k++) std[k] = Math.sqrt(std[k] as number) || 1;
    const standard = lists.map((l) => ({
      xs: l.xs.map((x) => Float64Array.from(x, (v, k) => (v - (mean[k] as number)) / (std[k] as number))),
      right: new Set(l.right),
    }));
    const r = mulberry32(seed);
    const scale = 1 / Math.sqrt(d);
    // Parameters in one array: w1 (hidden·d), b1 (hidden), w2 (hidden), b2.
    const size = hidden * d + 2 * hidden + 1;
    const p = Float64Array.from({ length: size }, (_, i) => (i < hidden * d ? (r() * 2 - 1) * scale : 0));
    const oB1 = hidden * d;
    const oW2 = oB1 + hidden;
    const oB2 = oW2 + hidden;
    for (let j = 0; j < hidden; j++) p[oW2 + j] = (r() * 2 - 1) / Math.sqrt(hidden);
    const m = new Float64Array(size);
    const v = new Float64Array(size);
    const g = new Float64Array(size);
    let step = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = shuffled(
        standard.map((_, i) => i),
        seed + epoch + 1,
      );
      for (let start = 0; start < order.length; start += batch) {
        g.fill(0);
        const end = Math.min(order.length, start + batch);
        for (let t = start; t < end; t++) {
          const list = standard[order[t] as number] as (typeof standard)[number];
          const hs = list.xs.map(() => new Float64Array(hidden));
          const z = list.xs.map((x, c) => {
            const h = hs[c] as Float64Array;
            let out = p[oB2] as number;
            for (let j = 0; j < hidden; j++) {
              let sum = p[oB1 + j] as number;
              for (let k = 0; k < d; k++) sum += (p[j * d + k] as number) * (x[k] as number);
              h[j] = Math.tanh(sum);
              out += (p[oW2 + j] as number) * (h[j] as number);
            }
            return out;
          });
          // Softmax over the list; the target spreads evenly over the right candidates.
          const top = Math.max(...z);
          const e = z.map((x) => Math.exp(x - top));
          const total = e.reduce((a, b) => a + b, 0);
          list.xs.forEach((x, c) => {
            const err = (e[c] as number) / total - (list.right.has(c) ? 1 / list.right.size : 0);
            if (Math.abs(err) < 1e-6) return;
            const h = hs[c] as Float64Array;
            for (let j = 0; j < hidden; j++) {
              g[oW2 + j] = (g[oW2 + j] as number) + err * (h[j] as number);
              const back = err * (p[oW2 + j] as number) * (1 - (h[j] as number) ** 2);
              g[oB1 + j] = (g[oB1 + j] as number) + back;
              for (let k = 0; k < d; k++) g[j * d + k] = (g[j * d + k] as number) + back * (x[k] as number);
            }
          });
        }
        step++;
        const count = end - start;
        for (let q = 0; q < size; q++) {
          const grad = (g[q] as number) / count + l2 * (p[q] as number);
          m[q] = 0.9 * (m[q] as number) + 0.1 * grad;
          v[q] = 0.999 * (v[q] as number) + 0.001 * grad * grad;
          const mh = (m[q] as number) / (1 - 0.9 ** step);
          const vh = (v[q] as number) / (1 - 0.999 ** step);
          p[q] = (p[q] as number) - (lr * mh) / (Math.sqrt(vh) + 1e-8);
        }
      }
    }
    const round = (x: number) => Math.round(x * 1e6) / 1e6;
    return new Perceptron({
      mean: mean.map(round),
      std: std.map(round),
      hidden,
      w1: Array.from(p.subarray(0, oB1), round),
      b1: Array.from(p.subarray(oB1, oW2), round),
      w2: Array.from(p.subarray(oW2, oB2), round),
      b2: round(p[oB2] as number),
    });
  }
}
