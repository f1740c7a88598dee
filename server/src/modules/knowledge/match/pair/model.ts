/**
 * The pair scorer: a small multilayer perceptron (one hidden layer of tanh units, a logistic output)
 * over the standardised pair features, giving P(the two questions mean the same). Trained by Adam on
 * log-loss with a seeded initialisation and a seeded example order, so the same data gives the same
 * weights. Its output is calibrated on questions it was not trained on (train.ts), and the "none"
 * threshold applies to it.
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
    return sigmoid(z);
  }

  static train(
    examples: ReadonlyArray<{ x: Float64Array; y: number; weight?: number }>,
    options: TrainOptions = {},
  ): Perceptron {
    const hidden = options.hidden ?? 16;
    const epochs = options.epochs ?? 12;
    const lr = options.learningRate ?? 0.003;
    const batch = options.batch ?? 64;
    const l2 = options.l2 ?? 1e-5;
    const seed = options.seed ?? 1;
    const d = examples[0]?.x.length ?? 0;
    const n = examples.length;
    const mean = new Array<number>(d).fill(0);
    const std = new Array<number>(d).fill(0);
    for (const ex of examples) for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (ex.x[k] as number) / n;
    for (const ex of examples) {
      for (let k = 0; k < d; k++) std[k] = (std[k] as number) + ((ex.x[k] as number) - (mean[k] as number)) ** 2 / n;
    }
    for (let k = 0; k < d; k++) std[k] = Math.sqrt(std[k] as number) || 1;
    const xs = examples.map((ex) => Float64Array.from(ex.x, (v, k) => (v - (mean[k] as number)) / (std[k] as number)));
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
    const h = new Float64Array(hidden);
    let step = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = shuffled(
        xs.map((_, i) => i),
        seed + epoch + 1,
      );
      for (let start = 0; start < n; start += batch) {
        g.fill(0);
        const end = Math.min(n, start + batch);
        for (let t = start; t < end; t++) {
          const i = order[t] as number;
          const x = xs[i] as Float64Array;
          const ex = examples[i] as (typeof examples)[number];
          let z = p[oB2] as number;
          for (let j = 0; j < hidden; j++) {
            let s = p[oB1 + j] as number;
            for (let k = 0; k < d; k++) s += (p[j * d + k] as number) * (x[k] as number);
            h[j] = Math.tanh(s);
            z += (p[oW2 + j] as number) * (h[j] as number);
          }
          const err = (sigmoid(z) - ex.y) * (ex.weight ?? 1);
          g[oB2] = (g[oB2] as number) + err;
          for (let j = 0; j < hidden; j++) {
            g[oW2 + j] = (g[oW2 + j] as number) + err * (h[j] as number);
            const back = err * (p[oW2 + j] as number) * (1 - (h[j] as number) ** 2);
            g[oB1 + j] = (g[oB1 + j] as number) + back;
            for (let k = 0; k < d; k++) g[j * d + k] = (g[j * d + k] as number) + back * (x[k] as number);
          }
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
