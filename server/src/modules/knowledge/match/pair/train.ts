/**
 * Training the pair scorer (`carddesk kb train-matcher`) on the training side of the fixed split
 * (data.ts): never on a held-out pair, never on a sentence of the benchmark.
 *
 * 1. A tenth of the training pairs (seeded) is set apart as a calibration pool; a retrieval task like the
 *    benchmark's is built from it, and every pair touching one of its sentences leaves the fitting set.
 * 2. The IDF table is counted over the fitting sentences (and general questions), rare features dropped.
 * 3. Examples: every labelled fitting pair; and, so the scorer sees what retrieval will hand it, each
 *    positive pair's question against the closest other questions of the fitting pool (mined negatives),
 *    and general questions against their closest card questions.
 * 4. The perceptron is fitted; the calibration task's in-scope and unrelated questions give the "none"
 *    threshold (best balanced accuracy).
 */
import type { SynonymTable } from '../../search/query.ts';
import { fold } from '../../text/fold.ts';
import { type IntentsOf, learnThreshold } from '../calibrate.ts';
import { charGrams } from '../features.ts';
import type { FaqDoc } from '../matcher.ts';
import { Postings, Space } from '../vectors.ts';
import {
  buildTask,
  type LabelledPair,
  mentionsOtherProduct,
  type RetrievalTask,
  shuffled,
  taskSentences,
} from './data.ts';
import {
  type Analysed,
  analyse,
  cosine as cosineOf,
  type IdfTable,
  PAIR_FEATURES,
  pairFeatures,
  stripped,
  surface,
} from './features.ts';
import { Perceptron, type TrainOptions } from './model.ts';
import { PairMatcher, PairModel, type PairModelFile } from './pair-matcher.ts';

export interface TrainPairOptions extends TrainOptions {
  /** Keep IDF entries seen in at least this many sentences. */
  minDf?: number;
  /** Candidates per asked question in the retrieval lists, and the number of lists. */
  mined?: number;
  lists?: number;
  /** Weight of a labelled pair against a retrieval-list example. */
  pairWeight?: number;
  /** Candidates passed from retrieval to the scorer. */
  candidates?: number;
  calibrationSize?: { answered: number; distractors: number; general: number; otherProducts: number };
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
  intentsOf: IntentsOf,
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
  const table = countIdf(sentences, synonyms, options.minDf ?? 3);
  const analysed = new Map<string, Analysed>();
  const view = (t: string) => {
    let a = analysed.get(t);
    if (!a) {
      a = analyse(t, synonyms, table, intentsOf(t));
      analysed.set(t, a);
    }
    return a;
  };
  // Retrieval lists, as the matcher will see them: a pool of card questions stands for an FAQ base (the
  // FAQ side of some positive pairs and other questions); the other side of each of those pairs is asked,
  // and the pool's closest questions by the retrieval cosine are its candidates, right or wrong.
  const partners = new Map<string, Set<string>>();
  for (const p of fit) {
    if (p.label !== 1) continue;
    for (const [x, y] of [
      [p.a, p.b],
      [p.b, p.a],
    ] as const) {
      const set = partners.get(key(x)) ?? new Set<string>();
      set.add(key(y));
      partners.set(key(x), set);
    }
  }
  const cardFit = fit.filter((p) => !p.source.startsWith('lcqmc') && !mentionsOtherProduct(p.a + p.b));
  const asked = shuffled(
    cardFit.filter((p) => p.label === 1 && key(p.a) !== key(p.b)),
    seed + 15,
  ).slice(0, options.lists ?? 3000);
  const poolTexts = [
    ...new Set([
      ...asked.map((p) => p.b),
      ...shuffled([...new Set(cardFit.flatMap((p) => [p.a, p.b]))], seed + 14).slice(0, options.lists ?? 3000),
    ]),
  ];
  const space = new Space();
  const grams = poolTexts.map((t) => charGrams(synonyms.expand(fold(t)), 2));
  for (const g of grams) space.add(g);
  const vectors = grams.map((g) => space.vector(g));
  const postings = new Postings();
  for (const [i, v] of vectors.entries()) postings.add(i, v);
  const lexical = (a: string, b: string) =>
    cosineOf(
      space.vector(charGrams(synonyms.expand(fold(a)), 2)),
      space.vector(charGrams(synonyms.expand(fold(b)), 2)),
    );
  const examples: Array<{ x: Float64Array; y: number; weight: number }> = fit.map((p) => ({
    x: pairFeatures(view(p.a), view(p.b), table, lexical(p.a, p.b)),
    y: p.label,
    weight: options.pairWeight ?? 0.5,
  }));
  const depth = options.mined ?? 20;
  const listOf = (text: string): Array<[number, number]> => {
    const scores = new Float64Array(poolTexts.length);
    postings.dot(space.vector(charGrams(synonyms.expand(fold(text)), 2)), scores);
    const own = key(text);
    return [...scores.keys()]
      .filter((i) => (scores[i] as number) > 0 && key(poolTexts[i] as string) !== own)
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
      .slice(0, depth)
      .map((i) => [i, scores[i] as number]);
  };
  for (const p of asked) {
    const known = partners.get(key(p.a)) ?? new Set<string>();
    for (const [i, cos] of listOf(p.a)) {
      const t = poolTexts[i] as string;
      examples.push({ x: pairFeatures(view(p.a), view(t), table, cos), y: known.has(key(t)) ? 1 : 0, weight: 1 });
    }
  }
  const unrelated = [...generalFit.slice(0, 1000), ...sentences.filter((t) => mentionsOtherProduct(t)).slice(0, 1000)];
  for (const g of unrelated) {
    for (const [i, cos] of listOf(g).slice(0, 3)) {
      examples.push({ x: pairFeatures(view(g), view(poolTexts[i] as string), table, cos), y: 0, weight: 1 });
    }
  }

  const scorer = Perceptron.train(examples, options);
  const candidates = options.candidates ?? 30;
  const draft: PairModelFile = {
    version: 1,
    features: [...PAIR_FEATURES],
    scorer: scorer.weights,
    threshold: 0.5,
    candidates,
    idf: Object.fromEntries(table.idf),
    unseen: table.unseen,
    meanWords: table.meanWords,
    trainedOn: {},
  };
  const matcher = new PairMatcher(taskDocs(calibrationTask), synonyms, new PairModel(draft), intentsOf);
  const rank = (q: string) => {
    const r = matcher.rank(q, 3);
    return { ids: r.candidates.map((c) => c.id), best: r.best };
  };
  const first = runTask(calibrationTask, rank, draft.threshold);
  const { threshold } = learnThreshold(first.positives, first.negatives);
  const calibration = runTask(calibrationTask, rank, threshold);
  const file: PairModelFile = {
    ...draft,
    threshold,
    trainedOn: {
      pairs: fit.length,
      retrievalExamples: examples.length - fit.length,
      calibrationQuestions: calibrationTask.queries.length,
      calibrationUnrelated: calibrationTask.general.length + calibrationTask.otherProducts.length,
      calibrationRecallAt1: Math.round(calibration.recallAt1 * 1000) / 1000,
      calibrationUnrelatedNone: Math.round(calibration.unrelatedNone * 1000) / 1000,
    },
  };
  return { file, calibration };
}
