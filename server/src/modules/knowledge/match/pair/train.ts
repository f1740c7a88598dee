/**
 * Training the pair scorer (`carddesk kb train-matcher`) on the training side of the fixed split
 * (data.ts): never on a held-out pair, never on a sentence of the benchmark.
 *
 * 1. A tenth of the training pairs (seeded) is set apart as a calibration pool; a retrieval task like the
 *    benchmark's is built from it, and every pair touching one of its sentences leaves the fitting set.
 * 2. The IDF table is counted over the fitting sentences (and general questions), rare features dropped;
 *    word associations are learnt from the fitting positives.
 * 3. The sentence encoder (encoder.ts) is trained on the fitting positives, cross-fitted: the questions
 *    the scorer's lists ask are split in two folds, and each fold's lists see an encoder trained without
 *    that fold's pairs; the shipped encoder is trained on all of them.
 * 4. Retrieval lists: a pool of card questions stands for an FAQ base; the partner of a positive pair is
 *    asked, and the pool's closest questions (lexical and encoder cosine, as the matcher picks them) and
 *    its labelled non-paraphrases are its candidates. The perceptron is fitted listwise on them.
 * 5. On the calibration task, a logistic curve turns the best candidate's score into P(right), and the
 *    in-scope and unrelated questions give the "none" threshold (best balanced accuracy).
 */
import type { SynonymTable } from '../../search/query.ts';
import { fold } from '../../text/fold.ts';
import { learnThreshold } from '../calibrate.ts';
import type { FaqDoc } from '../matcher.ts';
import { solve } from '../ranker.ts';
import {
  buildTask,
  type LabelledPair,
  mentionsOtherProduct,
  type RetrievalTask,
  shuffled,
  taskSentences,
} from './data.ts';
import { type EncoderTrainOptions, encoderFeatures, trainEncoder } from './encoder.ts';
import {
  type Analysed,
  analyse,
  associationKey,
  type IdfTable,
  PAIR_FEATURES,
  pairFeatures,
  stripped,
  surface,
} from './features.ts';
import { Perceptron, type TrainOptions } from './model.ts';
import {
  calibrationInputs,
  denseMatrix,
  hybridTop,
  PairMatcher,
  PairModel,
  type PairModelFile,
  Retrieval,
} from './pair-matcher.ts';

export interface TrainPairOptions extends TrainOptions {
  /** Keep IDF entries seen in at least this many sentences. */
  minDf?: number;
  /** Candidates per asked question in the retrieval lists, and the number of lists (questions asked). */
  mined?: number;
  lists?: number;
  /** Candidates passed from retrieval to the scorer. */
  candidates?: number;
  calibrationSize?: { answered: number; distractors: number; general: number; otherProducts: number };
  /** The sentence encoder's training (encoder.ts). */
  encoder?: EncoderTrainOptions;
  /** Weight of the encoder's cosine when retrieval picks the candidates (pair-matcher.ts `hybridTop`). */
  denseWeight?: number;
}

const key = (t: string) => stripped(fold(t));

/** IDF over sentences (each counted once), rare features dropped to keep the model file small. */
export function countIdf(sentences: readonly string[], synonyms: SynonymTable, minDf: number): IdfTable {
  const df = new Map<string, number>();
  let words = 0;
  for (const s of sentences) {
    const x = surface(s, synonyms);
    for (const n of x.words.values()) words += n;
    const features = [
      ...[...x.chars.keys()].map((c) => `c:${c}`),
      ...[...x.bigrams.keys()].map((b) => `b:${b}`),
      ...new Set([...x.words.keys(), ...x.synonymWords.keys()].map((w) => `w:${w}`)),
    ];
    for (const f of features) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const n = sentences.length;
  const idfOf = (d: number) => Math.round((Math.log((1 + n) / (1 + d)) + 1) * 1000) / 1000;
  const idf = new Map<string, number>();
  for (const [f, d] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (d >= minDf) idf.set(f, idfOf(d));
  return { idf, unseen: idfOf(minDf - 1), meanWords: Math.round((words / Math.max(1, n)) * 1000) / 1000 };
}

/**
 * Word associations from paraphrase pairs: for every positive pair, each word of one side absent from
 * the other against each such word of the other; kept when seen in `minCount` pairs or more and their
 * normalised PMI (over words' pair frequencies) is at least `minNpmi`. Ordered, rounded: deterministic.
 */
export function learnAssociations(
  pairs: readonly LabelledPair[],
  synonyms: SynonymTable,
  options: { minCount?: number; minNpmi?: number } = {},
): Map<string, number> {
  const together = new Map<string, number>();
  const alone = new Map<string, number>();
  let n = 0;
  for (const p of pairs) {
    if (p.label !== 1) continue;
    const a = new Set(surface(p.a, synonyms).synonymWords.keys());
    const b = new Set(surface(p.b, synonyms).synonymWords.keys());
    const onlyA = [...a].filter((w) => !b.has(w));
    const onlyB = [...b].filter((w) => !a.has(w));
    n++;
    for (const w of new Set([...a, ...b])) alone.set(w, (alone.get(w) ?? 0) + 1);
    for (const w of onlyA) {
      for (const v of onlyB) {
        const k = associationKey(w, v);
        together.set(k, (together.get(k) ?? 0) + 1);
      }
    }
  }
  const out = new Map<string, number>();
  for (const [k, c] of [...together].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (c < (options.minCount ?? 3)) continue;
    const [w, v] = k.split('|') as [string, string];
    const pxy = c / n;
    const npmi = Math.log(pxy / (((alone.get(w) ?? 1) / n) * ((alone.get(v) ?? 1) / n))) / -Math.log(pxy);
    if (npmi >= (options.minNpmi ?? 0.2)) out.set(k, Math.round(Math.min(1, npmi) * 1000) / 1000);
  }
  return out;
}

/** The task's FAQs as the matcher sees them (one phrasing, the title). */
export const taskDocs = (task: RetrievalTask): FaqDoc[] =>
  task.faqs.map((f) => ({ id: f.id, title: f.question, questions: [], intent: null }));

export interface TaskResult {
  recallAt1: number;
  recallAt3: number;
  /** In-scope questions whose right FAQ was first and not refused. */
  answeredRight: number;
  /** Unrelated (general) and out-of-scope (other product) questions answered "none". */
  generalNone: number;
  otherProductNone: number;
  unrelatedNone: number;
  /** Best probabilities: in-scope questions, then unrelated ones (for a threshold). */
  positives: number[];
  negatives: number[];
}

/** Asks a retrieval task of a ranker: `rank` gives ids best first and the score "none" is decided on. */
export function runTask(
  task: RetrievalTask,
  rank: (q: string) => { ids: string[]; best: number },
  threshold: number,
): TaskResult {
  let at1 = 0;
  let at3 = 0;
  let answeredRight = 0;
  const positives: number[] = [];
  for (const { question, id } of task.queries) {
    const r = rank(question);
    const pos = r.ids.indexOf(id);
    if (pos === 0) at1++;
    if (pos >= 0 && pos < 3) at3++;
    if (pos === 0 && r.best >= threshold) answeredRight++;
    positives.push(r.best);
  }
  const none = (qs: readonly string[]) => qs.map((q) => rank(q).best);
  const general = none(task.general);
  const other = none(task.otherProducts);
  const share = (xs: number[]) => (xs.length ? xs.filter((x) => x < threshold).length / xs.length : 1);
  const n = task.queries.length || 1;
  return {
    recallAt1: at1 / n,
    recallAt3: at3 / n,
    answeredRight: answeredRight / n,
    generalNone: share(general),
    otherProductNone: share(other),
    unrelatedNone: share([...general, ...other]),
    positives,
    negatives: [...general, ...other],
  };
}

export function trainPairModel(
  pairs: readonly LabelledPair[],
  general: readonly string[],
  synonyms: SynonymTable,
  options: TrainPairOptions = {},
): { file: PairModelFile; calibration: TaskResult } {
  const seed = options.seed ?? 20261207;
  const order = shuffled(
    pairs.map((_, i) => i),
    seed + 11,
  );
  const poolIds = new Set(order.slice(0, Math.round(pairs.length / 10)));
  const generalOrder = shuffled(general, seed + 12);
  const calibrationTask = buildTask(
    pairs.filter((_, i) => poolIds.has(i)),
    generalOrder.slice(0, Math.round(general.length / 10)),
    options.calibrationSize ?? { answered: 300, distractors: 300, general: 200, otherProducts: 200 },
    seed + 13,
  );
  const banned = taskSentences(calibrationTask);
  const fit = pairs.filter((p, i) => !poolIds.has(i) && !banned.has(key(p.a)) && !banned.has(key(p.b)));
  const generalFit = generalOrder.slice(Math.round(general.length / 10)).filter((g) => !banned.has(key(g)));

  const sentences = [...new Set([...fit.flatMap((p) => [p.a, p.b]), ...generalFit])];
  // The questions the scorer's lists ask, chosen first: the embedding does not learn from their pairs,
  // so the scorer sees embedding similarities as they are on questions the embedding never saw.
  const cardFit = fit.filter((p) => !p.source.startsWith('lcqmc') && !mentionsOtherProduct(p.a + p.b));
  const lists = options.lists ?? 5000;
  const asked = shuffled(
    cardFit.filter((p) => p.label === 1 && key(p.a) !== key(p.b)),
    seed + 15,
  ).slice(0, lists);
  const counted = {
    ...countIdf(sentences, synonyms, options.minDf ?? 3),
    associations: learnAssociations(fit, synonyms),
  };
  // The sentence encoder, cross-fitted: the asked questions are split in two folds, and each fold's
  // lists see an encoder that never learnt from that fold's pairs (so the scorer learns how far to trust
  // the encoder's cosine on unseen questions); the shipped encoder learns from every positive pair.
  const encoderOptions: EncoderTrainOptions = { buckets: 16384, dim: 64, epochs: 5, ...options.encoder };
  const buckets = encoderOptions.buckets ?? 16384;
  const featureMemo = new Map<string, Int32Array>();
  const featuresOf = (t: string) => {
    let f = featureMemo.get(t);
    if (!f) {
      const s = surface(t, synonyms);
      f = encoderFeatures(s.plain, s.synonymWords.keys(), buckets);
      featureMemo.set(t, f);
    }
    return f;
  };
  const different = new Map<string, string[]>();
  for (const p of fit) {
    if (p.label !== 0) continue;
    for (const [x, y] of [
      [p.a, p.b],
      [p.b, p.a],
    ] as const) {
      const list = different.get(key(x)) ?? [];
      list.push(y);
      different.set(key(x), list);
    }
  }
  const positives = fit.filter((p) => p.label === 1 && key(p.a) !== key(p.b));
  const foldOf = new Map(asked.map((p, i) => [p, i % 2]));
  const encoderOn = (pairsIn: readonly LabelledPair[]) =>
    trainEncoder(
      pairsIn.map((p) => [featuresOf(p.a), featuresOf(p.b)] as const),
      pairsIn.map((p) => [...(different.get(key(p.a)) ?? []), ...(different.get(key(p.b)) ?? [])].map(featuresOf)),
      encoderOptions,
    );
  const foldEncoders = [0, 1].map((f) => encoderOn(positives.filter((p) => foldOf.get(p) !== f)));
  const encoder = encoderOn(positives);
  const denseWeight = options.denseWeight ?? 0.6;
  const table = { ...counted, encoder };
  const views = foldEncoders.map((e) => {
    const foldTable = { ...counted, encoder: e };
    const analysed = new Map<string, Analysed>();
    return (t: string) => {
      let a = analysed.get(t);
      if (!a) {
        a = analyse(t, synonyms, foldTable);
        analysed.set(t, a);
      }
      return a;
    };
  });
  // Retrieval lists, as the matcher will see them: a pool of card questions stands for an FAQ base (the
  // FAQ side of some positive pairs and other questions); the other side of each of those pairs is asked,
  // and the pool's closest questions (lexical and encoder cosine, as the matcher picks them) are its
  // candidates. The right ones are its labelled paraphrases; the others, and its labelled non-paraphrases,
  // are the wrong ones.
  const partners = new Map<string, Set<string>>();
  for (const p of fit) {
    if (p.label !== 1) continue;
    for (const [x, y] of [
      [p.a, p.b],
      [p.b, p.a],
    ] as const) {
      const set = partners.get(key(x)) ?? new Set<string>();
      set.add(y);
      partners.set(key(x), set);
    }
  }
  const poolTexts = [
    ...new Set([
      ...asked.map((p) => p.b),
      ...shuffled([...new Set(cardFit.flatMap((p) => [p.a, p.b]))], seed + 14).slice(0, lists),
    ]),
  ];
  const retrieval = new Retrieval(poolTexts, synonyms);
  const poolDense = views.map((view) => denseMatrix(poolTexts.map((t) => view(t).embedding)));
  const depth = options.mined ?? 30;
  const examples: Array<{ xs: Float64Array[]; right: number[] }> = [];
  for (const p of asked) {
    const f = foldOf.get(p) ?? 0;
    const view = views[f] as (t: string) => Analysed;
    const right = new Set([...(partners.get(key(p.a)) ?? [])].map(key));
    const hits = hybridTop(
      retrieval.scores(p.a),
      poolDense[f] ?? null,
      view(p.a).embedding,
      denseWeight,
      depth + 1,
    ).filter(([i]) => key(poolTexts[i] as string) !== key(p.a));
    const texts = hits.slice(0, depth).map(([i, cos]) => [poolTexts[i] as string, cos] as const);
    for (const t of different.get(key(p.a)) ?? []) texts.push([t, retrieval.cosine(p.a, t)]);
    const list = { xs: [] as Float64Array[], right: [] as number[] };
    for (const [t, cos] of texts) {
      if (right.has(key(t))) list.right.push(list.xs.length);
      list.xs.push(pairFeatures(view(p.a), view(t), table, cos));
    }
    if (list.right.length > 0 && list.right.length < list.xs.length) examples.push(list);
  }

  const scorer = Perceptron.train(examples, options);
  const candidates = options.candidates ?? 30;
  const draft: PairModelFile = {
    version: 2,
    features: [...PAIR_FEATURES],
    scorer: scorer.weights,
    calibration: [0, 1, 0, 0],
    threshold: 0.5,
    candidates,
    idf: Object.fromEntries(table.idf),
    associations: Object.fromEntries(table.associations),
    encoder: encoder.weights(),
    denseWeight,
    unseen: table.unseen,
    meanWords: table.meanWords,
    trainedOn: {},
  };
  // Calibration on the set-apart task: whether the best candidate is right (unrelated questions never
  // are) against what the ranking shows (its score, its lead over the second, whether the question
  // names another product the FAQ does not), a logistic regression fitted to that, then the threshold.
  const raw = new PairMatcher(taskDocs(calibrationTask), synonyms, new PairModel(draft));
  const inputs: number[][] = [];
  const labels: number[] = [];
  for (const { question, id } of calibrationTask.queries) {
    const r = raw.rank(question, 2);
    inputs.push(calibrationInputs(r.candidates));
    labels.push(r.candidates[0]?.id === id ? 1 : 0);
  }
  for (const q of [...calibrationTask.general, ...calibrationTask.otherProducts]) {
    inputs.push(calibrationInputs(raw.rank(q, 2).candidates));
    labels.push(0);
  }
  const calibrated: PairModelFile = { ...draft, calibration: fitLogistic(inputs, labels) };
  const matcher = new PairMatcher(taskDocs(calibrationTask), synonyms, new PairModel(calibrated));
  const rank = (q: string) => {
    const r = matcher.rank(q, 3);
    return { ids: r.candidates.map((c) => c.id), best: r.best };
  };
  const first = runTask(calibrationTask, rank, 0.5);
  const { threshold } = learnThreshold(first.positives, first.negatives);
  const calibration = runTask(calibrationTask, rank, threshold);
  const file: PairModelFile = {
    ...calibrated,
    threshold,
    trainedOn: {
      pairs: fit.length,
      lists: examples.length,
      calibrationQuestions: calibrationTask.queries.length,
      calibrationUnrelated: calibrationTask.general.length + calibrationTask.otherProducts.length,
      calibrationRecallAt1: Math.round(calibration.recallAt1 * 1000) / 1000,
      calibrationUnrelatedNone: Math.round(calibration.unrelatedNone * 1000) / 1000,
    },
  };
  return { file, calibration };
}

/**
 * Logistic regression by Newton's method (a handful of inputs, a small ridge): P(y = 1 | x) =
 * 1 / (1 + e^−(w · x)), the first input being a constant 1.
 */
export function fitLogistic(xs: ReadonlyArray<readonly number[]>, ys: readonly number[], ridge = 1e-3): number[] {
  const k = xs[0]?.length ?? 0;
  let w = new Array<number>(k).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(k).fill(0);
    const hess = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? ridge : 0)));
    xs.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * (w[i] as number), 0)));
      const e = p - (ys[n] as number);
      const c = p * (1 - p);
      for (let i = 0; i < k; i++) {
        grad[i] = (grad[i] as number) + e * (x[i] as number);
        const row = hess[i] as number[];
        for (let j = 0; j < k; j++) row[j] = (row[j] as number) + c * (x[i] as number) * (x[j] as number);
      }
    });
    for (let i = 0; i < k; i++) grad[i] = (grad[i] as number) + ridge * (w[i] as number);
    const step = solve(hess, grad);
    w = w.map((v, i) => v - (step[i] as number));
    if (step.reduce((s, v) => s + Math.abs(v), 0) < 1e-9) break;
  }
  return w.map((v) => Math.round(v * 1e6) / 1e6);
}
