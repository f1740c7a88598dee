/**
 * Training pipeline: normalise → learn the vocabulary → choose L2 strength on dev → fit a temperature and
 * an out-of-scope rule on dev → the model. Deterministic for a given seed and data.
 *
 * With an explicit dev set (the shipped corpus has one) the model is trained on the training rows only and
 * dev stays unseen. Without one, the choices above are made on rows the deciding model never saw, and the
 * final model is refitted on all rows with the chosen settings, so a bank's small file loses no examples:
 * when the data has out-of-scope rows, on every row through stratified folds (out-of-scope rows are few,
 * and a single carved split left about fifteen of CLINC150's to choose the rejection rule on); otherwise
 * on one stratified carve.
 */
import { INTENTS, isIntent } from '@carddesk/contracts';
import { mulberry32 } from '../../platform/random.ts';
import { chooseOosThreshold, chooseRejectThreshold, fitTemperature, logOddsAgainst } from './calibration.ts';
import type { LabelledText } from './csv.ts';
import {
  ACTIVE_GRADIENT,
  addNaiveBayes,
  balancedClassWeights,
  type LinearModel,
  linearScores,
  quantize,
  shuffleInPlace,
  softmaxInPlace,
  trainSoftmax,
} from './model.ts';
import { dictionaryChecksum, type NluModel } from './model-file.ts';
import { normalizeText } from './normalize.ts';
import { DEFAULT_VECTORIZER_OPTIONS, type SparseVector, Vectorizer, type VectorizerOptions } from './vectorizer.ts';

export const OUT_OF_SCOPE = 'out_of_scope';

export interface TrainOptions {
  /** Labelled dev rows kept apart from training; when absent a stratified share of the data is used. */
  readonly dev?: readonly LabelledText[];
  /**
   * With `dev`: rows (usually some or all of dev) the final model also trains on, once the L2 strength,
   * temperature and out-of-scope rule are chosen on dev without them (the report's dev figures stay those of
   * the model that never saw dev). For labelled real data, where every row counts. On the real customer
   * questions' dev split (bench/nlu/real-dev.ts), trained with 60 / 80 / 100% of the real training rows:
   * 79.34 / 80.10 / 82.08% right (in-scope 71.77 / 73.07 / 75.90%). Tuned with 80% on team dev and the
   * other 20%: 78.04% (in-scope 73.07%); refitted with those 20% at the settings chosen without them,
   * 79.82% (in-scope 76.00%, as much as training on them from the start; out-of-scope recall 86.5 / 86.3%:
   * that tuning picked the top-probability rule, the shipped tuning the log-odds one).
   */
  readonly refitWith?: readonly LabelledText[];
  /**
   * Without `dev`: the rows are cut into this many stratified folds; a model trained on the others scores
   * each fold, so every row (every out-of-scope example in particular) is scored once by a model that
   * never saw it, and the calibration and the out-of-scope threshold are chosen on all of them.
   */
  readonly folds?: number;
  /** Share of each label carved out as dev when `dev` is absent and there are no out-of-scope rows. */
  readonly devFraction?: number;
  readonly seed?: number;
  /** Candidate L2 strengths; the best on dev wins. */
  readonly l2Grid?: readonly number[];
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly features?: Partial<VectorizerOptions>;
  /** Contact type for labels that are not built-in intents (a bank's own intents). Default `consult`. */
  readonly labelTypes?: Readonly<Record<string, string>>;
  /** Label that means "not understood"; rows with it train the rejection class. */
  readonly oosLabel?: string;
  /** Loss weight of out-of-scope rows relative to a balanced class: chatter is varied and must be learnt well. */
  readonly oosClassWeight?: number;
  /**
   * Weight of a multinomial naive Bayes model on the same features added to the logistic weights (0:
   * none; see `addNaiveBayes`). Default ENGLISH_NB_WEIGHT (0.1), for Chinese corpora too.
   */
  readonly nbWeight?: number;
  /** Additive smoothing of that naive Bayes model, in TF-IDF mass per feature. */
  readonly nbSmoothing?: number;
  /**
   * Out-of-scope rule: `auto` keeps whichever of the two rules (top probability, log-odds against the
   * out-of-scope class) scores better on the tuning rows; `logOdds` / `probability` force one. Default
   * `logOdds` for Chinese corpora, `auto` otherwise.
   */
  readonly oosRule?: 'auto' | 'logOdds' | 'probability';
  readonly log?: (message: string) => void;
}

export interface TrainReport {
  readonly trainRows: number;
  readonly devRows: number;
  readonly labels: number;
  readonly features: number;
  readonly l2: number;
  readonly devAccuracy: number;
  readonly temperature: number;
  readonly oosThreshold: number;
  /** Log-odds threshold of the top intent against out-of-scope, when that rule was chosen. */
  readonly oosLogOdds: number | null;
  readonly devInScopeAccuracy: number;
  readonly devOosRecall: number | null;
  readonly trainMs: number;
  readonly refitOnAll: boolean;
}

export class TrainingDataError extends Error {
  override readonly name = 'TrainingDataError';
}

/**
 * L2 candidates. Chinese (the shipped corpus) picks 1e-4; on English corpora (BANKING77 and CLINC150
 * splits carved from their training rows) 1e-5 won every time, by 0.7 and 1.2 points, and 0 scored the
 * same as 1e-5, so English trains one candidate only.
 */
const DEFAULT_L2_GRID = [1e-5, 1e-4] as const;
const ENGLISH_L2_GRID = [1e-5] as const;
const DEFAULT_FOLDS = 3;
/**
 * Out-of-scope rows weigh this much more than a balanced class's, for English corpora. On a CLINC150
 * split carved from its training rows (50 of its out-of-scope rows kept apart) weights 1, 2, 3 and 5
 * caught 84, 90, 92 and 82% of them with in-scope accuracy within ±0.2 points; each row is 2 points
 * there, so this is a mild choice. The shipped Chinese corpus keeps 1: at 3 its dev set's in-scope
 * accuracy fell 0.7 points and the knowledge-base matcher built on it refused fewer off-topic questions.
 */
const ENGLISH_OOS_CLASS_WEIGHT = 3;
/**
 * Naive Bayes folded into the English logistic weights (`addNaiveBayes`). Chosen on BANKING77 splits
 * carved from its training part (1,275 dev rows each, one row 0.08 points): at weight 0.1 and smoothing
 * 0.01, 89.73 → 90.20% on the default carve, 89.65 → 90.27% and 90.35 → 90.59% on two other carves;
 * on the CLINC150 carve 94.39 → 94.78% (out-of-scope recall unchanged at 92%). Weight 0.02 / 0.15 / 0.2
 * / 0.3 gave 89.73 / 90.20 / 90.12 / 89.25% on the default carve, smoothing 0.001 / 0.03 / 1 89.96 /
 * 89.65 / 89.49% (1 at weight 0.05). Chinese corpora use it too (see `trainModel`).
 */
const ENGLISH_NB_WEIGHT = 0.1;
const ENGLISH_NB_SMOOTHING = 0.01;

/** Stratified, seeded split: every label with at least 3 rows contributes to dev. */
export function stratifiedSplit(
  rows: readonly LabelledText[],
  fraction: number,
  seed: number,
): { train: LabelledText[]; dev: LabelledText[] } {
  const byLabel = new Map<string, LabelledText[]>();
  for (const r of rows) {
    const list = byLabel.get(r.label) ?? [];
    list.push(r);
    byLabel.set(r.label, list);
  }
  const rng = mulberry32(seed);
  const train: LabelledText[] = [];
  const dev: LabelledText[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const list = shuffleInPlace([...(byLabel.get(label) as LabelledText[])], rng);
    const nDev = list.length >= 3 ? Math.max(1, Math.round(list.length * fraction)) : 0;
    dev.push(...list.slice(0, nDev));
    train.push(...list.slice(nDev));
  }
  return { train, dev };
}

/**
 * Stratified, seeded folds: the rows of each label are shuffled and dealt round-robin, starting where
 * the previous label stopped so that small labels do not all land in the first folds. Labels with fewer
 * rows than 3 stay in training (fold -1), as in `stratifiedSplit`.
 */
export function stratifiedFolds(rows: readonly LabelledText[], folds: number, seed: number): Int32Array {
  const byLabel = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const list = byLabel.get(r.label) ?? [];
    list.push(i);
    byLabel.set(r.label, list);
  });
  const rng = mulberry32(seed);
  const fold = new Int32Array(rows.length).fill(-1);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const list = shuffleInPlace([...(byLabel.get(label) as number[])], rng);
    if (list.length < 3) continue;
    for (const i of list) {
      fold[i] = next;
      next = (next + 1) % folds;
    }
  }
  return fold;
}

interface Prepared {
  vectorizer: Vectorizer;
  rows: SparseVector[];
  y: Int32Array;
}

function prepare(
  texts: readonly string[],
  labels: readonly string[],
  index: Map<string, number>,
  options: VectorizerOptions,
): Prepared {
  const vectorizer = Vectorizer.fit(texts, options);
  return {
    vectorizer,
    rows: texts.map((t) => vectorizer.transform(t)),
    y: Int32Array.from(labels.map((l) => index.get(l) as number)),
  };
}

function argmax(z: Float64Array): number {
  let best = 0;
  for (let k = 1; k < z.length; k++) if ((z[k] as number) > (z[best] as number)) best = k;
  return best;
}

/** A training row; `weight` (default 1) scales its loss, e.g. for rows labelled by propagation, not by a person. */
export interface WeightedText extends LabelledText {
  readonly weight?: number;
}

export function trainModel(
  data: readonly WeightedText[],
  options: TrainOptions = {},
): { model: NluModel; report: TrainReport } {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 42;
  const oosLabel = options.oosLabel ?? OUT_OF_SCOPE;
  if (data.length === 0) throw new TrainingDataError('no training rows');
  const labels = [...new Set(data.map((r) => r.label))].sort();
  if (labels.length < 2) throw new TrainingDataError('at least two labels are needed to train a classifier');
  const index = new Map(labels.map((l, i) => [l, i]));

  const explicitDev = options.dev !== undefined && options.dev.length > 0;
  const folds = explicitDev ? 1 : Math.max(2, Math.round(options.folds ?? DEFAULT_FOLDS));
  const devLabels = options.dev ?? [];
  const unknownDev = devLabels.filter((r) => !index.has(r.label));
  if (unknownDev.length > 0)
    throw new TrainingDataError(
      `dev has labels absent from training: ${[...new Set(unknownDev.map((r) => r.label))].join(', ')}`,
    );

  // Pinyin pairs help Chinese (homophone typos) and only add noise to English ("can", "pin" parse as
  // pinyin): unless told, use them when most training rows contain Chinese, and English word forms
  // (contractions, stems: +0.9 points on a BANKING77 dev split) when most do not.
  const cjkShare = data.filter((r) => /[\u3400-\u9fff]/.test(r.text)).length / data.length;
  const featureOptions: VectorizerOptions = {
    ...DEFAULT_VECTORIZER_OPTIONS,
    pinyin: cjkShare >= 0.5,
    english: cjkShare < 0.5,
    ...options.features,
  };
  const allTexts = data.map((r) => normalizeText(r.text));
  const allY = Int32Array.from(data.map((r) => index.get(r.label) as number));
  // Row weights only when some row has one: without, training is exactly as before.
  const weighted = data.some((r) => r.weight !== undefined && r.weight !== 1);
  const weightsOf = (idx: readonly number[], extraRows = 0) =>
    weighted
      ? Float32Array.from([...idx.map((i) => data[i]?.weight ?? 1), ...new Array<number>(extraRows).fill(1)])
      : undefined;

  // The tuning rounds: with an explicit dev, one (train → dev). Else, when the data has out-of-scope rows,
  // one per fold (other folds → fold), so that every one of those rows, usually few, is scored once by a
  // model that never saw it and the rejection rule is chosen on all of them; without such rows, one round
  // on a stratified carve (calibration needs no more).
  const oosRows = data.filter((r) => r.label === oosLabel).length;
  const rounds: Array<{ trainIdx: number[]; devTexts: string[]; devY: Int32Array }> = [];
  const roundOf = (trainIdx: number[], devIdx: number[]) => ({
    trainIdx,
    devTexts: devIdx.map((i) => allTexts[i] as string),
    devY: Int32Array.from(devIdx.map((i) => allY[i] as number)),
  });
  if (explicitDev) {
    rounds.push({
      trainIdx: data.map((_, i) => i),
      devTexts: devLabels.map((r) => normalizeText(r.text)),
      devY: Int32Array.from(devLabels.map((r) => index.get(r.label) as number)),
    });
  } else if (oosRows >= folds) {
    const fold = stratifiedFolds(data, folds, seed);
    for (let f = 0; f < folds; f++) {
      const trainIdx: number[] = [];
      const devIdx: number[] = [];
      for (let i = 0; i < data.length; i++) (fold[i] === f ? devIdx : trainIdx).push(i);
      if (devIdx.length > 0) rounds.push(roundOf(trainIdx, devIdx));
    }
  } else {
    const rowIndex = new Map(data.map((r, i) => [r, i]));
    const split = stratifiedSplit(data, options.devFraction ?? 0.15, seed);
    rounds.push(
      roundOf(
        split.train.map((r) => rowIndex.get(r) as number),
        split.dev.map((r) => rowIndex.get(r) as number),
      ),
    );
  }

  const K = labels.length;
  const sgd = {
    // Chosen on dev splits: on English (a BANKING77 dev split) 20 epochs gain 0.5 points over 15 and 30
    // add under 0.2 for half as much training time again (the budget is 60 s per 10k rows);
    // the shipped Chinese dev split is best at 15 (30 lose 0.3 points there).
    epochs: options.epochs ?? (cjkShare >= 0.5 ? 15 : 20),
    learningRate: options.learningRate ?? 0.3,
    // The shipped Chinese corpus trains in about 2 s either way and keeps the finer update (1e-4): at
    // 1e-2 its model moved by a row on dev, and the knowledge-base matcher built on it, tuned to that
    // model, refused one off-topic question of 32 fewer in one of its folds.
    activeGradient: cjkShare >= 0.5 ? 1e-4 : ACTIVE_GRADIENT,
    seed,
  };
  const oosIndex = index.get(oosLabel) ?? -1;
  const oosClassWeight = options.oosClassWeight ?? (cjkShare >= 0.5 ? 1 : ENGLISH_OOS_CLASS_WEIGHT);
  const classWeightsOf = (y: Int32Array, rowWeights?: Float32Array) => {
    const w = balancedClassWeights(y, K, rowWeights);
    if (oosIndex >= 0) w[oosIndex] = (w[oosIndex] as number) * oosClassWeight;
    return w;
  };
  // Chinese too since the real customer questions: on their dev split (2,990 rows, trained on team train.csv
  // and the real train split, tuned as scripts/nlu-build-model.ts does) 0.1 answered 84.2–84.5% right against 83.9–84.1%
  // without, in-scope 78.8–80.0% against 78.0%, team dev.csv 90.1–90.3% against 88.0%; 0.05 / 0.2: 84.1 / 83.6%.
  const nbWeight = options.nbWeight ?? ENGLISH_NB_WEIGHT;
  const nbSmoothing = options.nbSmoothing ?? ENGLISH_NB_SMOOTHING;
  const foldNaiveBayes = (
    model: LinearModel,
    rows: readonly SparseVector[],
    y: Int32Array,
    rowWeights?: Float32Array,
  ) => {
    if (nbWeight > 0) addNaiveBayes(model, rows, y, nbWeight, nbSmoothing, rowWeights);
  };
  const score = (model: LinearModel, rows: readonly SparseVector[]) =>
    rows.map((x) => {
      const z = new Float64Array(K);
      linearScores(model, x, z);
      return z;
    });
  const accuracyOf = (scores: readonly Float64Array[], gold: Int32Array) =>
    scores.length === 0 ? 0 : scores.filter((z, i) => argmax(z) === gold[i]).length / scores.length;
  const fitRound = (round: (typeof rounds)[number], l2: number) => {
    const prepared = prepare(
      round.trainIdx.map((i) => allTexts[i] as string),
      round.trainIdx.map((i) => data[i]?.label as string),
      index,
      featureOptions,
    );
    const devRows = round.devTexts.map((t) => prepared.vectorizer.transform(t));
    log(
      `vocabulary: ${prepared.vectorizer.size} features from ${round.trainIdx.length} rows; dev ${devRows.length} rows`,
    );
    const rowWeights = weightsOf(round.trainIdx);
    const model = trainSoftmax(prepared.rows, prepared.y, prepared.vectorizer.size, K, {
      ...sgd,
      classWeights: classWeightsOf(prepared.y, rowWeights),
      l2,
      ...(rowWeights ? { rowWeights } : {}),
    });
    foldNaiveBayes(model, prepared.rows, prepared.y, rowWeights);
    return { scores: score(model, devRows), model, vectorizer: prepared.vectorizer };
  };

  // 1. L2 strength on the first round: best dev accuracy, ties to the stronger penalty (simpler model,
  // better calibrated).
  const first = rounds[0];
  let best:
    | { l2: number; scores: Float64Array[]; accuracy: number; fit?: { model: LinearModel; vectorizer: Vectorizer } }
    | undefined;
  const grid = options.l2Grid ?? (cjkShare >= 0.5 ? DEFAULT_L2_GRID : ENGLISH_L2_GRID);
  for (const l2 of [...grid].sort((a, b) => b - a)) {
    if (!first) {
      best = { l2, scores: [], accuracy: 0 };
      break;
    }
    const { scores, model, vectorizer } = fitRound(first, l2);
    const accuracy = accuracyOf(scores, first.devY);
    log(`l2=${l2}: dev accuracy ${(accuracy * 100).toFixed(2)}%`);
    if (!best || accuracy > best.accuracy + 1e-9) best = { l2, scores, accuracy, fit: { model, vectorizer } };
    if (first.devTexts.length === 0) break;
  }
  if (!best) throw new TrainingDataError('empty L2 grid');
  const chosen = best;

  // 2. Every other round with that strength: each tuning row scored once, by a model that never saw it.
  const devScores: Float64Array[] = [...chosen.scores];
  const devY: number[] = [...(first?.devY ?? [])];
  for (const round of rounds.slice(1)) {
    devScores.push(...fitRound(round, chosen.l2).scores);
    devY.push(...round.devY);
  }
  const gold = Int32Array.from(devY);
  const devAccuracy = accuracyOf(devScores, gold);

  // 3. Temperature and out-of-scope threshold on those scores.
  const temperature = devScores.length > 0 ? fitTemperature(devScores, gold) : 1;
  const predicted = new Int32Array(devScores.length);
  const confidence = new Float64Array(devScores.length);
  devScores.forEach((z, i) => {
    const p = Float64Array.from(z);
    softmaxInPlace(p, temperature);
    predicted[i] = argmax(p);
    confidence[i] = p[predicted[i] as number] as number;
  });
  const hasOosDev = oosIndex >= 0 && gold.some((g) => g === oosIndex);
  const choice = hasOosDev ? chooseOosThreshold(predicted, confidence, gold, oosIndex) : undefined;
  // The other rule: the log-odds of the top intent against the out-of-scope class. Kept when it serves
  // the same objective better on the tuning rows; then the probability threshold is not used (0).
  let oosThreshold = choice?.threshold ?? 0;
  let oosLogOdds: number | undefined;
  let chosenRule: { inScopeAccuracy: number; oosRecall: number } | undefined = choice;
  if (hasOosDev && choice) {
    const logOdds = Float64Array.from(devScores, (z, i) =>
      predicted[i] === oosIndex ? 0 : logOddsAgainst(z, predicted[i] as number, oosIndex, temperature),
    );
    const byLogOdds = chooseRejectThreshold(predicted, logOdds, gold, oosIndex);
    const byProbability = chooseRejectThreshold(predicted, confidence, gold, oosIndex, { maxThreshold: 0.9 });
    log(
      `out-of-scope on the tuning rows: top probability ≥ ${choice.threshold} catches ${(choice.oosRecall * 100).toFixed(1)}%, ` +
        `log-odds against out-of-scope ≥ ${byLogOdds.threshold} catches ${(byLogOdds.oosRecall * 100).toFixed(1)}%`,
    );
    // Chinese keeps the log-odds rule: on the real customer questions' dev split it answered 83.9% right
    // against 82.2% with the probability rule that the tuning rows preferred by a hair (out-of-scope recall
    // 92.3 against 88.3%, in-scope accuracy the same): the choice between the two flipped with a few rows of
    // training data, and the probability rule let clauses of a message about another product (借呗…, 自动还款)
    // override its out-of-scope answer.
    const rule = options.oosRule ?? (cjkShare >= 0.5 ? 'logOdds' : 'auto');
    if (rule === 'logOdds' || (rule === 'auto' && byLogOdds.objective > byProbability.objective + 1e-12)) {
      oosLogOdds = byLogOdds.threshold;
      oosThreshold = 0;
      chosenRule = byLogOdds;
    }
  }
  if (!hasOosDev)
    log(
      `no "${oosLabel}" rows in dev: out-of-scope threshold not tuned (0); add such rows to teach the model to say it does not know`,
    );
  log(`temperature ${temperature.toFixed(3)}, out-of-scope threshold ${oosThreshold}, log-odds ${oosLogOdds ?? '—'}`);

  // 4. The final model: with an explicit dev, the chosen one (trained on every training row, dev unseen),
  // or a refit on those and `refitWith` with the chosen settings; else a refit on every row.
  const extra = explicitDev ? (options.refitWith ?? []) : [];
  const unknownExtra = extra.filter((r) => !index.has(r.label));
  if (unknownExtra.length > 0)
    throw new TrainingDataError(
      `refit rows have labels absent from training: ${[...new Set(unknownExtra.map((r) => r.label))].join(', ')}`,
    );
  const refitOnAll = !explicitDev || !chosen.fit || extra.length > 0;
  let final = chosen.fit;
  if (refitOnAll || !final) {
    const all = prepare(
      [...allTexts, ...extra.map((r) => normalizeText(r.text))],
      [...data, ...extra].map((r) => r.label),
      index,
      featureOptions,
    );
    const rowWeights = weightsOf(
      data.map((_, i) => i),
      extra.length,
    );
    final = {
      vectorizer: all.vectorizer,
      model: trainSoftmax(all.rows, all.y, all.vectorizer.size, K, {
        ...sgd,
        classWeights: classWeightsOf(all.y, rowWeights),
        l2: chosen.l2,
        ...(rowWeights ? { rowWeights } : {}),
      }),
    };
    foldNaiveBayes(final.model, all.rows, all.y, rowWeights);
  }
  const { vectorizer, model: linear } = final;
  const tuningRows = devScores.length;

  const labelTypes: Record<string, string> = {};
  for (const l of labels) labelTypes[l] = isIntent(l) ? INTENTS[l].type : (options.labelTypes?.[l] ?? 'consult');
  const trainMs = Math.round(performance.now() - started);
  const report: TrainReport = {
    trainRows: data.length,
    devRows: tuningRows,
    labels: K,
    features: vectorizer.size,
    l2: chosen.l2,
    devAccuracy,
    temperature,
    oosThreshold,
    oosLogOdds: oosLogOdds ?? null,
    devInScopeAccuracy: chosenRule?.inScopeAccuracy ?? devAccuracy,
    devOosRecall: chosenRule ? chosenRule.oosRecall : null,
    trainMs,
    refitOnAll,
  };
  const model: NluModel = {
    labels,
    labelTypes,
    vectorizer,
    // Served (and saved) quantised: what the file will hold is what is measured from here on.
    linear: quantize(linear),
    temperature,
    oosThreshold,
    ...(oosLogOdds !== undefined ? { oosLogOdds } : {}),
    oosLabel,
    dictionaryChecksum: dictionaryChecksum(),
    // No timings in the file: the same data and seed must give a byte-identical model.
    info: { ...report, trainMs: undefined, seed },
  };
  return { model, report };
}
