/**
 * Matches a customer's question to the published FAQs. Each FAQ has several phrasings. For a question the
 * matcher computes, per FAQ, a set of signals (ranker.ts `RANK_FEATURES`): TF-IDF cosine over character
 * n-grams and words to the closest phrasing and to the FAQ's centroid, coverage of the question's content
 * words, BM25, a classifier trained on the phrasings, the NLU's probability of the FAQ's intent, and the
 * lead over same-intent siblings. A learnt ranker turns them into P(FAQ | question), which orders the
 * answers; a separate absolute fit score (how well the question fits the best FAQ at all) is what the
 * learnt "none" threshold applies to (calibrate.ts).
 *
 * Pure and in memory: built from the served FAQs, rebuilt when they change.
 */
import type { SynonymTable } from '../search/query.ts';
import { fold } from '../text/fold.ts';
import { charGrams, contentText, contentWords } from './features.ts';
import {
  DEFAULT_RANKER,
  linearScores,
  RANK_DIM,
  RANK_FEATURES,
  type RankerWeights,
  type RankFeature,
  softmaxInPlace,
} from './ranker.ts';
import { type Features, SoftmaxModel } from './softmax.ts';
import { Bm25, centroid, Postings, Space, type Sparse } from './vectors.ts';

export interface FaqDoc {
  readonly id: string;
  readonly title: string;
  readonly questions: readonly string[];
  readonly intent: string | null;
  /** The answer as plain text (live parameters left out), for question–answer similarity. */
  readonly answer?: string;
}

export interface Candidate {
  readonly id: string;
  /** Absolute fit in [0, 1]: what the "none" threshold is learnt on. */
  readonly score: number;
  /** The ranker's probability that this FAQ is the one asked about (sums to 1 over all FAQs). */
  readonly probability: number;
  /** Cosine similarity (closest phrasing and centroid blended). */
  readonly similarity: number;
  /** Share of the question's content (IDF-weighted words) found in the FAQ's phrasings. */
  readonly coverage: number;
  readonly intent: string | null;
  readonly intentAgrees: boolean;
}

/**
 * The intent classifier's view of the question: probability per intent (the NLU's best guesses). An FAQ
 * gains in proportion to the probability of its own intent, so "我的卡年费多少钱" leans to the annual-fee
 * FAQ rather than to the limit FAQ that shares 多少钱.
 */
export type IntentGuess = ReadonlyMap<string, number>;

/**
 * The absolute fit (for "none"): lexical = 0.7 similarity + 0.3 coverage, averaged with the classifier's
 * probability; the NLU's probability of the FAQ's intent then weighs 0.3. Similarity = 0.2 closest
 * phrasing + 0.8 centroid; characters 0.6 and words 0.4 inside each. Unchanged from the first matcher:
 * the threshold learnt on it separates out-of-scope questions well (docs/benchmarks/kb.md).
 */
export const FIT_WEIGHTS = { similarity: 0.7, coverage: 0.3, classifier: 0.5, intent: 0.3 } as const;
const CHAR_SHARE = 0.6;
const WORD_SHARE = 1 - CHAR_SHARE;
const NEAREST_SHARE = 0.2;

/** Every FAQ's signals for one question. */
export interface QuestionSignals {
  /** RANK_DIM features per FAQ, FAQ after FAQ (the ranker's input). */
  readonly rows: Float64Array;
  readonly fit: Float64Array;
  readonly similarity: Float64Array;
  readonly coverage: Float64Array;
  readonly intent: Float64Array;
}

interface Unit {
  doc: number;
  chars: Sparse;
  words: Sparse;
}

const at = (f: RankFeature) => RANK_FEATURES.indexOf(f);
const F = Object.fromEntries(RANK_FEATURES.map((f) => [f, at(f)])) as Record<RankFeature, number>;
const LOG_FLOOR = 1e-3;
const logScaled = (p: number) => Math.log(p + LOG_FLOOR) / -Math.log(LOG_FLOOR) + 1;

export class FaqMatcher {
  readonly docs: readonly FaqDoc[];
  readonly #synonyms: SynonymTable;
  readonly #chars = new Space();
  readonly #words = new Space();
  readonly #units: Unit[] = [];
  readonly #charPostings = new Postings();
  readonly #wordPostings = new Postings();
  readonly #centroidChars = new Postings();
  readonly #centroidWords = new Postings();
  readonly #answerChars = new Postings();
  readonly #answerWords = new Postings();
  readonly #docWords: Array<Set<string>> = [];
  readonly #bm25: Bm25;
  readonly #classifier: SoftmaxModel;
  /** Per FAQ, the other FAQs answering the same intent. */
  readonly #siblings: number[][];
  readonly #distinct: Array<Set<string>>;
  readonly #nb: NaiveBayes;

  constructor(docs: readonly FaqDoc[], synonyms: SynonymTable) {
    this.docs = docs;
    this.#synonyms = synonyms;
    const prepared = docs.map((d) => [d.title, ...d.questions].map((t) => this.prepare(t)));
    const words = prepared.map((texts) => texts.map((t) => contentWords(t)));
    const grams = prepared.map((texts) => texts.map((t) => charGrams(t)));
    for (let d = 0; d < docs.length; d++) {
      this.#chars.add((grams[d] as string[][]).flat());
      this.#words.add((words[d] as string[][]).flat());
    }
    for (let d = 0; d < docs.length; d++) {
      const chars: Sparse[] = [];
      const wordVectors: Sparse[] = [];
      (grams[d] as string[][]).forEach((g, i) => {
        const unit: Unit = {
          doc: d,
          chars: this.#chars.vector(g),
          words: this.#words.vector((words[d] as string[][])[i] as string[]),
        };
        const u = this.#units.push(unit) - 1;
        this.#charPostings.add(u, unit.chars);
        this.#wordPostings.add(u, unit.words);
        chars.push(unit.chars);
        wordVectors.push(unit.words);
      });
      this.#centroidChars.add(d, centroid(chars));
      this.#centroidWords.add(d, centroid(wordVectors));
      this.#docWords.push(new Set((words[d] as string[][]).flat()));
    }
    // Answers are weighed in the phrasings' spaces: what the answer shares with a question that no
    // phrasing does (验证码 in "activation failed") still counts, and boilerplate words stay cheap.
    docs.forEach((doc, d) => {
      if (!doc.answer) return;
      const text = this.prepare(doc.answer);
      const chars = this.#chars.vector(charGrams(contentText(text)).filter((g) => g.length > 1));
      const answerWords = this.#words.vector(contentWords(text));
      this.#answerChars.add(d, chars);
      this.#answerWords.add(d, answerWords);
    });
    this.#bm25 = new Bm25(words.map((w) => w.flat()));
    // The answer's sentences are examples of their FAQ too: they name what it is about in words no
    // phrasing may use (验证码, 芯片), and the classifier learns them as it learns the phrasings.
    const answerExamples = docs.flatMap((doc, d) =>
      this.prepare(doc.answer ?? '')
        .split(/[。;!?\n]/)
        .filter((sentence) => sentence.trim().length >= 4)
        .map((sentence) => ({
          features: joint(this.#chars.vector(charGrams(sentence)), this.#words.vector(contentWords(sentence))),
          label: d,
        })),
    );
    // Each FAQ weighs the same in training whatever its number of phrasings: an FAQ with twenty
    // (several merged) would otherwise draw its neighbours' questions.
    const unitsOf = new Array<number>(docs.length).fill(0);
    for (const u of this.#units) unitsOf[u.doc] = (unitsOf[u.doc] as number) + 1;
    const meanUnits = this.#units.length / Math.max(1, docs.length);
    this.#classifier = new SoftmaxModel(
      [
        ...this.#units.map((u) => ({
          features: joint(u.chars, u.words),
          label: u.doc,
          weight: meanUnits / (unitsOf[u.doc] as number),
        })),
        ...answerExamples,
      ],
      docs.length,
    );
    this.#nb = new NaiveBayes(
      docs.map((doc, d) => [
        ...(prepared[d] as string[]).map((t) => ({ features: nbFeatures(t), weight: 1 })),
        ...this.prepare(doc.answer ?? '')
          .split(/[。;!?\n]/)
          .filter((sentence) => sentence.trim().length >= 4)
          .map((sentence) => ({ features: nbFeatures(sentence), weight: NB_ANSWER })),
      ]),
    );
    const byIntent = new Map<string, number[]>();
    docs.forEach((d, i) => {
      if (!d.intent) return;
      const list = byIntent.get(d.intent) ?? [];
      list.push(i);
      byIntent.set(d.intent, list);
    });
    this.#siblings = docs.map((d, i) => (d.intent ? (byIntent.get(d.intent) ?? []).filter((j) => j !== i) : []));
    // What sets an FAQ apart from its siblings: the words and character pairs its phrasings use and no
    // sibling's do (失败, 不了 for "activation failed"; 进度 for "application status").
    const vocab = prepared.map((texts, d) => new Set([...(words[d] as string[][]).flat(), ...texts.flatMap(bigrams)]));
    this.#distinct = vocab.map((own, d) => {
      const rivals = (this.#siblings[d] as number[]).map((s) => vocab[s] as Set<string>);
      return new Set([...own].filter((f) => !rivals.some((r) => r.has(f))));
    });
  }

  prepare(text: string): string {
    return this.#synonyms.expand(fold(text));
  }

  /** Whether two FAQs answer the same intent (siblings). */
  siblings(a: string, b: string): boolean {
    const i = this.docs.findIndex((d) => d.id === a);
    const j = this.docs.findIndex((d) => d.id === b);
    return i >= 0 && j >= 0 && (this.#siblings[i] ?? []).includes(j);
  }

  /** Every FAQ's signals for a question (the ranker's features and the absolute fit). */
  signals(question: string, intent?: IntentGuess): QuestionSignals {
    const n = this.docs.length;
    const text = this.prepare(question);
    const words = contentWords(text);
    const qChars = this.#chars.vector(charGrams(text));
    const qWords = this.#words.vector(words);

    const unitChars = new Float64Array(this.#units.length);
    const unitWords = new Float64Array(this.#units.length);
    this.#charPostings.dot(qChars, unitChars);
    this.#wordPostings.dot(qWords, unitWords);
    const nearest = new Float64Array(n);
    const nearestChars = new Float64Array(n);
    const nearestWords = new Float64Array(n);
    this.#units.forEach((unit, u) => {
      const c = unitChars[u] as number;
      const w = unitWords[u] as number;
      const both = CHAR_SHARE * c + WORD_SHARE * w;
      if (both > (nearest[unit.doc] as number)) nearest[unit.doc] = both;
      if (c > (nearestChars[unit.doc] as number)) nearestChars[unit.doc] = c;
      if (w > (nearestWords[unit.doc] as number)) nearestWords[unit.doc] = w;
    });
    const answerChars = new Float64Array(n);
    const answerWords = new Float64Array(n);
    this.#answerChars.dot(qChars, answerChars);
    this.#answerWords.dot(qWords, answerWords);
    const centroidChars = new Float64Array(n);
    const centroidWords = new Float64Array(n);
    this.#centroidChars.dot(qChars, centroidChars);
    this.#centroidWords.dot(qWords, centroidWords);

    const weights = words.map((w) => this.#words.idf(w));
    const total = weights.reduce((a, b) => a + b, 0);
    const bm25 = this.#bm25.scores(words);
    let bestBm25 = 0;
    for (const s of bm25) if (s > bestBm25) bestBm25 = s;
    const classifier = n > 0 ? this.#classifier.probabilities(joint(qChars, qWords)) : new Float64Array(0);

    const rows = new Float64Array(n * RANK_DIM);
    const fit = new Float64Array(n);
    const similarity = new Float64Array(n);
    const coverage = new Float64Array(n);
    const intentP = new Float64Array(n);
    const lexical = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      const doc = this.docs[d] as FaqDoc;
      const whole = CHAR_SHARE * (centroidChars[d] as number) + WORD_SHARE * (centroidWords[d] as number);
      const sim = NEAREST_SHARE * (nearest[d] as number) + (1 - NEAREST_SHARE) * whole;
      const have = this.#docWords[d] as Set<string>;
      const covered = words.reduce((sum, w, i) => (have.has(w) ? sum + (weights[i] as number) : sum), 0);
      const cov = total > 0 ? covered / total : 0;
      const p = doc.intent && intent ? (intent.get(doc.intent) ?? 0) : 0;
      const clf = classifier[d] as number;
      const lex = FIT_WEIGHTS.similarity * sim + FIT_WEIGHTS.coverage * cov;
      const blended = (1 - FIT_WEIGHTS.classifier) * lex + FIT_WEIGHTS.classifier * clf;
      // Without an intent view the lexical score stands alone; with one, it is blended in.
      fit[d] = Math.min(1, intent ? (1 - FIT_WEIGHTS.intent) * blended + FIT_WEIGHTS.intent * p : blended);
      similarity[d] = sim;
      coverage[d] = cov;
      intentP[d] = p;
      lexical[d] = lex;
      const row = d * RANK_DIM;
      rows[row + F.nearest] = nearest[d] as number;
      rows[row + F.nearestChars] = nearestChars[d] as number;
      rows[row + F.nearestWords] = nearestWords[d] as number;
      rows[row + F.centroidChars] = centroidChars[d] as number;
      rows[row + F.centroidWords] = centroidWords[d] as number;
      rows[row + F.coverage] = cov;
      rows[row + F.answerChars] = answerChars[d] as number;
      rows[row + F.answerWords] = answerWords[d] as number;
      rows[row + F.bm25] = bestBm25 > 0 ? (bm25[d] as number) / bestBm25 : 0;
      rows[row + F.classifier] = clf;
      rows[row + F.classifierLog] = logScaled(clf);
      rows[row + F.intent] = p;
      rows[row + F.intentLog] = intent ? logScaled(p) : 0;
    }
    const nb = this.#nb.scores(nbFeatures(text));
    for (let d = 0; d < n; d++) rows[d * RANK_DIM + F.naiveBayes] = nb[d] as number;
    const qFeatures = [...new Set([...words, ...bigrams(text)])];
    const own = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      const set = this.#distinct[d] as Set<string>;
      own[d] = qFeatures.length > 0 ? qFeatures.filter((f) => set.has(f)).length / qFeatures.length : 0;
    }
    for (let d = 0; d < n; d++) {
      let rival = 0;
      for (const s of this.#siblings[d] as number[]) rival = Math.max(rival, own[s] as number);
      rows[d * RANK_DIM + F.distinct] = own[d] as number;
      rows[d * RANK_DIM + F.rivalDistinct] = rival;
    }
    for (let d = 0; d < n; d++) {
      let lexSib = 0;
      let clfSib = 0;
      for (const s of this.#siblings[d] as number[]) {
        lexSib = Math.max(lexSib, lexical[s] as number);
        clfSib = Math.max(clfSib, classifier[s] as number);
      }
      rows[d * RANK_DIM + F.siblingMargin] = (lexical[d] as number) - lexSib;
      rows[d * RANK_DIM + F.siblingClassifierMargin] = (classifier[d] as number) - clfSib;
    }
    return { rows, fit, similarity, coverage, intent: intentP };
  }

  /**
   * The best `limit` FAQs for a question, most probable first, and the question's best absolute fit to
   * any FAQ (what "none" is decided on: a question can be close to no FAQ even when one is likelier
   * than the rest).
   */
  rank(question: string, options: RankOptions = {}): Ranking {
    const s = this.signals(question, options.intent);
    const probability = softmaxInPlace(linearScores(s.rows, options.weights ?? DEFAULT_RANKER));
    const candidates: Candidate[] = this.docs.map((doc, d) => ({
      id: doc.id,
      score: s.fit[d] as number,
      probability: probability[d] as number,
      similarity: s.similarity[d] as number,
      coverage: s.coverage[d] as number,
      intent: doc.intent,
      intentAgrees: (s.intent[d] as number) >= 0.5,
    }));
    candidates.sort((a, b) => b.probability - a.probability || (a.id < b.id ? -1 : 1));
    return { fit: bestFit(s), candidates: candidates.slice(0, options.limit ?? 3) };
  }
}

export interface RankOptions {
  limit?: number;
  intent?: IntentGuess | undefined;
  weights?: RankerWeights | undefined;
}

export interface Ranking {
  fit: number;
  candidates: Candidate[];
}

export function bestFit(s: QuestionSignals): number {
  let best = 0;
  for (const v of s.fit) if (v > best) best = v;
  return best;
}

/** Character pairs inside runs of Chinese characters. */
function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\u3400-\u9fff]{2,}/g)) {
    for (let i = 0; i + 2 <= m[0].length; i++) out.push(`b${m[0].slice(i, i + 2)}`);
  }
  return out;
}

/** Both feature blocks in one map, weighted as in the similarity. */
function joint(chars: Sparse, words: Sparse): Features {
  const out = new Map<string, number>();
  for (const [f, w] of chars) out.set(`c${f}`, CHAR_SHARE * w);
  for (const [f, w] of words) out.set(`w${f}`, WORD_SHARE * w);
  return out;
}

/** An answer sentence counts a fifth of a phrasing; additive smoothing per feature (a twentieth of a count). */
const NB_ANSWER = 0.2;
const NB_ALPHA = 0.05;

/** Character unigrams and bigrams and the content words of a text, each once. */
function nbFeatures(text: string): string[] {
  return [...new Set([...charGrams(text, 2), ...contentWords(text).map((w) => `w${w}`)])];
}

/**
 * Multinomial naive Bayes over the FAQs, each phrasing (and, weighted lightly, each answer sentence) one
 * bag of features. With a handful of examples per class it generalises differently from the logistic
 * classifier: every feature an FAQ's phrasings share with the question counts, however often the
 * classifier has already seen it separate the FAQs.
 */
class NaiveBayes {
  /** feature → [FAQ, log((count + α) / α)] for the FAQs that use it; the others share log α. */
  readonly #postings = new Map<string, Array<[number, number]>>();
  /** Per FAQ: log(total count + α · vocabulary). */
  readonly #denominators: Float64Array;

  constructor(docs: ReadonlyArray<ReadonlyArray<{ features: readonly string[]; weight: number }>>) {
    const totals: number[] = [];
    docs.forEach((examples, d) => {
      const counts = new Map<string, number>();
      let total = 0;
      for (const { features, weight } of examples) {
        for (const f of features) {
          counts.set(f, (counts.get(f) ?? 0) + weight);
          total += weight;
        }
      }
      totals.push(total);
      for (const [f, c] of counts) {
        const entry: [number, number] = [d, Math.log((c + NB_ALPHA) / NB_ALPHA)];
        const list = this.#postings.get(f);
        if (list) list.push(entry);
        else this.#postings.set(f, [entry]);
      }
    });
    const v = this.#postings.size;
    this.#denominators = Float64Array.from(totals, (t) => Math.log(t + NB_ALPHA * v));
  }

  /**
   * Per FAQ: the question's log-likelihood per known feature, each feature weighted by its inverse
   * document frequency over the FAQs (a character every FAQ uses says little about which one is asked),
   * less the best FAQ's (≤ 0).
   */
  scores(features: readonly string[]): Float64Array {
    const n = this.#denominators.length;
    const out = new Float64Array(n);
    let total = 0;
    for (const f of features) {
      const list = this.#postings.get(f);
      if (!list) continue;
      const weight = Math.log((n + 1) / (list.length + 1)) + 1;
      total += weight;
      for (const [d, gain] of list) out[d] = (out[d] as number) + weight * gain;
    }
    if (total === 0) return out;
    // log α per feature is the same for every FAQ and drops out with the best FAQ's score.
    let best = -Infinity;
    for (let d = 0; d < n; d++) {
      out[d] = (out[d] as number) / total - (this.#denominators[d] as number);
      if ((out[d] as number) > best) best = out[d] as number;
    }
    for (let d = 0; d < n; d++) out[d] = (out[d] as number) - best;
    return out;
  }
}
