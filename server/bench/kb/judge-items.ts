/**
 * The blind reading of the real-questions FAQ benchmark (`bench/kb/pairs.ts`): are the FAQs a matcher
 * puts first, where they are not the benchmark's FAQ, wrong answers, or other phrasings of the same
 * question? The benchmark's labels come from pairs: a question has exactly one right FAQ, the other side
 * of its pair, while the 400 distractors are other real questions about the same few topics, some of
 * which ask the very same thing.
 *
 * Writes two files:
 * - `items.tsv` (`item	question	faq`): one row per (question, FAQ) to judge, shuffled across questions,
 *   nothing saying where it came from. Readers label each row alone: would this FAQ's answer answer the
 *   customer's question?
 * - `key.tsv` (`item	query	kind`): where each row came from, kept from the readers: `gold` (the
 *   benchmark's FAQ; a sample, to measure how often readers accept the benchmark's own pairs), `scorer`
 *   (the pair scorer's first FAQ where it is not the benchmark's), `baseline` (the TF-IDF baseline's first
 *   FAQ where it is neither), `random` (an FAQ drawn at random: how often readers accept anything).
 *
 * `npx tsx bench/kb/judge-items.ts OUT_DIR` from `server/` (needs the shared data folder). Scored by
 * `bench/kb/judged.ts` once the readers' labels are in.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  readGeneralQuestions,
  readPairs,
  SPLIT_SEED,
  sharedDataDir,
  shuffled,
  splitPairs,
} from '../../src/modules/knowledge/match/pair/data.ts';
import { PairMatcher, Retrieval, shippedPairModel } from '../../src/modules/knowledge/match/pair/pair-matcher.ts';
import { taskDocs } from '../../src/modules/knowledge/match/pair/train.ts';
import { SynonymTable } from '../../src/modules/knowledge/search/query.ts';
import { mulberry32 } from '../../src/platform/random.ts';
import { seedSynonyms } from './seed-faqs.ts';

/** Benchmark FAQs shown as controls (the rest of the 400 are not read). */
const GOLD_SAMPLE = 150;
const RANDOM_SAMPLE = 100;

export interface JudgeKey {
  item: string;
  query: number;
  faq: string;
  kind: 'gold' | 'scorer' | 'baseline' | 'random';
}

/** The benchmark's questions with the FAQ each matcher puts first. */
export function firstAnswers() {
  const dir = sharedDataDir();
  if (!dir) throw new Error('no shared data folder (CARDDESK_SHARED_DATA)');
  const task = splitPairs(readPairs(dir), readGeneralQuestions(dir)).bench;
  const matcher = new PairMatcher(taskDocs(task), seedSynonyms(), shippedPairModel());
  const base = new Retrieval(
    task.faqs.map((f) => f.question),
    new SynonymTable([]),
  );
  const rows = task.queries.map((q, i) => ({
    query: i,
    question: q.question,
    gold: q.id,
    scorer: matcher.rank(q.question, 1).candidates[0]?.id ?? '',
    baseline: task.faqs[base.top(q.question, 1)[0]?.[0] ?? -1]?.id ?? '',
  }));
  return { task, rows };
}

function main(out: string): void {
  const { task, rows } = firstAnswers();
  const faqText = new Map(task.faqs.map((f) => [f.id, f.question]));
  const keys: Omit<JudgeKey, 'item'>[] = [];
  const goldSample = new Set(
    shuffled(
      rows.map((r) => r.query),
      SPLIT_SEED + 7,
    ).slice(0, GOLD_SAMPLE),
  );
  const r = mulberry32(SPLIT_SEED + 8);
  const randomSample = new Set(
    shuffled(
      rows.map((x) => x.query),
      SPLIT_SEED + 9,
    ).slice(0, RANDOM_SAMPLE),
  );
  for (const row of rows) {
    if (goldSample.has(row.query)) keys.push({ query: row.query, faq: row.gold, kind: 'gold' });
    if (row.scorer && row.scorer !== row.gold) keys.push({ query: row.query, faq: row.scorer, kind: 'scorer' });
    if (row.baseline && row.baseline !== row.gold && row.baseline !== row.scorer)
      keys.push({ query: row.query, faq: row.baseline, kind: 'baseline' });
    if (randomSample.has(row.query)) {
      let faq = row.gold;
      while (faq === row.gold || faq === row.scorer || faq === row.baseline)
        faq = task.faqs[Math.floor(r() * task.faqs.length)]?.id ?? row.gold;
      keys.push({ query: row.query, faq, kind: 'random' });
    }
  }
  const order = shuffled(keys, SPLIT_SEED + 10).map((k, i) => ({ ...k, item: `j${String(i + 1).padStart(4, '0')}` }));
  mkdirSync(out, { recursive: true });
  const clean = (t: string) => t.replace(/[\t\n\r]/g, ' ');
  writeFileSync(
    join(out, 'items.tsv'),
    `item\tquestion\tfaq\n${order.map((k) => `${k.item}\t${clean(rows[k.query]?.question ?? '')}\t${clean(faqText.get(k.faq) ?? '')}`).join('\n')}\n`,
  );
  writeFileSync(
    join(out, 'key.tsv'),
    `item\tquery\tfaq\tkind\n${order.map((k) => `${k.item}\t${k.query}\t${k.faq}\t${k.kind}`).join('\n')}\n`,
  );
  const count = (kind: JudgeKey['kind']) => order.filter((k) => k.kind === kind).length;
  console.log(
    `${order.length} items: gold ${count('gold')}, scorer ${count('scorer')}, baseline ${count('baseline')}, random ${count('random')}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv[2] ?? 'judge');
