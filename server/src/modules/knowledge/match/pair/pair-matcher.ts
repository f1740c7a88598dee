/**
 * FAQ matching for a bank's own FAQ base, one question per FAQ (or a few), with nothing learnt from it:
 * fast lexical retrieval (character 1–2-gram TF-IDF cosine over every FAQ's title and phrasings, through
 * an inverted index) picks the closest phrasings, and the pair scorer learnt from real customer question
 * pairs re-ranks them by P(same meaning). An FAQ scores as its best phrasing; when the best FAQ's
 * probability is under the scorer's calibrated threshold the answer is "none".
 *
 * Nothing here depends on which FAQs are served: no per-FAQ prior, no weight learnt from the content.
 */
import { readFileSync } from 'node:fs';
import { serverFile } from '../../../../paths.ts';
import type { SynonymTable } from '../../search/query.ts';
import { fold } from '../../text/fold.ts';
import type { IntentsOf } from '../calibrate.ts';
import { charGrams } from '../features.ts';
import type { FaqDoc } from '../matcher.ts';
import { Postings, Space } from '../vectors.ts';
import { type Analysed, analyse, type IdfTable, PAIR_DIM, PAIR_FEATURES, pairFeatures } from './features.ts';
import { Perceptron, type PerceptronWeights } from './model.ts';

/** The shipped file (`carddesk kb train-matcher` writes it). */
export const PAIR_MODEL_FILE = 'data/knowledge/pair-model.json';

export interface PairModelFile {
  version: 1;
  features: string[];
  scorer: PerceptronWeights;
  /** "None" below this probability for the best FAQ. */
  threshold: number;
  /** Phrasings the lexical retrieval passes to the scorer. */
  candidates: number;
  /** IDF per feature ('c:' character, 'b:' character pair, 'w:' word), rounded; rarer ones take `unseen`. */
  idf: Record<string, number>;
  unseen: number;
  meanWords: number;
  trainedOn: Record<string, number | string>;
}

export class PairModel {
  readonly table: IdfTable;
  readonly scorer: Perceptron;
  readonly threshold: number;
  readonly candidates: number;
  readonly file: PairModelFile;

  constructor(file: PairModelFile) {
    if (file.version !== 1 || file.features.join() !== PAIR_FEATURES.join()) {
      throw new Error('pair model: made for another feature set; run `carddesk kb train-matcher`');
    }
    this.file = file;
    this.table = { idf: new Map(Object.entries(file.idf)), unseen: file.unseen, meanWords: file.meanWords };
    this.scorer = new Perceptron(file.scorer);
    this.threshold = file.threshold;
    this.candidates = file.candidates;
  }

  probability(a: Analysed, b: Analysed, retrieval: number, scratch = new Float64Array(PAIR_DIM)): number {
    return this.scorer.probability(pairFeatures(a, b, this.table, retrieval, scratch));
  }
}

let shipped: PairModel | undefined;

/** The shipped pair model, read once. */
export function shippedPairModel(): PairModel {
  if (!shipped) {
    shipped = new PairModel(JSON.parse(readFileSync(serverFile(PAIR_MODEL_FILE), 'utf8')) as PairModelFile);
  }
  return shipped;
}

export interface PairCandidate {
  readonly id: string;
  /** P(the question means the same as this FAQ's closest phrasing). */
  readonly probability: number;
  readonly intent: string | null;
}

export interface PairRanking {
  /** The best FAQ's probability (what "none" is decided on). */
  best: number;
  candidates: PairCandidate[];
}

interface Unit {
  doc: number;
  analysed: Analysed;
}

export class PairMatcher {
  readonly docs: readonly FaqDoc[];
  readonly #model: PairModel;
  readonly #synonyms: SynonymTable;
  readonly #intentsOf: IntentsOf;
  readonly #space = new Space();
  readonly #postings = new Postings();
  readonly #units: Unit[] = [];

  constructor(docs: readonly FaqDoc[], synonyms: SynonymTable, model: PairModel, intentsOf: IntentsOf) {
    this.docs = docs;
    this.#model = model;
    this.#synonyms = synonyms;
    this.#intentsOf = intentsOf;
    const texts = docs.map((d) => [...new Set([d.title, ...d.questions])]);
    const grams = texts.map((ts) => ts.map((t) => this.#grams(t)));
    for (const gs of grams.flat()) this.#space.add(gs);
    texts.forEach((ts, d) => {
      ts.forEach((t, i) => {
        const u = this.#units.push({ doc: d, analysed: analyse(t, synonyms, model.table, intentsOf(t)) }) - 1;
        this.#postings.add(u, this.#space.vector((grams[d] as string[][])[i] as string[]));
      });
    });
  }

  #grams(text: string): string[] {
    return charGrams(this.#synonyms.expand(fold(text)), 2);
  }

  rank(question: string, limit = 3): PairRanking {
    const lexical = new Float64Array(this.#units.length);
    this.#postings.dot(this.#space.vector(this.#grams(question)), lexical);
    const picked: number[] = [];
    for (let u = 0; u < lexical.length; u++) if ((lexical[u] as number) > 0) picked.push(u);
    picked.sort((a, b) => (lexical[b] as number) - (lexical[a] as number) || a - b);
    const q = analyse(question, this.#synonyms, this.#model.table, this.#intentsOf(question));
    const best = new Map<number, number>();
    const scratch = new Float64Array(PAIR_DIM);
    for (const u of picked.slice(0, this.#model.candidates)) {
      const unit = this.#units[u] as Unit;
      const p = this.#model.probability(q, unit.analysed, lexical[u] as number, scratch);
      if (p > (best.get(unit.doc) ?? -1)) best.set(unit.doc, p);
    }
    const candidates = [...best]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([d, p]) => {
        const doc = this.docs[d] as FaqDoc;
        return { id: doc.id, probability: p, intent: doc.intent };
      });
    return { best: candidates[0]?.probability ?? 0, candidates };
  }
}
