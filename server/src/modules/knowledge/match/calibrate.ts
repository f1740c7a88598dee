/**
 * What the matcher learns from data, and how it is judged.
 *
 * Learning (`learnCalibration`) uses only the phrasings it is given: they are split into folds by
 * position; for each fold a matcher is built from the other phrasings and asked the fold's phrasings.
 * Those answers train the ranker's weights (ranker.ts) — questions the signals never saw, as real
 * customers' questions are — and their best fit scores are the positives for the "none" threshold,
 * against the best fit of out-of-scope questions (weather, stocks, other banks' mortgages…). The
 * threshold is the cut with the best balanced accuracy; a logistic curve centred on it turns a fit into
 * the probability that the question is in scope.
 *
 * Judging (`evaluateHeldOut`) holds one phrasing of every FAQ out *before* learning, so neither the
 * signals, nor the ranker, nor the threshold ever saw the questions they are judged on.
 */
import type { SynonymTable } from '../search/query.ts';
import { bestFit, type FaqDoc, FaqMatcher, type IntentGuess } from './matcher.ts';
import { DEFAULT_RANKER, type RankExample, type RankerWeights, trainRanker } from './ranker.ts';

export interface Calibration {
  /**
   * 'ranker': the FAQs have several phrasings each, and the ranker's weights and the threshold were
   * learnt on them by cross-validation. 'pairs': they have not (a bank's FAQ list, one question each),
   * so the pair scorer learnt from real customer question pairs ranks, and its own calibrated
   * threshold decides "none" (pair/pair-matcher.ts); nothing is learnt from the content.
   */
  method: 'ranker' | 'pairs';
  threshold: number;
  /** Steepness of the confidence curve: confidence = 1 / (1 + e^(−slope·(fit − threshold))). */
  slope: number;
  /** The ranker's weights (RANK_FEATURES order). */
  weights: RankerWeights;
  /**
   * Offer the top two as a choice when they answer the same intent and the second is at least this
   * likely relative to the first (a setting: 0.5 means "at least half as likely").
   */
  clarifyRatio: number;
  learnedAt: string;
  positives: number;
  negatives: number;
  balancedAccuracy: number;
}

/**
 * Before anything was learnt on the served FAQs: the pair scorer, which learnt nothing from any FAQ base
 * (so no FAQ is favoured for being shipped with the demo). The ranker fields are what a stored ranker
 * calibration falls back to.
 */
export const DEFAULT_CALIBRATION: Calibration = {
  method: 'pairs',
  threshold: 0.28,
  slope: 20,
  weights: DEFAULT_RANKER,
  clarifyRatio: 0.5,
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

export type IntentsOf = (text: string) => IntentGuess | undefined;

/** The NLU's answer per text, computed once (the same questions are asked in every fold). */
export function memoIntents(intentsOf: IntentsOf | undefined): IntentsOf {
  const memo = new Map<string, IntentGuess | undefined>();
  return (text) => {
    if (!intentsOf) return undefined;
    if (!memo.has(text)) memo.set(text, intentsOf(text));
    return memo.get(text);
  };
}

export interface CrossValidation {
  /** The ranker's training questions: each held-out phrasing with every FAQ's signals. */
  examples: RankExample[];
  /** Best fit of each held-out phrasing (in scope). */
  positives: number[];
  /** Best fit of each out-of-scope question, once per fold. */
  negatives: number[];
}

/**
 * Phrasings split into `folds` by position (phrasing i of every FAQ goes to fold i mod folds); each
 * fold is asked of a matcher built from the others. An FAQ with a single phrasing is never held out.
 */
export function crossValidate(
  docs: readonly FaqDoc[],
  synonyms: SynonymTable,
  outOfScope: readonly string[],
  intentsOf: IntentsOf,
  folds = 3,
): CrossValidation {
  const out: CrossValidation = { examples: [], positives: [], negatives: [] };
  for (let fold = 0; fold < folds; fold++) {
    const asked: Array<[number, string]> = [];
    const training = docs.map((d, di) => {
      if (d.questions.length < 2) return d;
      const keep = d.questions.filter((q, i) => {
        if (i % folds !== fold) return true;
        asked.push([di, q]);
        return false;
      });
      return { ...d, questions: keep };
    });
    if (asked.length === 0) continue;
    const matcher = new FaqMatcher(training, synonyms);
    for (const [answer, q] of asked) {
      const s = matcher.signals(q, intentsOf(q));
      out.examples.push({ rows: s.rows, answer });
      out.positives.push(bestFit(s));
    }
    for (const q of outOfScope) out.negatives.push(bestFit(matcher.signals(q, intentsOf(q))));
  }
  return out;
}

/** Learns the ranker and the "none" threshold from FAQs and out-of-scope questions. */
export function learnCalibration(
  docs: readonly FaqDoc[],
  synonyms: SynonymTable,
  outOfScope: readonly string[],
  intentsOf: IntentsOf,
  now: Date,
  options: { folds?: number; clarifyRatio?: number } = {},
): Calibration {
  const cv = crossValidate(docs, synonyms, outOfScope, intentsOf, options.folds);
  const { threshold, balancedAccuracy } = learnThreshold(cv.positives, cv.negatives);
  return {
    // Fewer than half the FAQs with a second phrasing to learn from (a bank's own list): the pair scorer.
    method: docs.filter((d) => d.questions.length >= 2).length * 2 >= Math.max(1, docs.length) ? 'ranker' : 'pairs',
    threshold,
    slope: learnSlope(threshold, cv.positives, cv.negatives),
    weights: cv.examples.length > 0 ? trainRanker(cv.examples) : DEFAULT_RANKER,
    clarifyRatio: options.clarifyRatio ?? DEFAULT_CALIBRATION.clarifyRatio,
    learnedAt: now.toISOString(),
    positives: cv.positives.length,
    negatives: cv.negatives.length,
    balancedAccuracy: Math.round(balancedAccuracy * 10_000) / 10_000,
  };
}

/**
 * Should the top two be offered as a choice? Only siblings (same intent: "how to activate" versus
 * "activation failed"), and only when the second is nearly as likely as the first.
 */
export function isClarifying(
  matcher: FaqMatcher,
  first: { id: string; probability: number } | undefined,
  second: { id: string; probability: number } | undefined,
  ratio: number,
): boolean {
  if (!first || !second || first.probability <= 0) return false;
  return second.probability >= ratio * first.probability && matcher.siblings(first.id, second.id);
}

export interface HeldOutResult {
  /** Questions asked (one held-out phrasing per FAQ with at least two). */
  asked: number;
  recallAt1: number;
  recallAt3: number;
  /** Share of in-scope questions answered (best fit at or above the threshold). */
  answered: number;
  /** Share of out-of-scope questions correctly answered "none". */
  noneAccuracy: number;
  /** Share of questions offered as a choice of two, and how often the right FAQ was one of the two. */
  clarified: number;
  clarifiedRight: number;
  /** Share whose right FAQ was answered first, or offered as one of a choice of two. */
  resolved: number;
  calibration: Calibration;
  /** Held-out questions whose right FAQ was not first: [question, expected id, got id]. */
  misses: Array<[string, string, string]>;
  /** Out-of-scope questions answered anyway: [question, confidence]. */
  falseAnswers: Array<[string, number]>;
}

/**
 * Leave one phrasing out: `pick` chooses which phrasing of each FAQ is held out; everything is learnt
 * from the rest (and `learnOutOfScope`), then judged on the held-out phrasings and `judgeOutOfScope`.
 */
export function evaluateHeldOut(
  docs: readonly FaqDoc[],
  synonyms: SynonymTable,
  options: {
    pick: (doc: FaqDoc) => number;
    learnOutOfScope: readonly string[];
    judgeOutOfScope: readonly string[];
    intentsOf?: IntentsOf;
    folds?: number;
  },
): HeldOutResult {
  const intentsOf = memoIntents(options.intentsOf);
  const heldOut: Array<[string, string]> = [];
  const training = docs.map((d) => {
    if (d.questions.length < 2) return d;
    const i = options.pick(d);
    heldOut.push([d.id, d.questions[i] as string]);
    return { ...d, questions: d.questions.filter((_, j) => j !== i) };
  });
  const calibration = learnCalibration(
    training,
    synonyms,
    options.learnOutOfScope,
    intentsOf,
    new Date(0),
    options.folds ? { folds: options.folds } : {},
  );
  const pairs = heldOut.map(([id, q]) => ({ id, question: q }));
  const judged = judge(new FaqMatcher(training, synonyms), calibration, pairs, options.judgeOutOfScope, intentsOf);
  return { ...judged, calibration };
}

/** Asks a built matcher labelled questions and out-of-scope ones; the measures of HeldOutResult. */
export function judge(
  matcher: FaqMatcher,
  calibration: Calibration,
  questions: ReadonlyArray<{ id: string; question: string }>,
  outOfScope: readonly string[],
  intentsOf: IntentsOf,
): Omit<HeldOutResult, 'calibration'> {
  let at1 = 0;
  let at3 = 0;
  let answered = 0;
  let clarified = 0;
  let clarifiedRight = 0;
  let resolved = 0;
  const misses: HeldOutResult['misses'] = [];
  for (const { id, question } of questions) {
    const r = matcher.rank(question, { limit: 3, intent: intentsOf(question), weights: calibration.weights });
    const pos = r.candidates.findIndex((c) => c.id === id);
    if (pos === 0) at1++;
    else misses.push([question, id, r.candidates[0]?.id ?? '-']);
    if (pos >= 0) at3++;
    if (r.fit >= calibration.threshold) answered++;
    const choice = isClarifying(matcher, r.candidates[0], r.candidates[1], calibration.clarifyRatio);
    if (choice) {
      clarified++;
      if (pos === 0 || pos === 1) clarifiedRight++;
    }
    if (pos === 0 || (choice && pos === 1)) resolved++;
  }
  const falseAnswers: HeldOutResult['falseAnswers'] = [];
  for (const q of outOfScope) {
    const r = matcher.rank(q, { limit: 1, intent: intentsOf(q), weights: calibration.weights });
    if (r.fit >= calibration.threshold) falseAnswers.push([q, confidence(r.fit, calibration)]);
  }
  const asked = questions.length;
  return {
    asked,
    recallAt1: asked ? at1 / asked : 0,
    recallAt3: asked ? at3 / asked : 0,
    answered: asked ? answered / asked : 0,
    noneAccuracy: outOfScope.length ? 1 - falseAnswers.length / outOfScope.length : 1,
    clarified: asked ? clarified / asked : 0,
    clarifiedRight: clarified ? clarifiedRight / clarified : 0,
    resolved: asked ? resolved / asked : 0,
    misses,
    falseAnswers,
  };
}
