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
import { charGrams } from '../features.ts';
import type { FaqDoc } from '../matcher.ts';
import { Postings, Space } from '../vectors.ts';
import { type Analysed, analyse, type IdfTable, PAIR_DIM, PAIR_FEATURES, pairFeatures } from './features.ts';

const PRODUCT_DIFFERS = PAIR_FEATURES.indexOf('productDiffers');

import { Encoder, type EncoderWeights } from './encoder.ts';
import { Perceptron, type PerceptronWeights } from './model.ts';

/** The shipped file (`carddesk kb train-matcher` writes it). */
export const PAIR_MODEL_FILE = 'data/knowledge/pair-model.json';

export interface PairModelFile {
  version: 2;
  features: string[];
  scorer: PerceptronWeights;
  /**
   * Logistic weights from `calibrationInputs` of a ranking to P(its first FAQ is the right answer),
   * learnt on questions the scorer was not trained on.
   */
  calibration: number[];
  /** "None" below this probability for the best FAQ. */
  threshold: number;
  /** Phrasings the lexical retrieval passes to the scorer. */
  candidates: number;
  /** IDF per feature ('c:' character, 'b:' character pair, 'w:' word), rounded; rarer ones take `unseen`. */
  idf: Record<string, number>;
  unseen: number;
  meanWords: number;
  /** Learnt word associations (features.ts `IdfTable.associations`). */
  associations: Record<string, number>;
  /** The learnt sentence encoder (encoder.ts). */
  encoder: EncoderWeights;
  /** Weight of the encoder's cosine against the lexical cosine when retrieval picks the candidates. */
  denseWeight: number;
  trainedOn: Record<string, number | string>;
}

export class PairModel {
  readonly table: IdfTable;
  readonly scorer: Perceptron;
  readonly threshold: number;
  readonly candidates: number;
  readonly file: PairModelFile;

  constructor(file: PairModelFile) {
    if (file.version !== 2 || file.features.join() !== PAIR_FEATURES.join()) {
      throw new Error('pair model: made for another feature set; run `carddesk kb train-matcher`');
    }
    this.file = file;
    this.table = {
      idf: new Map(Object.entries(file.idf)),
      unseen: file.unseen,
      meanWords: file.meanWords,
      associations: new Map(Object.entries(file.associations)),
      encoder: Encoder.fromWeights(file.encoder),
    };
    this.scorer = new Perceptron(file.scorer);
    this.threshold = file.threshold;
    this.candidates = file.candidates;
  }

  /** The scorer's output for a pair (ranks candidates). */
  score(a: Analysed, b: Analysed, retrieval: number, scratch = new Float64Array(PAIR_DIM)): number {
    return this.scorer.logit(pairFeatures(a, b, this.table, retrieval, scratch));
  }

  /** The calibrated probability that a ranking's first FAQ is the right answer. */
  probability(candidates: ReadonlyArray<Pick<RawCandidate, 'score' | 'productDiffers'>>): number {
    const x = calibrationInputs(candidates);
    return 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * (this.file.calibration[i] ?? 0), 0)));
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

interface RawCandidate {
  readonly score: number;
  /** The question names another product (a loan, a fund) that the FAQ does not, or the other way round. */
  readonly productDiffers: boolean;
}

/** What "none" is learnt on: 1, the first FAQ's score, its lead over the second, a product named by one only. */
export function calibrationInputs(candidates: ReadonlyArray<Pick<RawCandidate, 'score' | 'productDiffers'>>): number[] {
  const [first, second] = candidates;
  if (!first) return [1, -20, 0, 1];
  return [1, first.score, second ? Math.min(5, first.score - second.score) : 5, first.productDiffers ? 1 : 0];
}

export interface PairCandidate extends RawCandidate {
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

/**
 * Lexical retrieval: character 1–2-gram TF-IDF cosine (IDF over the texts at hand) through an inverted
 * index, synonyms expanded. What hands candidates to the scorer, and the baseline it is measured against.
 */
export class Retrieval {
  readonly #synonyms: SynonymTable;
  readonly #space = new Space();
  readonly #postings = new Postings();
  readonly size: number;

  constructor(texts: readonly string[], synonyms: SynonymTable) {
    this.#synonyms = synonyms;
    const grams = texts.map((t) => this.#grams(t));
    for (const g of grams) this.#space.add(g);
    grams.forEach((g, i) => {
      this.#postings.add(i, this.#space.vector(g));
    });
    this.size = texts.length;
  }

  #grams(text: string): string[] {
    return charGrams(this.#synonyms.expand(fold(text)), 2);
  }

  /** Cosine of a question with every text. */
  scores(question: string): Float64Array {
    const out = new Float64Array(this.size);
    this.#postings.dot(this.#space.vector(this.#grams(question)), out);
    return out;
  }

  cosine(a: string, b: string): number {
    const va = this.#space.vector(this.#grams(a));
    const vb = this.#space.vector(this.#grams(b));
    let dot = 0;
    for (const [f, w] of va) dot += w * (vb.get(f) ?? 0);
    return dot;
  }

  /** The `k` closest texts as [index, cosine], best first (ties by index). */
  top(question: string, k: number): Array<[number, number]> {
    const s = this.scores(question);
    const best: Array<[number, number]> = [];
    for (let i = 0; i < s.length; i++) {
      const x = s[i] as number;
      if (x <= 0) continue;
      if (best.length === k && x <= (best[k - 1] as [number, number])[1]) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1] as [number, number])[1] < x) at--;
      best.splice(at, 0, [i, x]);
      if (best.length > k) best.pop();
    }
    return best;
  }
}

/** The texts' encoder vectors in one array, row after row (null without an encoder). */
export function denseMatrix(vectors: ReadonlyArray<Float32Array | null>): Float32Array | null {
  const dim = vectors[0]?.length ?? 0;
  if (dim === 0) return null;
  const out = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => {
    if (v) out.set(v, i * dim);
  });
  return out;
}

/**
 * The candidates retrieval hands the scorer: the `k` texts best by `w` × the encoder's cosine + (1 − `w`)
 * × the lexical cosine, best first, each with its lexical cosine (what the scorer's retrieval feature is).
 * Texts with neither any shared character nor an encoder vector are never candidates.
 */
export function hybridTop(
  lexical: Float64Array,
  dense: Float32Array | null,
  question: Float32Array | null,
  w: number,
  k: number,
): Array<[number, number]> {
  const n = lexical.length;
  const dim = question?.length ?? 0;
  const useDense = dense !== null && question !== null && dim > 0 && w > 0;
  const best: Array<[number, number, number]> = [];
  for (let i = 0; i < n; i++) {
    const lex = lexical[i] as number;
    let x = lex;
    if (useDense) {
      let d = 0;
      const base = i * dim;
      for (let c = 0; c < dim; c++) d += (question[c] as number) * (dense[base + c] as number);
      x = w * d + (1 - w) * lex;
    } else if (lex <= 0) continue;
    if (best.length === k && x <= (best[k - 1] as [number, number, number])[2]) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1] as [number, number, number])[2] < x) at--;
    best.splice(at, 0, [i, lex, x]);
    if (best.length > k) best.pop();
  }
  return best.map(([i, lex]) => [i, lex]);
}

export class PairMatcher {
  readonly docs: readonly FaqDoc[];
  readonly #model: PairModel;
  readonly #synonyms: SynonymTable;
  readonly #retrieval: Retrieval;
  readonly #units: Unit[] = [];
  readonly #dense: Float32Array | null;

  constructor(docs: readonly FaqDoc[], synonyms: SynonymTable, model: PairModel) {
    this.docs = docs;
    this.#model = model;
    this.#synonyms = synonyms;
    const texts: string[] = [];
    docs.forEach((d, doc) => {
      for (const t of new Set([d.title, ...d.questions])) {
        texts.push(t);
        this.#units.push({ doc, analysed: analyse(t, synonyms, model.table) });
      }
    });
    this.#retrieval = new Retrieval(texts, synonyms);
    this.#dense = denseMatrix(this.#units.map((u) => u.analysed.embedding));
  }

  /**
   * What retrieval alone returns: FAQ ids in the order of their best phrasing by `denseWeight` × the
   * encoder's cosine + the rest × the lexical cosine (the model's weight unless given), from the first
   * `k` phrasings. For measuring the parts (the benchmark), not for serving.
   */
  retrieved(question: string, k: number, denseWeight = this.#model.file.denseWeight): string[] {
    const q = analyse(question, this.#synonyms, this.#model.table);
    const picked = hybridTop(this.#retrieval.scores(question), this.#dense, q.embedding, denseWeight, k);
    return [...new Set(picked.map(([u]) => (this.docs[(this.#units[u] as Unit).doc] as FaqDoc).id))];
  }

  rank(question: string, limit = 3): PairRanking {
    const q = analyse(question, this.#synonyms, this.#model.table);
    const best = new Map<number, { score: number; productDiffers: boolean }>();
    const scratch = new Float64Array(PAIR_DIM);
    const lexical = this.#retrieval.scores(question);
    const picked = hybridTop(lexical, this.#dense, q.embedding, this.#model.file.denseWeight, this.#model.candidates);
    for (const [u, cos] of picked) {
      const unit = this.#units[u] as Unit;
      const score = this.#model.score(q, unit.analysed, cos, scratch);
      if (score > (best.get(unit.doc)?.score ?? -Infinity)) {
        best.set(unit.doc, { score, productDiffers: scratch[PRODUCT_DIFFERS] === 1 });
      }
    }
    const ranked = [...best].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
    const raw = ranked.map(([, c]) => c);
    // The first FAQ's probability is the calibrated one; each next one's is taken on the ranking as if
    // the FAQs above it were absent (its own score, its lead over the one after it).
    const candidates = ranked.slice(0, limit).map(([d, c], i) => {
      const doc = this.docs[d] as FaqDoc;
      return {
        id: doc.id,
        score: c.score,
        productDiffers: c.productDiffers,
        probability: this.#model.probability(raw.slice(i)),
        intent: doc.intent,
      };
    });
    return { best: candidates[0]?.probability ?? 0, candidates };
  }
}
