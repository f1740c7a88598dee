/**
 * What the pair scorer looks at when it asks whether two customer questions mean the same: character and
 * word overlap weighted by how rare a character or word is among customer questions (an IDF table learnt
 * with the scorer), BM25, edit distance and the longest common run, overlap after the synonym table has
 * put customers' words into the knowledge's words, length ratio, numbers and negations that differ, the
 * kind of question (how / why / when / how much / can I), the card-service terms and actions each names
 * (开通 against 关闭 is a different question whatever else they share), other products named (a 借呗
 * question is not a card question), learnt word associations and the cosine of the learnt sentence
 * encoder (encoder.ts). The NLU's intent is not used: its training rows include questions of the
 * benchmark, so it would carry their labels into the measure.
 */

import { bigramsOfFolded } from '../../../nlu/index.ts';
import type { SynonymTable } from '../../search/query.ts';
import { DOMAIN_WORDS } from '../../text/domain-words.ts';
import { fold } from '../../text/fold.ts';
import { contentWords } from '../features.ts';
import { OTHER_PRODUCTS } from './data.ts';
import { dot32, type Encoder, encoderFeatures } from './encoder.ts';

export const PAIR_FEATURES = [
  'charCosine',
  'bigramCosine',
  'wordCosine',
  'synonymWordCosine',
  'wordJaccard',
  'synonymWordJaccard',
  'coverageMin',
  'coverageMax',
  'bm25',
  'editSimilarity',
  'commonRun',
  'commonSubsequence',
  'lengthRatio',
  'shortLength',
  'numberMismatch',
  'negationMismatch',
  'questionTypeSame',
  'questionTypeDiffers',
  'termCoverage',
  'termDifference',
  'actionDiffers',
  'productDiffers',
  'unsharedWeight',
  'retrievalCosine',
  'learntSynonyms',
  'embeddingCosine',
] as const;
export type PairFeature = (typeof PAIR_FEATURES)[number];
export const PAIR_DIM = PAIR_FEATURES.length;
const F = Object.fromEntries(PAIR_FEATURES.map((f, i) => [f, i])) as Record<PairFeature, number>;

/** Inverse document frequencies over customer questions ('c:' characters, 'b:' pairs, 'w:' words). */
export interface IdfTable {
  readonly idf: ReadonlyMap<string, number>;
  /** What an unseen feature weighs: as much as the rarest kept one. */
  readonly unseen: number;
  /** Mean number of content words per question (BM25's length normalisation). */
  readonly meanWords: number;
  /**
   * Word pairs that stand for each other in paraphrases (提现 / 取出), learnt from the training pairs:
   * `a|b` (a < b) → normalised pointwise mutual information in (0, 1].
   */
  readonly associations?: ReadonlyMap<string, number>;
  /** The learnt sentence encoder (encoder.ts), when the model has one. */
  readonly encoder?: Encoder;
}

export const associationKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Actions customers ask to take: two questions naming different ones ask different things. */
const ACTIONS = [
  '开通',
  '关闭',
  '取消',
  '申请',
  '注销',
  '激活',
  '冻结',
  '解冻',
  '还款',
  '还钱',
  '提额',
  '降额',
  '分期',
  '提现',
  '取现',
  '转账',
  '绑定',
  '解绑',
  '修改',
  '更改',
  '查询',
  '退款',
  '支付',
  '付款',
  '充值',
  '登录',
  '注册',
  '升级',
  '恢复',
  '调整',
  '使用',
  '删除',
  '设置',
  '借款',
  '收款',
  '扣款',
  '逾期',
  '挂失',
  '补卡',
  '销卡',
];
const TERMS = new Set([...DOMAIN_WORDS, ...ACTIONS]);

/** Question kinds, first match wins (怎么回事 asks why, not how). */
const QUESTION_TYPES: ReadonlyArray<[string, RegExp]> = [
  ['why', /为什么|为何|怎么回事|什么原因|咋回事|怎么会|凭什么|原因/],
  ['when', /什么时候|几时|何时|多久|多长时间|几天|几号|哪天/],
  ['amount', /多少|几个|几次|利息是|费用是|收费/],
  ['how', /怎么|如何|怎样|咋|怎么办|方法|步骤/],
  ['can', /能不能|可不可以|可以吗|能否|能吗|会不会|是否|有没有|行不行|吗|么$/],
  ['what', /什么|啥|哪/],
];
const NEGATION = /不|没|未|无法|别|非/;
const NUMBER = /\d+(?:\.\d+)?/g;

/** One question, analysed once (an FAQ's phrasings when the matcher is built; a question when asked). */
export interface Analysed {
  readonly length: number;
  readonly text: string;
  readonly chars: ReadonlyMap<string, number>;
  readonly bigrams: ReadonlyMap<string, number>;
  readonly words: ReadonlyMap<string, number>;
  readonly synonymWords: ReadonlyMap<string, number>;
  /** Unit TF-IDF vectors per block. */
  readonly charVector: ReadonlyMap<string, number>;
  readonly bigramVector: ReadonlyMap<string, number>;
  readonly wordVector: ReadonlyMap<string, number>;
  readonly synonymVector: ReadonlyMap<string, number>;
  readonly numbers: ReadonlySet<string>;
  readonly negated: boolean;
  readonly questionType: string | null;
  readonly terms: ReadonlySet<string>;
  readonly actions: ReadonlySet<string>;
  readonly products: ReadonlySet<string>;
  readonly embedding: Float32Array | null;
}

const counts = (xs: Iterable<string>) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
};

export function idfOf(table: IdfTable, feature: string): number {
  return table.idf.get(feature) ?? table.unseen;
}

function unitVector(tf: ReadonlyMap<string, number>, prefix: string, table: IdfTable): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const [f, c] of tf) {
    const w = (1 + Math.log(c)) * idfOf(table, prefix + f);
    v.set(f, w);
    norm += w * w;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const [f, w] of v) v.set(f, w * scale);
  return v;
}

/** The characters kept for comparison: letters and digits of the folded text. */
export const stripped = (folded: string) => folded.replace(/[^\p{L}\p{N}]/gu, '');

/** The raw per-question material, before any IDF table is known (what the IDF table is counted from). */
export function surface(text: string, synonyms: SynonymTable) {
  const folded = fold(text);
  const plain = stripped(folded);
  const replaced = synonyms
    .split(folded)
    .map((p) => p.canonical ?? p.text)
    .join('');
  const words = contentWords(folded);
  return {
    folded,
    plain,
    chars: counts([...plain]),
    bigrams: counts(bigramsOfFolded(folded)),
    words: counts(words),
    synonymWords: counts(contentWords(replaced)),
  };
}

export function analyse(text: string, synonyms: SynonymTable, table: IdfTable): Analysed {
  const s = surface(text, synonyms);
  const e = table.encoder;
  const terms = new Set([...s.synonymWords.keys()].filter((w) => TERMS.has(w)));
  return {
    length: s.plain.length,
    text: s.plain.slice(0, 120),
    chars: s.chars,
    bigrams: s.bigrams,
    words: s.words,
    synonymWords: s.synonymWords,
    charVector: unitVector(s.chars, 'c:', table),
    bigramVector: unitVector(s.bigrams, 'b:', table),
    wordVector: unitVector(s.words, 'w:', table),
    synonymVector: unitVector(s.synonymWords, 'w:', table),
    numbers: new Set(s.folded.match(NUMBER) ?? []),
    negated: NEGATION.test(s.plain),
    questionType: QUESTION_TYPES.find(([, re]) => re.test(s.plain))?.[0] ?? null,
    terms,
    actions: new Set([...terms].filter((t) => ACTIONS.includes(t))),
    products: new Set(OTHER_PRODUCTS.filter((p) => s.plain.includes(p))),
    embedding: e ? e.encode(encoderFeatures(s.plain, s.synonymWords.keys(), e.buckets)) : null,
  };
}

export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [f, w] of small) {
    const x = large.get(f);
    if (x !== undefined) dot += w * x;
  }
  return dot;
}

export function jaccard(
  a: ReadonlyMap<string, number> | ReadonlySet<string>,
  b: ReadonlyMap<string, number> | ReadonlySet<string>,
): number {
  let shared = 0;
  for (const k of a.keys()) if (b.has(k)) shared++;
  const union = a.size + b.size - shared;
  return union > 0 ? shared / union : 0;
}

/** Levenshtein distance (two rows). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

/** Longest common substring and longest common subsequence lengths, in one pass. */
export function commonLengths(a: string, b: string): { run: number; subsequence: number } {
  let run = 0;
  let prevRun = new Array<number>(b.length + 1).fill(0);
  let curRun = new Array<number>(b.length + 1).fill(0);
  let prevSeq = new Array<number>(b.length + 1).fill(0);
  let curSeq = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        curRun[j] = (prevRun[j - 1] as number) + 1;
        if ((curRun[j] as number) > run) run = curRun[j] as number;
        curSeq[j] = (prevSeq[j - 1] as number) + 1;
      } else {
        curRun[j] = 0;
        curSeq[j] = Math.max(prevSeq[j] as number, curSeq[j - 1] as number);
      }
    }
    [prevRun, curRun] = [curRun, prevRun];
    [prevSeq, curSeq] = [curSeq, prevSeq];
  }
  return { run, subsequence: prevSeq[b.length] as number };
}

/** IDF-weighted share of `a`'s words found in `b`. */
function coverage(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, table: IdfTable): number {
  let have = 0;
  let total = 0;
  for (const w of a.keys()) {
    const idf = idfOf(table, `w:${w}`);
    total += idf;
    if (b.has(w)) have += idf;
  }
  return total > 0 ? have / total : 0;
}

/** BM25 of `q` against `d` as one document, over the best score `q` could get (so in [0, 1]). */
function bm25(q: ReadonlyMap<string, number>, d: ReadonlyMap<string, number>, table: IdfTable): number {
  const k1 = 1.2;
  const b = 0.75;
  let len = 0;
  for (const c of d.values()) len += c;
  const norm = 1 - b + (b * len) / Math.max(1, table.meanWords);
  let score = 0;
  let best = 0;
  for (const w of q.keys()) {
    const idf = idfOf(table, `w:${w}`);
    best += idf;
    const tf = d.get(w);
    if (tf) score += (idf * tf * (k1 + 1)) / (tf + k1 * norm);
  }
  return best > 0 ? score / (best * (k1 + 1)) : 0;
}

const differ = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  if (a.size !== b.size) return true;
  for (const x of a) if (!b.has(x)) return true;
  return false;
};

function unsharedWeight(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, table: IdfTable): number {
  let unshared = 0;
  let total = 0;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const w of x.keys()) {
      const idf = idfOf(table, `w:${w}`);
      total += idf;
      if (!y.has(w)) unshared += idf;
    }
  }
  return total > 0 ? unshared / total : 0;
}

/**
 * IDF-weighted share of the words of `a` absent from `b` that a learnt association ties to a word of `b`
 * (its strength), averaged over both directions: overlap a synonym table does not know.
 */
function learntSynonyms(a: Analysed, b: Analysed, table: IdfTable): number {
  const assoc = table.associations;
  if (!assoc || assoc.size === 0) return 0;
  const side = (x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>) => {
    let total = 0;
    let tied = 0;
    for (const w of x.keys()) {
      if (y.has(w)) continue;
      const idf = idfOf(table, `w:${w}`);
      total += idf;
      let best = 0;
      for (const v of y.keys()) best = Math.max(best, assoc.get(associationKey(w, v)) ?? 0);
      tied += idf * best;
    }
    return total > 0 ? tied / total : 0;
  };
  return (side(a.synonymWords, b.synonymWords) + side(b.synonymWords, a.synonymWords)) / 2;
}

/**
 * The feature vector of a pair (symmetric: the same whichever side is the question). `retrieval` is the
 * lexical retrieval's cosine of the two inside the FAQ base at hand (its own IDF): how the pair stands
 * against the other FAQs, which the scorer learns to weigh against everything else.
 */
export function pairFeatures(
  a: Analysed,
  b: Analysed,
  table: IdfTable,
  retrieval: number,
  out = new Float64Array(PAIR_DIM),
): Float64Array {
  const longest = Math.max(a.length, b.length, 1);
  const shortest = Math.max(1, Math.min(a.length, b.length));
  const cover = [coverage(a.synonymWords, b.synonymWords, table), coverage(b.synonymWords, a.synonymWords, table)];
  const common = commonLengths(a.text, b.text);
  const termUnion = new Set([...a.terms, ...b.terms]);
  let termShared = 0;
  for (const t of a.terms) if (b.terms.has(t)) termShared++;
  out[F.charCosine] = cosine(a.charVector, b.charVector);
  out[F.bigramCosine] = cosine(a.bigramVector, b.bigramVector);
  out[F.wordCosine] = cosine(a.wordVector, b.wordVector);
  out[F.synonymWordCosine] = cosine(a.synonymVector, b.synonymVector);
  out[F.wordJaccard] = jaccard(a.words, b.words);
  out[F.synonymWordJaccard] = jaccard(a.synonymWords, b.synonymWords);
  out[F.coverageMin] = Math.min(cover[0] as number, cover[1] as number);
  out[F.coverageMax] = Math.max(cover[0] as number, cover[1] as number);
  out[F.bm25] = (bm25(a.synonymWords, b.synonymWords, table) + bm25(b.synonymWords, a.synonymWords, table)) / 2;
  out[F.editSimilarity] = 1 - editDistance(a.text, b.text) / Math.max(1, a.text.length, b.text.length);
  out[F.commonRun] = common.run / Math.max(1, Math.min(a.text.length, b.text.length));
  out[F.commonSubsequence] = common.subsequence / Math.max(1, a.text.length, b.text.length);
  out[F.lengthRatio] = shortest / longest;
  out[F.shortLength] = 1 / (1 + shortest / 6);
  out[F.numberMismatch] = a.numbers.size + b.numbers.size > 0 && differ(a.numbers, b.numbers) ? 1 : 0;
  out[F.negationMismatch] = a.negated !== b.negated ? 1 : 0;
  out[F.questionTypeSame] = a.questionType && a.questionType === b.questionType ? 1 : 0;
  out[F.questionTypeDiffers] = a.questionType && b.questionType && a.questionType !== b.questionType ? 1 : 0;
  out[F.termCoverage] = termUnion.size > 0 ? termShared / termUnion.size : 0;
  out[F.termDifference] = Math.min(1, (termUnion.size - termShared) / 3);
  out[F.actionDiffers] = a.actions.size > 0 && b.actions.size > 0 && differ(a.actions, b.actions) ? 1 : 0;
  out[F.productDiffers] = differ(a.products, b.products) ? 1 : 0;
  out[F.unsharedWeight] = unsharedWeight(a.synonymWords, b.synonymWords, table);
  out[F.retrievalCosine] = retrieval;
  out[F.learntSynonyms] = learntSynonyms(a, b, table);
  out[F.embeddingCosine] = a.embedding && b.embedding ? dot32(a.embedding, b.embedding) : 0;
  return out;
}
