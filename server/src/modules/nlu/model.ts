/**
 * Multinomial logistic regression on sparse TF-IDF rows, trained by stochastic gradient descent.
 *
 * Why SGD rather than L-BFGS: a full-batch gradient on BANKING77 (8k rows × ~350 features × 77 classes)
 * costs ~0.3 s in JavaScript, and L-BFGS needs a few hundred of them; one SGD epoch costs the same as one
 * gradient and 15–30 epochs reach the best dev accuracy (see `trainModel`). L2 regularisation stays exact
 * with sparse updates through the scaled-weights trick (W = s·V; decaying s decays every weight at once, Bottou 2012),
 * and the learning rate decays linearly to zero (as fastText does) so the last epochs settle.
 */
import { mulberry32 } from '../../platform/random.ts';
import type { SparseVector } from './vectorizer.ts';

export interface LinearModel {
  readonly numFeatures: number;
  readonly numClasses: number;
  /** Row-major [feature][class]: the classes of one feature are contiguous, so a sparse dot product streams. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface SgdOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty λ on the mean loss: minimise mean(loss) + λ/2·‖W‖². */
  readonly l2: number;
  readonly seed: number;
  /** Per-class loss weight (balanced classes: n / (K · n_c)). */
  readonly classWeights?: Float32Array;
  /** Class gradients at or under this (probability units) are left out of the sparse update. Default 1e-2. */
  readonly activeGradient?: number;
  /** Per-row loss weight, multiplied into the class weight (absent: every row 1). */
  readonly rowWeights?: Float32Array;
}

export function shuffleInPlace<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/** Balanced class weights n / (K·n_c), clipped to [0.2, 5] so one tiny class cannot dominate. */
export function balancedClassWeights(labels: Int32Array, numClasses: number, rowWeights?: Float32Array): Float32Array {
  // With row weights a row counts as its weight (a row at 0.5 is half a row of its class).
  const counts = new Float64Array(numClasses);
  let n = 0;
  labels.forEach((y, r) => {
    const w = rowWeights ? (rowWeights[r] as number) : 1;
    counts[y] = (counts[y] ?? 0) + w;
    n += w;
  });
  const w = new Float32Array(numClasses);
  for (let k = 0; k < numClasses; k++) {
    const c = counts[k] ?? 0;
    w[k] = c === 0 ? 1 : Math.min(5, Math.max(0.2, n / (numClasses * c)));
  }
  return w;
}

/**
 * The linear model as served: int8 weights with one float scale per feature row (max |w| / 127).
 * Kept quantised in memory, not only in the file: scoring reads a few hundred random rows of the
 * matrix, so it is bound by memory traffic, and int8 rows are a quarter of the cache lines (CLINC150:
 * 18 MB instead of 72 MB, scoring ~3× faster).
 */
export interface QuantizedLinearModel {
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly scales: Float32Array;
  readonly data: Int8Array;
  readonly bias: Float32Array;
}

export function quantize(model: LinearModel): QuantizedLinearModel {
  const K = model.numClasses;
  const { weights } = model;
  const scales = new Float32Array(model.numFeatures);
  const data = new Int8Array(weights.length);
  for (let f = 0; f < model.numFeatures; f++) {
    let max = 0;
    const base = f * K;
    for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(weights[base + k] as number));
    const scale = max / 127;
    scales[f] = scale;
    if (scale === 0) continue;
    for (let k = 0; k < K; k++) data[base + k] = Math.round((weights[base + k] as number) / scale);
  }
  return { numFeatures: model.numFeatures, numClasses: K, scales, data, bias: Float32Array.from(model.bias) };
}

/** Scores of the served model: z = x·(scale ⊙ Q) + b into `out` (length K). */
export function quantizedScores(model: QuantizedLinearModel, x: SparseVector, out: Float64Array): void {
  const K = model.numClasses;
  const Q = model.data;
  for (let k = 0; k < K; k++) out[k] = model.bias[k] as number;
  const { indices, values } = x;
  for (let i = 0; i < indices.length; i++) {
    const f = indices[i] as number;
    const base = f * K;
    const v = (values[i] as number) * (model.scales[f] as number);
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) + v * (Q[base + k] as number);
  }
}

/** Linear scores z = x·W + b into `out` (length K), for the float model during training. */
export function linearScores(model: LinearModel, x: SparseVector, out: Float64Array): void {
  const K = model.numClasses;
  const W = model.weights;
  for (let k = 0; k < K; k++) out[k] = model.bias[k] as number;
  const { indices, values } = x;
  for (let i = 0; i < indices.length; i++) {
    const base = (indices[i] as number) * K;
    const v = values[i] as number;
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) + v * (W[base + k] as number);
  }
}

/** In-place softmax of scores divided by a temperature. */
export function softmaxInPlace(z: Float64Array, temperature = 1): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < z.length; k++) if ((z[k] as number) > max) max = z[k] as number;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp(((z[k] as number) - max) / temperature);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = (z[k] as number) / sum;
}

/**
 * Gradient entries below this (in probability units) are skipped in the sparse update. At 1e-4 most
 * classes of most rows were still updated on BANKING77 (backward work 75% of the forward pass); at 1e-2
 * it falls to under 10%, training runs about 1.7× faster, and dev accuracy moved by two rows of 1,275 on a
 * BANKING77 split (−0.16 points).
 */
export const ACTIVE_GRADIENT = 1e-2;

export function trainSoftmax(
  rows: readonly SparseVector[],
  labels: Int32Array,
  numFeatures: number,
  numClasses: number,
  options: SgdOptions,
): LinearModel {
  const K = numClasses;
  const V = new Float32Array(numFeatures * K);
  const bias = new Float32Array(K);
  const rng = mulberry32(options.seed);
  const order = Int32Array.from({ length: rows.length }, (_, i) => i);
  const z = new Float64Array(K);
  const active = new Int32Array(K);
  const total = Math.max(1, options.epochs * rows.length);
  const l2 = options.l2;
  const cws = options.classWeights;
  const rws = options.rowWeights;
  const minGradient = options.activeGradient ?? ACTIVE_GRADIENT;
  let scale = 1; // W = scale · V
  let step = 0;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Fisher–Yates with the seeded generator (as `shuffleInPlace`, on a typed array).
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (let o = 0; o < order.length; o++) {
      const r = order[o] as number;
      const x = rows[r] as SparseVector;
      const y = labels[r] as number;
      const eta = options.learningRate * (1 - step / total);
      step++;
      const { indices, values } = x;
      const nnz = indices.length;
      // Forward pass with the current scale.
      z.fill(0);
      for (let i = 0; i < nnz; i++) {
        const base = (indices[i] as number) * K;
        const v = values[i] as number;
        for (let k = 0; k < K; k++) z[k] = (z[k] as number) + v * (V[base + k] as number);
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) {
        const s = (z[k] as number) * scale + (bias[k] as number);
        z[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp((z[k] as number) - max);
        z[k] = e;
        sum += e;
      }
      let cw = cws ? (cws[y] as number) : 1;
      if (rws) cw *= rws[r] as number;
      // Gradient of the loss w.r.t. scores: p - onehot(y), weighted by the class weight. Once the model
      // fits, most classes get a vanishing gradient; updating only the others cuts the cost of an epoch
      // several times (K = 150 on CLINC).
      let nActive = 0;
      for (let k = 0; k < K; k++) {
        const d = cw * ((z[k] as number) / sum - (k === y ? 1 : 0));
        z[k] = d;
        if (Math.abs(d) > minGradient) active[nActive++] = k;
      }

      // L2 shrink of every weight at once, then the sparse loss step on the unscaled weights.
      scale *= 1 - eta * l2;
      if (scale < 1e-6) {
        for (let j = 0; j < V.length; j++) V[j] = (V[j] as number) * scale;
        scale = 1;
      }
      const stepSize = eta / scale;
      for (let i = 0; i < nnz; i++) {
        const base = (indices[i] as number) * K;
        const g = stepSize * (values[i] as number);
        for (let a = 0; a < nActive; a++) {
          const k = active[a] as number;
          V[base + k] = (V[base + k] as number) - g * (z[k] as number);
        }
      }
      for (let k = 0; k < K; k++) bias[k] = (bias[k] as number) - eta * (z[k] as number);
    }
  }
  for (let j = 0; j < V.length; j++) V[j] = (V[j] as number) * scale;
  return { numFeatures, numClasses, weights: V, bias };
}

/**
 * Adds `weight` × a multinomial naive Bayes model of the same rows to a trained model's weights, in place.
 *
 * Naive Bayes over the TF-IDF rows is linear in them too: log θ(f|c), the class's smoothed share of the
 * feature's TF-IDF mass, per feature and class. So the sum of the two models is one linear model, served
 * at no extra cost. The logistic model is discriminative and fits what separates close classes; naive
 * Bayes keeps every feature's evidence, including the rare words a regularised model shrinks, and the
 * mix scored better than either on BANKING77 and CLINC150 dev splits (see train.ts). Each feature's
 * terms are centred over the classes: a per-feature constant changes no softmax, and it would only widen
 * the row's int8 scale. Bias is left alone (the classes are balanced by weight in training).
 */
export function addNaiveBayes(
  model: LinearModel,
  rows: readonly SparseVector[],
  labels: Int32Array,
  weight: number,
  smoothing: number,
  rowWeights?: Float32Array,
): void {
  const K = model.numClasses;
  const F = model.numFeatures;
  const mass = new Float64Array(F * K);
  const total = new Float64Array(K);
  rows.forEach((x, r) => {
    const c = labels[r] as number;
    const rw = rowWeights ? (rowWeights[r] as number) : 1;
    for (let i = 0; i < x.indices.length; i++) {
      const at = (x.indices[i] as number) * K + c;
      const v = (x.values[i] as number) * rw;
      mass[at] = (mass[at] as number) + v;
      total[c] = (total[c] as number) + v;
    }
  });
  const logTotal = Float64Array.from(total, (t) => Math.log(t + smoothing * F));
  const W = model.weights;
  for (let f = 0; f < F; f++) {
    const base = f * K;
    let mean = 0;
    for (let c = 0; c < K; c++) {
      const l = Math.log((mass[base + c] as number) + smoothing) - (logTotal[c] as number);
      mass[base + c] = l;
      mean += l;
    }
    mean /= K;
    for (let c = 0; c < K; c++) W[base + c] = (W[base + c] as number) + weight * ((mass[base + c] as number) - mean);
  }
}
