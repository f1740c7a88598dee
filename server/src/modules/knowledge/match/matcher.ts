/**
 * Matches a customer's question to the published FAQs. Each FAQ has several phrasings; a question is
 * scored against every phrasing with TF-IDF cosine over character n-grams and words, and against the FAQ
 * as a whole by how much of the question's content it covers. The best phrasing and the coverage combine
 * into one score in [0, 1]; a learnt threshold on that score decides "none of these" (see calibrate.ts).
 * Pure and in memory: built from the served FAQs, rebuilt when they change.
 */
import type { SynonymTable } from '../search/query.ts';
import { fold } from '../text/fold.ts';
import { charGrams, contentText, contentWords } from './features.ts';
import { type Features, SoftmaxModel } from './softmax.ts';

export interface FaqDoc {
  readonly id: string;
  readonly title: string;
  readonly questions: readonly string[];
  readonly intent: string | null;
}

export interface Candidate {
  readonly id: string;
  readonly score: number;
  /** Cosine similarity to the closest phrasing. */
  readonly similarity: number;
  /** Share of the question's content (IDF-weighted words) found in the FAQ's phrasings. */
  readonly coverage: number;
  readonly intentAgrees: boolean;
}

/**
 * The intent classifier's view of the question: probability per intent (the NLU's best guesses). An FAQ
 * gains in proportion to the probability of its own intent, so "我的卡年费多少钱" leans to the annual-fee
 * FAQ rather than to the limit FAQ that shares 多少钱.
 */
export type IntentGuess = ReadonlyMap<string, number>;

/**
 * How the signals combine, chosen on the seed FAQs' leave-one-phrasing-out runs (bench/kb): lexical =
 * half (0.7 similarity + 0.3 coverage), half the phrasing-trained model's probability; similarity = 0.2
 * best phrasing + 0.8 the FAQ's centroid, characters 0.6 and words 0.4 inside each; the NLU's
 * probability of the FAQ's intent then weighs 0.3.
 */
export const WEIGHTS = { similarity: 0.7, coverage: 0.3, model: 0.5, intent: 0.3 } as const;
const CHAR_SHARE = 0.6;
const WORD_SHARE = 1 - CHAR_SHARE;
const MAX_SHARE = 0.2;

type Sparse = Map<string, number>;

class Space {
  readonly df = new Map<string, number>();
  n = 0;
  add(features: Iterable<string>): void {
    this.n++;
    for (const f of new Set(features)) this.df.set(f, (this.df.get(f) ?? 0) + 1);
  }
  idf(f: string): number {
    // Unknown features weigh like the rarest: a question full of words no FAQ uses is far from all of them.
    return Math.log((1 + this.n) / (1 + (this.df.get(f) ?? 0))) + 1;
  }
  vector(features: readonly string[]): Sparse {
    const tf = new Map<string, number>();
    for (const f of features) tf.set(f, (tf.get(f) ?? 0) + 1);
    const v: Sparse = new Map();
    let norm = 0;
    for (const [f, c] of tf) {
      const w = (1 + Math.log(c)) * this.idf(f);
      v.set(f, w);
      norm += w * w;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [f, w] of v) v.set(f, w * scale);
    return v;
  }
}

interface Unit {
  doc: number;
  chars: Sparse;
  words: Sparse;
}

export class FaqMatcher {
  readonly docs: readonly FaqDoc[];
  readonly #synonyms: SynonymTable;
  readonly #chars = new Space();
  readonly #words = new Space();
  readonly #units: Unit[] = [];
  /** feature → units that have it, with the unit's weight (an inverted index, so scoring touches few units). */
  readonly #charPostings = new Map<string, Array<[number, number]>>();
  readonly #wordPostings = new Map<string, Array<[number, number]>>();
  readonly #docWords: Array<Set<string>> = [];
  readonly #model: SoftmaxModel;
  /** Per FAQ: the normalised sum of its phrasings' vectors, in which the words they share weigh most. */
  readonly #centroidPostings = new Map<string, Array<[number, number]>>();

  constructor(docs: readonly FaqDoc[], synonyms: SynonymTable) {
    this.docs = docs;
    this.#synonyms = synonyms;
    const prepared = docs.map((d) => [d.title, ...d.questions].map((t) => this.prepare(t)));
    // Document frequency counts FAQs, not phrasings: a word every phrasing of one FAQ repeats (自动还款)
    // is what makes that FAQ distinct, and must not lose weight for being repeated.
    for (const texts of prepared) {
      this.#chars.add(texts.flatMap((t) => charGrams(contentText(t))));
      this.#words.add(texts.flatMap((t) => contentWords(t)));
    }
    prepared.forEach((texts, doc) => {
      const all = new Set<string>();
      for (const t of texts) {
        const words = contentWords(t);
        for (const w of words) all.add(w);
        const unit: Unit = {
          doc,
          chars: this.#chars.vector(charGrams(contentText(t))),
          words: this.#words.vector(words),
        };
        const u = this.#units.push(unit) - 1;
        for (const [f, w] of unit.chars) push(this.#charPostings, f, [u, w]);
        for (const [f, w] of unit.words) push(this.#wordPostings, f, [u, w]);
      }
      this.#docWords.push(all);
      const sum = new Map<string, number>();
      for (const unit of this.#units.filter((x) => x.doc === doc)) {
        for (const [f, w] of unit.chars) sum.set(`c${f}`, (sum.get(`c${f}`) ?? 0) + CHAR_SHARE * w);
        for (const [f, w] of unit.words) sum.set(`w${f}`, (sum.get(`w${f}`) ?? 0) + WORD_SHARE * w);
      }
      const norm = Math.sqrt([...sum.values()].reduce((a, w) => a + w * w, 0)) || 1;
      for (const [f, w] of sum) push(this.#centroidPostings, f, [doc, w / norm]);
    });
    this.#model = new SoftmaxModel(
      this.#units.map((u) => ({ features: joint(u.chars, u.words), label: u.doc })),
      docs.length,
    );
  }

  prepare(text: string): string {
    return this.#synonyms.expand(fold(text));
  }

  /** The best `limit` FAQs for a question, best first, with their scores. */
  rank(question: string, limit = 3, intent?: IntentGuess): Candidate[] {
    const text = this.prepare(question);
    const words = contentWords(text);
    const qChars = this.#chars.vector(charGrams(contentText(text)));
    const qWords = this.#words.vector(words);
    const sims = new Float64Array(this.#units.length);
    // Characters carry most of the signal in short Chinese questions; words add the topic.
    const charPart = CHAR_SHARE;
    const wordPart = WORD_SHARE;
    for (const [f, w] of qChars) {
      for (const [u, x] of this.#charPostings.get(f) ?? []) sims[u] = (sims[u] ?? 0) + charPart * w * x;
    }
    for (const [f, w] of qWords) {
      for (const [u, x] of this.#wordPostings.get(f) ?? []) sims[u] = (sims[u] ?? 0) + wordPart * w * x;
    }
    // Against each FAQ as a whole (its centroid), with the question vector scaled to unit length.
    const centroid = new Float64Array(this.docs.length);
    let qNorm = 0;
    for (const [, w] of qChars) qNorm += (charPart * w) ** 2;
    for (const [, w] of qWords) qNorm += (wordPart * w) ** 2;
    const qScale = qNorm > 0 ? 1 / Math.sqrt(qNorm) : 0;
    for (const [f, w] of qChars) {
      for (const [d, x] of this.#centroidPostings.get(`c${f}`) ?? []) {
        centroid[d] = (centroid[d] ?? 0) + qScale * charPart * w * x;
      }
    }
    for (const [f, w] of qWords) {
      for (const [d, x] of this.#centroidPostings.get(`w${f}`) ?? []) {
        centroid[d] = (centroid[d] ?? 0) + qScale * wordPart * w * x;
      }
    }
    const probs = this.docs.length > 0 ? this.#model.probabilities(joint(qChars, qWords)) : new Float64Array(0);
    const best = new Float64Array(this.docs.length);
    this.#units.forEach((unit, u) => {
      if ((sims[u] as number) > (best[unit.doc] as number)) best[unit.doc] = sims[u] as number;
    });
    const wordWeights = words.map((w) => this.#words.idf(w));
    const total = wordWeights.reduce((a, b) => a + b, 0);
    const out: Candidate[] = [];
    this.docs.forEach((doc, d) => {
      const similarity = MAX_SHARE * (best[d] as number) + (1 - MAX_SHARE) * (centroid[d] as number);
      if (similarity <= 0) return;
      const have = this.#docWords[d] as Set<string>;
      const covered = words.reduce((sum, w, i) => (have.has(w) ? sum + (wordWeights[i] as number) : sum), 0);
      const coverage = total > 0 ? covered / total : 0;
      const p = doc.intent && intent ? (intent.get(doc.intent) ?? 0) : 0;
      const intentAgrees = p >= 0.5;
      const lexical =
        (1 - WEIGHTS.model) * (WEIGHTS.similarity * similarity + WEIGHTS.coverage * coverage) +
        WEIGHTS.model * (probs[d] as number);
      // Without an intent view the lexical score stands alone; with one, it is blended in.
      const score = intent ? (1 - WEIGHTS.intent) * lexical + WEIGHTS.intent * p : lexical;
      out.push({ id: doc.id, score: Math.min(1, score), similarity, coverage, intentAgrees });
    });
    out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return out.slice(0, limit);
  }
}

function push(map: Map<string, Array<[number, number]>>, key: string, value: [number, number]): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Both feature blocks in one map, weighted as in the similarity. */
function joint(chars: Sparse, words: Sparse): Features {
  const out = new Map<string, number>();
  for (const [f, w] of chars) out.set(`c${f}`, CHAR_SHARE * w);
  for (const [f, w] of words) out.set(`w${f}`, WORD_SHARE * w);
  return out;
}
