/**
 * Extra training rows drawn from the unlabelled customer questions (`zh-customer/questions.tsv`, sources
 * atec-* / afqmc-*) and their paraphrase pairs (`zh-customer/pairs.tsv`), for experiments on the real dev split
 * (bench/nlu/real-dev.ts). A question may become a training row only when `AugmentationGuard` lets it through:
 * it has an id in questions.tsv outside the bucket reserved for the fresh test set, it is not a labelled row
 * (any split, fresh test included), and it is below 0.8 character-bigram Jaccard of every real dev, real test
 * and fresh test row. Held-out rows are only ever used here to exclude their near-twins.
 * Neither propagated nor self-trained rows gained on real dev (docs/benchmarks/nlu.md, fourth pass), so the
 * shipped model (scripts/nlu-build-model.ts) trains on neither.
 */
import { readFileSync } from 'node:fs';
import type { LabelledText } from './csv.ts';
import { bigramJaccard, bigramsOfFolded } from './near-duplicates.ts';
import { normalizeText } from './normalize.ts';
import { FRESH_TEST_NEAR_DUPLICATE, inFreshTestBucket } from './real-data.ts';

/** Sources of questions.tsv / pairs.tsv that are card-desk questions (LCQMC is general chit-chat). */
const CARD_SOURCES = /^(atec|afqmc)-/;

export interface CustomerQuestion {
  /** The line number in questions.tsv (header = line 1), as in the batch files. */
  readonly id: string;
  readonly text: string;
}

/** The key two texts are matched on: the classifier's normalised text without punctuation and spaces. */
export function textKey(text: string): string {
  return normalizeText(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/** The atec / afqmc questions of questions.tsv, with their ids (line numbers, as in the batch files). */
export function readCustomerQuestions(file: string): CustomerQuestion[] {
  const out: CustomerQuestion[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const fields = line.split('\t');
      if (index === 0 || fields.length !== 2) return;
      const [text = '', source = ''] = fields;
      if (CARD_SOURCES.test(source) && text.trim()) out.push({ id: String(index + 1), text: text.trim() });
    });
  return out;
}

/** The atec / afqmc pairs of pairs.tsv labelled 1 (same meaning). */
export function readParaphrasePairs(file: string): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const fields = line.split('\t');
    if (fields.length !== 4) continue;
    const [a = '', b = '', label = '', source = ''] = fields;
    if (label === '1' && CARD_SOURCES.test(source) && a.trim() && b.trim()) out.push([a.trim(), b.trim()]);
  }
  return out;
}

/**
 * Finds, among reference texts, one at or above a character-bigram Jaccard threshold of a query, without
 * comparing the query with every reference: prefix filtering. Bigrams are ordered rarest first (over the
 * references); two sets with Jaccard ≥ t share at least ⌈t·|x|⌉ bigrams, so they must share one of the first
 * |x| − ⌈t·|x|⌉ + 1 bigrams of either in that order. Only references sharing one of the query's prefix
 * bigrams in their own prefix are compared. Same answers as comparing with every reference.
 */
export class NearDuplicateIndex {
  private readonly refs: Array<Set<string>>;
  private readonly rank = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();

  constructor(
    texts: readonly string[],
    private readonly threshold = FRESH_TEST_NEAR_DUPLICATE,
  ) {
    this.refs = texts.map((t) => bigramsOfFolded(normalizeText(t))).filter((b) => b.size > 0);
    const df = new Map<string, number>();
    for (const b of this.refs) for (const g of b) df.set(g, (df.get(g) ?? 0) + 1);
    [...df]
      .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
      .forEach(([g], i) => {
        this.rank.set(g, i);
      });
    this.refs.forEach((b, r) => {
      for (const g of this.prefix(b)) {
        const list = this.postings.get(g) ?? [];
        list.push(r);
        this.postings.set(g, list);
      }
    });
  }

  /** A bigram unseen in the references ranks before every other (it can match nothing). */
  private prefix(bigrams: ReadonlySet<string>): string[] {
    const sorted = [...bigrams].sort((x, y) => {
      const rx = this.rank.get(x) ?? -1;
      const ry = this.rank.get(y) ?? -1;
      return rx - ry || (x < y ? -1 : x > y ? 1 : 0);
    });
    return sorted.slice(0, sorted.length - Math.ceil(this.threshold * sorted.length - 1e-9) + 1);
  }

  /** Whether some reference is at or above the threshold of `text`. */
  has(text: string): boolean {
    const own = bigramsOfFolded(normalizeText(text));
    if (own.size === 0) return false;
    const seen = new Set<number>();
    for (const g of this.prefix(own))
      for (const r of this.postings.get(g) ?? []) {
        if (seen.has(r)) continue;
        seen.add(r);
        if (bigramJaccard(own, this.refs[r] as Set<string>) >= this.threshold) return true;
      }
    return false;
  }
}

export interface GuardInput {
  /** questions.tsv's card questions (`readCustomerQuestions`): the ids of a text. */
  readonly questions: readonly CustomerQuestion[];
  /** Every labelled text: all splits of the real rows and the fresh test rows. */
  readonly labelled: readonly LabelledText[];
  /** Real dev, real test and fresh test texts: no extra row may be a near-twin of one. */
  readonly heldOut: readonly LabelledText[];
}

/** Why a text may not become an extra training row (undefined: it may). */
export type Exclusion = 'no-id' | 'fresh-bucket' | 'labelled' | 'near-held-out';

/** Decides which unlabelled customer questions may be added to training (see the file's comment). */
export class AugmentationGuard {
  private readonly idsOfKey = new Map<string, string[]>();
  private readonly labelledKeys: Set<string>;
  private readonly nearHeldOut: NearDuplicateIndex;

  constructor(input: GuardInput) {
    for (const q of input.questions) {
      const k = textKey(q.text);
      const list = this.idsOfKey.get(k) ?? [];
      list.push(q.id);
      this.idsOfKey.set(k, list);
    }
    this.labelledKeys = new Set(input.labelled.map((r) => textKey(r.text)));
    this.nearHeldOut = new NearDuplicateIndex(input.heldOut.map((r) => r.text));
  }

  exclusion(text: string): Exclusion | undefined {
    const k = textKey(text);
    const ids = this.idsOfKey.get(k);
    if (!ids || k === '') return 'no-id';
    // Any copy of the text in the reserved bucket reserves the text.
    if (ids.some((id) => inFreshTestBucket(id))) return 'fresh-bucket';
    if (this.labelledKeys.has(k)) return 'labelled';
    if (this.nearHeldOut.has(text)) return 'near-held-out';
    return undefined;
  }
}

/**
 * Label propagation through paraphrase pairs: where one side of a same-meaning pair is a labelled training row
 * (matched on `textKey`), the other side takes its label. A text reached from rows of different labels is left
 * out; so is every text the guard excludes. One row per text, in pair order.
 */
export function propagateLabels(
  pairs: ReadonlyArray<readonly [string, string]>,
  train: readonly LabelledText[],
  guard: AugmentationGuard,
): { rows: LabelledText[]; excluded: Record<string, number> } {
  const labelOf = new Map<string, string | null>();
  for (const r of train) {
    const k = textKey(r.text);
    const prior = labelOf.get(k);
    labelOf.set(k, prior === undefined || prior === r.label ? r.label : null);
  }
  const found = new Map<string, { text: string; label: string | null }>();
  const reach = (from: string, to: string) => {
    const label = labelOf.get(textKey(from));
    if (!label) return;
    const k = textKey(to);
    if (labelOf.has(k)) return; // itself a training row
    const prior = found.get(k);
    if (!prior) found.set(k, { text: to, label });
    else if (prior.label !== label) prior.label = null;
  };
  for (const [a, b] of pairs) {
    reach(a, b);
    reach(b, a);
  }
  const excluded: Record<string, number> = {};
  const rows: LabelledText[] = [];
  for (const { text, label } of found.values()) {
    const why = label === null ? 'conflicting-labels' : guard.exclusion(text);
    if (why) excluded[why] = (excluded[why] ?? 0) + 1;
    else rows.push({ text, label: label as string });
  }
  return { rows, excluded };
}
