/**
 * The real customer questions labelled by the team (data/nlu/real): rows of the hand-labelled batch files,
 * and their fixed train / dev / test assignment in `split.tsv`. The test split was drawn before any model
 * was trained on real rows and is used only to report; dev tunes and calibrates (the shipped model then
 * also trains on it, at the settings chosen without it); train trains.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { LabelledText } from './csv.ts';
import { bigramJaccard, charBigrams } from './near-duplicates.ts';

export const REAL_DATA_DIR = new URL('../../../data/nlu/real/', import.meta.url);

export type RealSplit = 'train' | 'dev' | 'test';
export const REAL_SPLITS: readonly RealSplit[] = ['train', 'dev', 'test'];

/** Shares of each label's rows: a quarter to test, 15% to dev, the rest to train. */
export const SPLIT_SHARES = { test: 0.25, dev: 0.15 } as const;

/**
 * The fresh test set (`batches/fresh-test-NN.tsv`, `fresh-test-origin.tsv`): real questions labelled after the
 * model work, never used for tuning, only reported on. Its rows are drawn from a reserved part of the corpus:
 * the ids whose keyed hash falls in `FRESH_TEST_RESERVATION.bucket`. Rows pooled before the reservation (the
 * files matching `PRE_RESERVATION_FILES`) keep their role; a row of the reserved bucket in any later batch
 * file is never read as a training, dev or test row, nor is any id of the fresh test set.
 */
export const FRESH_TEST_RESERVATION = { key: 'carddesk-fresh-test-2', modulus: 10, bucket: 7 } as const;
/** The batch files that existed when the bucket was reserved (batch-01…17, supplement-01…02, extra-01…60). */
export const PRE_RESERVATION_FILES = /^(batch-\d+|supplement-\d+|extra-(0[1-9]|[1-5]\d|60))\.tsv$/;
export const FRESH_TEST_FILES = /^fresh-test-\d+\.tsv$/;

/** Whether a question id falls in the bucket reserved for the fresh test set. */
export function inFreshTestBucket(id: string | number): boolean {
  const { key, modulus, bucket } = FRESH_TEST_RESERVATION;
  const h = createHash('sha256').update(`${key}:${id}`).digest();
  return h.readUInt32BE(0) % modulus === bucket;
}

/** The labelled rows of the fresh test set, in file order. Never trained, tuned or calibrated on. */
export function readFreshTestRows(dir: URL = REAL_DATA_DIR): Array<LabelledText & { id: string }> {
  const batches = new URL('batches/', dir);
  if (!existsSync(batches)) return [];
  const out: Array<LabelledText & { id: string }> = [];
  for (const name of readdirSync(batches)
    .filter((f) => FRESH_TEST_FILES.test(f))
    .sort()) {
    for (const line of readFileSync(new URL(name, batches), 'utf8').trimEnd().split('\n').slice(1)) {
      const [id = '', text = '', label = ''] = line.split('\t');
      if (id && text && label.trim()) out.push({ id, text, label: label.trim() });
    }
  }
  return out;
}

/** The ids listed in the fresh test files, labelled or not. */
export function freshTestIds(dir: URL = REAL_DATA_DIR): Set<string> {
  const batches = new URL('batches/', dir);
  const out = new Set<string>();
  if (!existsSync(batches)) return out;
  for (const name of readdirSync(batches).filter((f) => FRESH_TEST_FILES.test(f)))
    for (const line of readFileSync(new URL(name, batches), 'utf8').trimEnd().split('\n').slice(1)) {
      const id = line.split('\t')[0];
      if (id) out.add(id);
    }
  return out;
}

export interface RealRow extends LabelledText {
  /** The row's line number in the source questions.tsv. */
  readonly id: string;
  /** From an `extra-NN.tsv` file: drawn after the test split was fixed, so dealt to train and dev only. */
  readonly trainingOnly: boolean;
}

/** Rows of a later file this close (character-bigram Jaccard) to a fresh test row are not read either. */
export const FRESH_TEST_NEAR_DUPLICATE = 0.8;

/**
 * Every labelled row of the batch files, in file order (unlabelled rows are left out). The fresh test set is
 * not among them: its files are not read, an id it lists is skipped wherever else it appears, and a row of a
 * file written after the reservation is skipped when it falls in the reserved bucket or is a near-duplicate
 * of a fresh test row.
 */
export function readRealRows(dir: URL = REAL_DATA_DIR): RealRow[] {
  const batches = new URL('batches/', dir);
  const fresh = freshTestIds(dir);
  let freshBigrams: Array<Set<string>> | undefined;
  const nearFresh = (text: string) => {
    freshBigrams ??= readFreshTestRows(dir).map((r) => charBigrams(r.text));
    const own = charBigrams(text);
    return freshBigrams.some((b) => bigramJaccard(own, b) >= FRESH_TEST_NEAR_DUPLICATE);
  };
  const out: RealRow[] = [];
  for (const name of readdirSync(batches)
    .filter((f) => /^(batch|supplement|extra)-\d+\.tsv$/.test(f))
    .sort()) {
    const lines = readFileSync(new URL(name, batches), 'utf8').trimEnd().split('\n').slice(1);
    for (const line of lines) {
      const [id = '', text = '', label = ''] = line.split('\t');
      if (fresh.has(id)) continue;
      if (!PRE_RESERVATION_FILES.test(name) && (inFreshTestBucket(id) || nearFresh(text))) continue;
      if (id && text && label.trim())
        out.push({ id, text, label: label.trim(), trainingOnly: name.startsWith('extra-') });
    }
  }
  return out;
}

/** `split.tsv`: id → split. */
export function readSplitFile(dir: URL = REAL_DATA_DIR): Map<string, RealSplit> {
  const file = new URL('split.tsv', dir);
  const out = new Map<string, RealSplit>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').trimEnd().split('\n').slice(1)) {
    const [id = '', split = ''] = line.split('\t');
    if (id && (REAL_SPLITS as readonly string[]).includes(split)) out.set(id, split as RealSplit);
  }
  return out;
}

/**
 * Deals rows that have no split yet, label by label: the rows of a label are ordered by a keyed hash of
 * their id (so the order does not depend on the file order) and the first quarter goes to test, the next
 * 15% to dev, the rest to train; training-only rows (drawn after the test split was fixed) skip the test
 * share. Rows already assigned keep their split: labelling more rows never moves a test row into training.
 */
export function assignSplits(
  rows: readonly RealRow[],
  existing: ReadonlyMap<string, RealSplit>,
): Map<string, RealSplit> {
  const out = new Map(existing);
  const byLabel = new Map<string, RealRow[]>();
  for (const r of rows) {
    if (out.has(r.id)) continue;
    const key = `${r.trainingOnly ? 'extra' : 'main'}:${r.label}`;
    const list = byLabel.get(key) ?? [];
    list.push(r);
    byLabel.set(key, list);
  }
  const order = (id: string) => createHash('sha256').update(`carddesk-real-split:${id}`).digest('hex');
  for (const list of byLabel.values()) {
    list.sort((a, b) => (order(a.id) < order(b.id) ? -1 : 1));
    const nTest = list[0]?.trainingOnly ? 0 : Math.round(list.length * SPLIT_SHARES.test);
    const nDev = Math.round(list.length * SPLIT_SHARES.dev);
    list.forEach((r, i) => {
      out.set(r.id, i < nTest ? 'test' : i < nTest + nDev ? 'dev' : 'train');
    });
  }
  return out;
}

/** The labelled real rows of one split, with their ids. */
export function realSplitRows(split: RealSplit, dir: URL = REAL_DATA_DIR): RealRow[] {
  const splits = readSplitFile(dir);
  return readRealRows(dir).filter((r) => splits.get(r.id) === split);
}

/** The labelled real rows of one split. */
export function realSplit(split: RealSplit, dir: URL = REAL_DATA_DIR): LabelledText[] {
  return realSplitRows(split, dir).map(({ text, label }) => ({ text, label }));
}

/**
 * The real rows the shipped model is built from (`scripts/nlu-build-model.ts`): `train` trains, `dev` tunes and calibrates
 * and is then trained on too. The test split and the fresh test set are never among them.
 */
export function realModelRows(dir: URL = REAL_DATA_DIR): { train: RealRow[]; dev: RealRow[] } {
  return { train: realSplitRows('train', dir), dev: realSplitRows('dev', dir) };
}
