/**
 * Learning the "none of these" threshold from data, and the evaluation the benchmark reports.
 *
 * Positives: for every FAQ with two or more phrasings, one phrasing is held out of the matcher and asked;
 * its best score is what a real in-scope question scores. Negatives: the best score of out-of-scope
 * questions (weather, stocks, other banks' mortgages…). The threshold is the cut that best separates the
 * two (balanced accuracy); a logistic curve centred on it turns a score into a confidence.
 */
import type { SynonymTable } from '../search/query.ts';
import { type FaqDoc, FaqMatcher, type IntentGuess } from './matcher.ts';

export interface Calibration {
  threshold: number;
  /** Steepness of the confidence curve: confidence = 1 / (1 + e^(−slope·(score − threshold))). */
  slope: number;
  learnedAt: string;
  positives: number;
  negatives: number;
  balancedAccuracy: number;
}

/** A conservative default before anything was learnt (the demo content's learnt value is close to it). */
export const DEFAULT_CALIBRATION: Calibration = {
  threshold: 0.4,
  slope: 20,
  learnedAt: '',
  positives: 0,
  negatives: 0,
  balancedAccuracy: 0,
};

export function confidence(score: number, c: Pick<Calibration, 'threshold' | 'slope'>): number {
  return 1 / (1 + Math.exp(-c.slope * (score - c.threshold)));
}

/** The cut between positive and negative scores with the best balanced accuracy (middle of the best gap). */
export function learnThreshold(
  positives: readonly number[],
  negatives: readonly number[],
): { threshold: number; balancedAccuracy: number } {
  if (positives.length === 0 || negatives.length === 0) {
    return { threshold: DEFAULT_CALIBRATION.threshold, balancedAccuracy: 0 };
  }
  const values = [...new Set([...positives, ...negatives])].sort((a, b) => a - b);
  const cuts = [values[0] as number];
  for (let i = 1; i < values.length; i++) cuts.push(((values[i - 1] as number) + (values[i] as number)) / 2);
  cuts.push((values[values.length - 1] as number) + 1e-9);
  let best = { threshold: cuts[0] as number, balancedAccuracy: -1 };
  let plateau: number[] = [];
  for (const cut of cuts) {
    const tpr = positives.filter((s) => s >= cut).length / positives.length;
    const tnr = negatives.filter((s) => s < cut).length / negatives.length;
    const ba = (tpr + tnr) / 2;
    if (ba > best.balancedAccuracy + 1e-12) {
      best = { threshold: cut, balancedAccuracy: ba };
      plateau = [cut];
    } else if (Math.abs(ba - best.balancedAccuracy) <= 1e-12) {
      plateau.push(cut);
    }
  }
  const mid = plateau[Math.floor(plateau.length / 2)] ?? best.threshold;
  return { threshold: Math.round(mid * 10_000) / 10_000, balancedAccuracy: best.balancedAccuracy };
}

/** The slope that best explains the labels (log-likelihood), for a confidence that means something. */
export function learnSlope(threshold: number, positives: readonly number[], negatives: readonly number[]): number {
  let bestSlope = DEFAULT_CALIBRATION.slope;
  let bestLl = -Infinity;
  for (let slope = 2; slope <= 80; slope += 2) {
    let ll = 0;
    for (const s of positives) ll += Math.log(Math.max(1e-12, confidence(s, { threshold, slope })));
    for (const s of negatives) ll += Math.log(Math.max(1e-12, 1 - confidence(s, { threshold, slope })));
    if (ll > bestLl) {
      bestLl = ll;
      bestSlope = slope;
    }
  }
  return bestSlope;
}

export interface HeldOutResult {
  /** FAQs asked (those with at least two phrasings). */
  asked: number;
  recallAt1: number;
  recallAt3: number;
  /** Best score of each held-out question (positives). */
  positiveScores: number[];
  /** Best score of each out-of-scope question (negatives). */
  negativeScores: number[];
  /** Held-out questions whose right FAQ was not first: [question, expected id, got id]. */
  misses: Array<[string, string, string]>;
}

/**
 * Leave-one-phrasing-out: `pick` chooses which phrasing of each FAQ is held out. Every FAQ loses its
 * held-out phrasing at once, so the matcher built here never saw any question it is asked.
 */
export function heldOutEvaluation(
  docs: readonly FaqDoc[],
  synonyms: SynonymTable,
  outOfScope: readonly string[],
  pick: (doc: FaqDoc) => number,
  intentsOf?: (text: string) => IntentGuess | undefined,
): HeldOutResult {
  const heldOut = new Map<string, string>();
  const training = docs.map((d) => {
    if (d.questions.length < 2) return d;
    const i = pick(d);
    heldOut.set(d.id, d.questions[i] as string);
    return { ...d, questions: d.questions.filter((_, j) => j !== i) };
  });
  const matcher = new FaqMatcher(training, synonyms);
  let at1 = 0;
  let at3 = 0;
  const positiveScores: number[] = [];
  const misses: HeldOutResult['misses'] = [];
  for (const [id, question] of heldOut) {
    const ranked = matcher.rank(question, 3, intentsOf?.(question));
    const pos = ranked.findIndex((c) => c.id === id);
    if (pos === 0) at1++;
    else misses.push([question, id, ranked[0]?.id ?? '-']);
    if (pos >= 0) at3++;
    positiveScores.push(ranked[0]?.score ?? 0);
  }
  const negativeScores = outOfScope.map((q) => matcher.rank(q, 1, intentsOf?.(q))[0]?.score ?? 0);
  const asked = heldOut.size;
  return {
    asked,
    recallAt1: asked ? at1 / asked : 0,
    recallAt3: asked ? at3 / asked : 0,
    positiveScores,
    negativeScores,
    misses,
  };
}

/** Learns the calibration from a held-out run. */
export function calibrate(result: HeldOutResult, now: Date): Calibration {
  const { threshold, balancedAccuracy } = learnThreshold(result.positiveScores, result.negativeScores);
  return {
    threshold,
    slope: learnSlope(threshold, result.positiveScores, result.negativeScores),
    learnedAt: now.toISOString(),
    positives: result.positiveScores.length,
    negatives: result.negativeScores.length,
    balancedAccuracy: Math.round(balancedAccuracy * 10_000) / 10_000,
  };
}
