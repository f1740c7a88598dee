/**
 * The learnt ranker: a listwise (conditional) logistic model over every FAQ's signals for a question.
 * P(FAQ d | question) = softmax over the FAQs of w · φ(question, d). It learns how much to trust each
 * signal — nearest phrasing, centroid, coverage, BM25, the phrasing classifier, the NLU's intent, the
 * margin over same-intent siblings — from questions the signals were not built from (cross-validation
 * on the training phrasings, see learn.ts), never from the questions it is judged on.
 *
 * Trained by Newton's method on the (convex) penalised log-likelihood: a dozen weights, a few
 * iterations, deterministic.
 */
import { z } from 'zod';

export const RANK_FEATURES = [
  /** Cosine (characters and words) to the closest phrasing. */
  'nearest',
  'nearestChars',
  'nearestWords',
  /** Cosine to the FAQ's centroid, per block. */
  'centroidChars',
  'centroidWords',
  /** IDF-weighted share of the question's content words the FAQ's phrasings contain. */
  'coverage',
  /** Cosine (characters, words) to the FAQ's answer. */
  'answerChars',
  'answerWords',
  /** BM25 over the FAQs' words, relative to the best FAQ for this question. */
  'bm25',
  /** The phrasing classifier's probability, and its log (a product of experts when combined). */
  'classifier',
  'classifierLog',
  /** The NLU's probability of the FAQ's intent, and its log. */
  'intent',
  'intentLog',
  /** How far the FAQ's lexical similarity and classifier probability lead its best same-intent sibling. */
  'siblingMargin',
  'siblingClassifierMargin',
  /** Share of the question's words and character pairs found only in this FAQ among its siblings, and
   * the best such share of a sibling (evidence for another FAQ of the same intent). */
  'distinct',
  'rivalDistinct',
  /** Naive Bayes: mean log-likelihood per feature of the question under the FAQ's phrasings (and, lightly,
   * its answer), less the best FAQ's. */
  'naiveBayes',
] as const;
export type RankFeature = (typeof RANK_FEATURES)[number];
export const RANK_DIM = RANK_FEATURES.length;

export const rankerWeightsSchema = z.array(z.number().finite()).length(RANK_DIM);
export type RankerWeights = readonly number[];

/**
 * Weights learnt by `carddesk kb calibrate` on the demo content, the default until a bank's own FAQs are
 * calibrated. Largest: the naive Bayes signal, the log classifier probability, the answer's words, the NLU's
 * intent (as a log), the closest phrasing's words and the sibling-distinctive words.
 */
export const DEFAULT_RANKER: RankerWeights = [
  -0.15, -0.77, 1.08, -0.36, -0.03, -0.13, 0.9, 1.94, -1.12, 0.03, 2.03, 0.3, 2.41, 0.04, -0.07, 1.11, 0.71, 3.53,
];

/** One training question: the feature rows of its candidates (flattened, RANK_DIM per row) and the right one. */
export interface RankExample {
  readonly rows: Float64Array;
  readonly answer: number;
}

export function linearScores(rows: Float64Array, w: RankerWeights): Float64Array {
  const n = rows.length / RANK_DIM;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < RANK_DIM; k++) s += (w[k] as number) * (rows[i * RANK_DIM + k] as number);
    out[i] = s;
  }
  return out;
}

export function softmaxInPlace(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = Math.exp((z[i] as number) - max);
    sum += z[i] as number;
  }
  for (let i = 0; i < z.length; i++) z[i] = (z[i] as number) / sum;
  return z;
}

function objective(examples: readonly RankExample[], w: RankerWeights, l2: number): number {
  let nll = 0;
  for (const ex of examples) {
    const p = softmaxInPlace(linearScores(ex.rows, w));
    nll -= Math.log(Math.max(1e-300, p[ex.answer] as number));
  }
  return nll + l2 * w.reduce((a, x) => a + x * x, 0);
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number)) pivot = r;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const top = m[col] as number[];
    const d = top[col] as number;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const f = (row[col] as number) / d;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - f * (top[c] as number);
    }
  }
  return m.map((row, i) => {
    const d = row[i] as number;
    return Math.abs(d) < 1e-12 ? 0 : (row[n] as number) / d;
  });
}

/**
 * Maximum penalised likelihood weights. `l2` keeps weights of signals that barely vary from running off
 * (and makes the problem strictly convex).
 */
export function trainRanker(
  examples: readonly RankExample[],
  options: { l2?: number; iterations?: number } = {},
): RankerWeights {
  const l2 = options.l2 ?? 0.5;
  let w = new Array<number>(RANK_DIM).fill(0);
  if (examples.length === 0) return DEFAULT_RANKER;
  let current = objective(examples, w, l2);
  for (let iter = 0; iter < (options.iterations ?? 30); iter++) {
    const grad = new Array<number>(RANK_DIM).fill(0);
    const hess = Array.from({ length: RANK_DIM }, () => new Array<number>(RANK_DIM).fill(0));
    for (const ex of examples) {
      const p = softmaxInPlace(linearScores(ex.rows, w));
      const n = p.length;
      const mean = new Array<number>(RANK_DIM).fill(0);
      for (let i = 0; i < n; i++) {
        const pi = p[i] as number;
        if (pi < 1e-12) continue;
        for (let k = 0; k < RANK_DIM; k++) mean[k] = (mean[k] as number) + pi * (ex.rows[i * RANK_DIM + k] as number);
      }
      for (let k = 0; k < RANK_DIM; k++) {
        grad[k] = (grad[k] as number) + (mean[k] as number) - (ex.rows[ex.answer * RANK_DIM + k] as number);
      }
      // Hessian of the log-partition: the covariance of the features under p.
      for (let i = 0; i < n; i++) {
        const pi = p[i] as number;
        if (pi < 1e-12) continue;
        for (let a = 0; a < RANK_DIM; a++) {
          const da = (ex.rows[i * RANK_DIM + a] as number) - (mean[a] as number);
          if (da === 0) continue;
          const row = hess[a] as number[];
          for (let b = a; b < RANK_DIM; b++) {
            row[b] = (row[b] as number) + pi * da * ((ex.rows[i * RANK_DIM + b] as number) - (mean[b] as number));
          }
        }
      }
    }
    for (let a = 0; a < RANK_DIM; a++) {
      const row = hess[a] as number[];
      grad[a] = (grad[a] as number) + 2 * l2 * (w[a] as number);
      row[a] = (row[a] as number) + 2 * l2;
      for (let b = 0; b < a; b++) row[b] = (hess[b] as number[])[a] as number;
    }
    const step = solve(hess, grad);
    // Damped Newton: halve the step until the objective improves.
    let t = 1;
    let next = w;
    let value = current;
    for (let tries = 0; tries < 20; tries++) {
      const candidate = w.map((x, k) => x - t * (step[k] as number));
      const v = objective(examples, candidate, l2);
      if (v < current) {
        next = candidate;
        value = v;
        break;
      }
      t /= 2;
    }
    const improved = current - value;
    w = next;
    current = value;
    if (improved < 1e-6 * Math.max(1, Math.abs(current))) break;
  }
  return w.map((x) => Math.round(x * 10_000) / 10_000);
}
