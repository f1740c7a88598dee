/**
 * The real customer question pairs (`zh-customer/pairs.tsv` in the shared data folder beside the
 * repository) and the one fixed split the pair scorer and the benchmark both read.
 *
 * The split is decided by a seed before anything is trained: a share of the labelled pairs is held out,
 * the FAQ-retrieval benchmark is drawn only from them, and every pair that touches a sentence of the
 * benchmark is kept out of training as well (so no benchmark sentence, not only no benchmark pair, was
 * ever seen by the scorer). The rows are read from the data folder at run time and never copied into the
 * repository (their licence does not allow it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_ROOT } from '../../../../paths.ts';
import { mulberry32 } from '../../../../platform/random.ts';
import { bigramJaccard, bigramsOfFolded } from '../../../nlu/index.ts';
import { fold } from '../../text/fold.ts';

export interface LabelledPair {
  readonly a: string;
  readonly b: string;
  /** 1 = same meaning, 0 = different. */
  readonly label: 0 | 1;
  readonly source: string;
}

/** The shared data folder: `CARDDESK_SHARED_DATA`, else `../shared/data` beside the checkout; null when absent. */
export function sharedDataDir(): string | null {
  const candidates = [process.env.CARDDESK_SHARED_DATA, join(SERVER_ROOT, '..', '..', 'shared', 'data')];
  for (const dir of candidates) if (dir && existsSync(join(dir, 'zh-customer', 'pairs.tsv'))) return dir;
  return null;
}

function tsvRows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.replace(/\r$/, '').split('\t'));
}

/** The labelled pairs (rows without a label, or malformed, are skipped). */
export function readPairs(dir: string): LabelledPair[] {
  const out: LabelledPair[] = [];
  for (const cols of tsvRows(join(dir, 'zh-customer', 'pairs.tsv'))) {
    if (cols.length !== 4) continue;
    const [a = '', b = '', label, source = ''] = cols;
    if ((label !== '0' && label !== '1') || !a.trim() || !b.trim()) continue;
    out.push({ a: a.trim(), b: b.trim(), label: label === '1' ? 1 : 0, source });
  }
  return out;
}

/** General (non-banking) questions: unrelated material a card desk must answer "none". */
export function readGeneralQuestions(dir: string): string[] {
  return tsvRows(join(dir, 'zh-customer', 'general-questions.tsv'))
    .map((c) => (c[0] ?? '').trim())
    .filter(Boolean);
}

/** Other products of the source service, out of scope for a card desk (loans, funds, credit scores). */
export const OTHER_PRODUCTS = [
  '借呗',
  '余额宝',
  '网商贷',
  '微粒贷',
  '芝麻',
  '蚂蚁',
  '基金',
  '余利宝',
  '相互宝',
  '花呗',
];
export const mentionsOtherProduct = (text: string) => OTHER_PRODUCTS.some((p) => text.includes(p));

const isCardSource = (p: LabelledPair) => p.source.startsWith('atec') || p.source.startsWith('afqmc');

/** A fixed seeded shuffle (Fisher–Yates over mulberry32). */
export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A retrieval task: FAQs (one phrasing each), questions with the FAQ that answers them, and unrelated questions. */
export interface RetrievalTask {
  readonly faqs: ReadonlyArray<{ id: string; question: string }>;
  readonly queries: ReadonlyArray<{ question: string; id: string }>;
  /** General questions (nothing to do with cards). */
  readonly general: readonly string[];
  /** Customer questions about other products (loans, funds): out of scope for a card desk. */
  readonly otherProducts: readonly string[];
}

export interface TaskSize {
  answered: number;
  distractors: number;
  general: number;
  otherProducts: number;
}

export const BENCH_SIZE: TaskSize = { answered: 400, distractors: 400, general: 200, otherProducts: 200 };

/** FAQs of one task must not be near-twins of each other (a question would have two right answers). */
const FAQ_TWIN = 0.5;

/**
 * Builds a retrieval task from pairs: positive card-customer pairs give an FAQ (one side, chosen by the
 * seed) and its question (the other side); other card questions of the pool are distractor FAQs; general
 * questions and other-product questions must get "none". Every sentence is used once.
 */
export function buildTask(
  pool: readonly LabelledPair[],
  general: readonly string[],
  size: TaskSize,
  seed: number,
): RetrievalTask {
  const r = mulberry32(seed);
  const used = new Set<string>();
  const faqGrams: Array<Set<string>> = [];
  const key = (t: string) => fold(t).replace(/[^\p{L}\p{N}]/gu, '');
  const distinctFaq = (text: string) => {
    const g = bigramsOfFolded(fold(text));
    if (g.size === 0 || faqGrams.some((o) => bigramJaccard(g, o) >= FAQ_TWIN)) return false;
    faqGrams.push(g);
    return true;
  };
  const fresh = (...texts: string[]) => texts.every((t) => !used.has(key(t)));
  const take = (...texts: string[]) => {
    for (const t of texts) used.add(key(t));
  };
  const faqs: Array<{ id: string; question: string }> = [];
  const queries: Array<{ question: string; id: string }> = [];
  const cardPairs = shuffled(
    pool.filter((p) => isCardSource(p)),
    seed,
  );
  for (const p of cardPairs) {
    if (queries.length >= size.answered) break;
    if (p.label !== 1 || mentionsOtherProduct(p.a) || mentionsOtherProduct(p.b)) continue;
    if (key(p.a) === key(p.b) || !fresh(p.a, p.b)) continue;
    const [faq, question] = r() < 0.5 ? [p.a, p.b] : [p.b, p.a];
    if (!distinctFaq(faq)) continue;
    take(faq, question);
    const id = `faq-${faqs.length + 1}`;
    faqs.push({ id, question: faq });
    queries.push({ question, id });
  }
  const otherProducts: string[] = [];
  let distractors = 0;
  for (const p of cardPairs) {
    for (const t of [p.a, p.b]) {
      if (!fresh(t)) continue;
      if (mentionsOtherProduct(t)) {
        if (otherProducts.length < size.otherProducts) {
          take(t);
          otherProducts.push(t);
        }
      } else if (distractors < size.distractors && distinctFaq(t)) {
        take(t);
        distractors++;
        faqs.push({ id: `faq-${faqs.length + 1}`, question: t });
      }
    }
  }
  const generalPicked: string[] = [];
  for (const g of shuffled(general, seed + 1)) {
    if (generalPicked.length >= size.general) break;
    if (!fresh(g)) continue;
    take(g);
    generalPicked.push(g);
  }
  return { faqs, queries, general: generalPicked, otherProducts };
}

/** Every sentence a task uses (folded, punctuation dropped): none of them may be in training. */
export function taskSentences(task: RetrievalTask): Set<string> {
  const key = (t: string) => fold(t).replace(/[^\p{L}\p{N}]/gu, '');
  return new Set(
    [
      ...task.faqs.map((f) => f.question),
      ...task.queries.map((q) => q.question),
      ...task.general,
      ...task.otherProducts,
    ].map(key),
  );
}

/** The seed of the one split; changing it changes the benchmark. */
export const SPLIT_SEED = 20261207;
/** Share of the labelled pairs held out before training, the benchmark's pool. */
export const HELD_OUT_SHARE = 0.15;

export interface PairSplit {
  /** The pairs the scorer may learn from (no held-out pair, no pair touching a benchmark sentence). */
  train: LabelledPair[];
  /** The FAQ-retrieval benchmark, drawn from the held-out pairs only. */
  bench: RetrievalTask;
  /** General questions not in the benchmark (training material for "none"). */
  generalTrain: string[];
}

/** The fixed split: held-out pairs chosen by the seed first, the benchmark from them, training from the rest. */
export function splitPairs(pairs: readonly LabelledPair[], general: readonly string[]): PairSplit {
  const order = shuffled(
    pairs.map((_, i) => i),
    SPLIT_SEED,
  );
  const cut = Math.round(order.length * HELD_OUT_SHARE);
  const heldOut = new Set(order.slice(0, cut));
  const pool = pairs.filter((_, i) => heldOut.has(i));
  const generalOrder = shuffled(general, SPLIT_SEED);
  const generalCut = Math.round(generalOrder.length * HELD_OUT_SHARE);
  const bench = buildTask(pool, generalOrder.slice(0, generalCut), BENCH_SIZE, SPLIT_SEED);
  const banned = taskSentences(bench);
  const key = (t: string) => fold(t).replace(/[^\p{L}\p{N}]/gu, '');
  const train = pairs.filter((p, i) => !heldOut.has(i) && !banned.has(key(p.a)) && !banned.has(key(p.b)));
  const generalTrain = generalOrder.slice(generalCut).filter((g) => !banned.has(key(g)));
  return { train, bench, generalTrain };
}
