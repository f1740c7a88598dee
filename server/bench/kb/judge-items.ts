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
 * - `answers.tsv` (`query	gold	scorer	baseline`): the FAQ each matcher put first, as it was when the rows
 *   were drawn (the reading scores that matcher; a later model is scored only where its first FAQs were read).
 * - `key.tsv` (`item	query	faq	kind`): where each row came from, kept from the readers: `gold` (the
 *   benchmark's FAQ; a sample, to measure how often readers accept the benchmark's own pairs), `scorer`
 *   (the pair scorer's first FAQ where it is not the benchmark's), `baseline` (the TF-IDF baseline's first
 *   FAQ where it is neither), `random` (an FAQ drawn at random: how often readers accept anything).
 *
 * `npx tsx bench/kb/judge-items.ts OUT_DIR` from `server/` (needs the shared data folder) draws the first round;
 * `… OUT_DIR --next` the next one (see `nextRound`). Scored by
 * `bench/kb/judged.ts` once the readers' labels are in.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type RetrievalTask,
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
  kind: 'gold' | 'scorer' | 'baseline' | 'random' | 'scorer2' | 'scorer3';
}

/** The benchmark's questions with the FAQs each matcher puts first (the task and pair matcher, if given, are reused). */
export function firstAnswers(given?: { task: RetrievalTask; matcher: PairMatcher }) {
  const task = given?.task ?? benchTask();
  const matcher = given?.matcher ?? new PairMatcher(taskDocs(task), seedSynonyms(), shippedPairModel());
  const base = new Retrieval(
    task.faqs.map((f) => f.question),
    new SynonymTable([]),
  );
  const rows = task.queries.map((q, i) => ({
    query: i,
    question: q.question,
    gold: q.id,
    ...(([first = '', second = '', third = '']) => ({ scorer: first, scorer2: second, scorer3: third }))(
      matcher.rank(q.question, 3).candidates.map((c) => c.id),
    ),
    baseline: task.faqs[base.top(q.question, 1)[0]?.[0] ?? -1]?.id ?? '',
  }));
  return { task, rows };
}

function benchTask(): RetrievalTask {
  const dir = sharedDataDir();
  if (!dir) throw new Error('no shared data folder (CARDDESK_SHARED_DATA)');
  return splitPairs(readPairs(dir), readGeneralQuestions(dir)).bench;
}

type Answers = ReturnType<typeof firstAnswers>;

const clean = (t: string) => t.replace(/[\t\n\r]/g, ' ');

function writeRound(
  { task, rows }: Answers,
  out: string,
  suffix: string,
  keys: ReadonlyArray<Omit<JudgeKey, 'item'>>,
  seed: number,
  firstItem: number,
): JudgeKey[] {
  const faqText = new Map(task.faqs.map((f) => [f.id, f.question]));
  const order = shuffled(keys, seed).map((k, i) => ({ ...k, item: `j${String(firstItem + i).padStart(4, '0')}` }));
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, `items${suffix}.tsv`),
    `item\tquestion\tfaq\n${order.map((k) => `${k.item}\t${clean(rows[k.query]?.question ?? '')}\t${clean(faqText.get(k.faq) ?? '')}`).join('\n')}\n`,
  );
  writeFileSync(
    join(out, `key${suffix}.tsv`),
    `item\tquery\tfaq\tkind\n${order.map((k) => `${k.item}\t${k.query}\t${k.faq}\t${k.kind}`).join('\n')}\n`,
  );
  // What the matchers answered when the first rows were drawn: written with the first two rounds (the same
  // model), kept as it is for later rounds, which read a retrained model's new answers.
  if (suffix === '' || suffix === '-2')
    writeFileSync(
      join(out, 'answers.tsv'),
      `query\tgold\tscorer\tbaseline\tscorer2\tscorer3\n${rows.map((x) => `${x.query}\t${x.gold}\t${x.scorer}\t${x.baseline}\t${x.scorer2}\t${x.scorer3}`).join('\n')}\n`,
    );
  const kinds = [...new Set(order.map((k) => k.kind))];
  console.log(
    `${order.length} items: ${kinds.map((kind) => `${kind} ${order.filter((k) => k.kind === kind).length}`).join(', ')}`,
  );
  return order;
}

/** The rounds already drawn in `out`: `key.tsv`, `key-2.tsv`, … */
export function roundSuffixes(out: string): string[] {
  const suffixes: string[] = [];
  for (let n = 1; existsSync(join(out, `key${n === 1 ? '' : `-${n}`}.tsv`)); n++) suffixes.push(n === 1 ? '' : `-${n}`);
  return suffixes;
}

/**
 * A further round: the pair scorer's first three FAQs, as the model shipped now ranks them, where they are
 * not the benchmark's and no earlier round read them (round 2 read the second and third FAQs of the model of
 * round 1; a later round reads what a retrained model answers anew), with 40 new random controls.
 */
function nextRound(out: string): void {
  const answers = firstAnswers();
  const { task, rows } = answers;
  const rounds = roundSuffixes(out);
  const read = new Set(
    rounds.flatMap((suffix) =>
      readFileSync(join(out, `key${suffix}.tsv`), 'utf8')
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split('\t').slice(1, 3).join('\t')),
    ),
  );
  const n = rounds.length + 1;
  const seed = SPLIT_SEED + 11 + 3 * (n - 2);
  const firstItem = read.size + 1;
  const keys: Omit<JudgeKey, 'item'>[] = [];
  const seen = (query: number, faq: string) => read.has(`${query}\t${faq}`);
  const r = mulberry32(seed);
  const randomSample = new Set(
    shuffled(
      rows.map((x) => x.query),
      seed + 1,
    ).slice(0, 40),
  );
  for (const row of rows) {
    for (const kind of ['scorer', 'scorer2', 'scorer3'] as const) {
      const faq = row[kind];
      if (!faq || faq === row.gold || seen(row.query, faq)) continue;
      keys.push({ query: row.query, faq, kind });
      read.add(`${row.query}\t${faq}`);
    }
    if (randomSample.has(row.query)) {
      let faq = row.gold;
      while (seen(row.query, faq) || faq === row.gold)
        faq = task.faqs[Math.floor(r() * task.faqs.length)]?.id ?? row.gold;
      keys.push({ query: row.query, faq, kind: 'random' });
    }
  }
  writeRound(answers, out, `-${n}`, keys, seed + 2, firstItem);
}

function main(out: string): void {
  const answers = firstAnswers();
  const { task, rows } = answers;
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
  writeRound(answers, out, '', keys, SPLIT_SEED + 10, 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--next')) nextRound(process.argv[2] ?? 'judge');
  else main(process.argv[2] ?? 'judge');
}
