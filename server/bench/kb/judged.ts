/**
 * Scores the blind reading of the real-questions FAQ benchmark (`judge-items.ts` wrote the rows; two
 * readers labelled each one alone, `same` / `different` / `unsure`, without knowing where it came from).
 *
 * Prints, per reader and for both together: how often each kind of row was read as the same question
 * (gold: the benchmark's own pairs; scorer / baseline: a matcher's first FAQ where it is not the
 * benchmark's; random: any FAQ), the readers' agreement, and recall@1 counted by meaning: a question is
 * answered right when the FAQ put first is the benchmark's or was read as the same question (by both
 * readers: strict; by either: lenient).
 *
 * `npx tsx bench/kb/judged.ts DIR` from `server/`: DIR holds `answers.tsv` and, for each round of reading,
 * `key.tsv`, `reader-a.tsv`, `reader-b.tsv` (a later round N: `key-N.tsv`, `reader-a-N.tsv`, `reader-b-N.tsv`; `judge-items.ts OUT --next` draws it)
 * (committed: `bench/kb/judged/`; the texts are not, `judge-items.ts` writes them again from the data).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstAnswers, type JudgeKey, roundSuffixes } from './judge-items.ts';

export type Label = 'same' | 'different' | 'unsure';

function tsv(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.replace(/\r$/, '').split('\t'));
}

export function readKey(file: string): JudgeKey[] {
  return tsv(file).map(([item = '', query = '', faq = '', kind = '']) => ({
    item,
    query: Number(query),
    faq,
    kind: kind as JudgeKey['kind'],
  }));
}

export function readLabels(file: string): Map<string, Label> {
  const out = new Map<string, Label>();
  for (const [item = '', label = ''] of tsv(file)) {
    if (label !== 'same' && label !== 'different' && label !== 'unsure')
      throw new Error(`${file}: item ${item} has label "${label}"`);
    out.set(item, label);
  }
  return out;
}

/** Cohen's kappa of two label sequences. */
export function kappa(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  if (n === 0) return 0;
  let agree = 0;
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    ca.set(a[i] as string, (ca.get(a[i] as string) ?? 0) + 1);
    cb.set(b[i] as string, (cb.get(b[i] as string) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [k, v] of ca) pe += (v / n) * ((cb.get(k) ?? 0) / n);
  return pe === 1 ? 1 : (po - pe) / (1 - pe);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Every round's rows and both readers' labels: `key.tsv` / `reader-a.tsv` / `reader-b.tsv`, then `-2` … */
function readRounds(dir: string) {
  const key: JudgeKey[] = [];
  const a = new Map<string, Label>();
  const b = new Map<string, Label>();
  for (const suffix of roundSuffixes(dir)) {
    key.push(...readKey(join(dir, `key${suffix}.tsv`)));
    for (const [item, label] of readLabels(join(dir, `reader-a${suffix}.tsv`))) a.set(item, label);
    for (const [item, label] of readLabels(join(dir, `reader-b${suffix}.tsv`))) b.set(item, label);
  }
  return { key, readers: { a, b } };
}

/**
 * Questions answered right among the first `depth` FAQs: `exact` by the benchmark's pair; else `strict` when
 * one FAQ was read as the same question by both readers, `lenient` by either; `unread` when none was read as
 * the same and some FAQ was never read (counted wrong). `read` maps `query<TAB>faq` to the row read.
 */
export function recallByMeaning(
  rows: ReadonlyArray<{ query: number; gold: string; ranked: readonly string[] }>,
  depth: number,
  read: ReadonlyMap<string, string>,
  readers: { a: ReadonlyMap<string, Label>; b: ReadonlyMap<string, Label> },
): { exact: number; strict: number; lenient: number; unread: number } {
  const c = { exact: 0, strict: 0, lenient: 0, unread: 0 };
  for (const r of rows) {
    const top = r.ranked.slice(0, depth);
    if (top.includes(r.gold)) {
      c.exact++;
      continue;
    }
    let both = false;
    let either = false;
    let missing = false;
    for (const faq of top) {
      const item = read.get(`${r.query}\t${faq}`);
      if (item === undefined) {
        missing = true;
        continue;
      }
      const a = readers.a.get(item) === 'same';
      const b = readers.b.get(item) === 'same';
      if (a && b) both = true;
      if (a || b) either = true;
    }
    if (both) c.strict++;
    if (either) c.lenient++;
    else if (missing) c.unread++;
  }
  return c;
}

/** The reading's figures, printed by `npm run bench:kb` (after the real-questions section) and by this script. */
/** `current`: the shipped model's answers when the caller has them already (the bench has built the matcher). */
export function printReading(dir: string, indent = '', current = firstAnswers().rows): void {
  const print = (line: string) => console.log(`${indent}${line}`);
  const { key, readers } = readRounds(dir);
  for (const k of key)
    for (const [name, labels] of Object.entries(readers))
      if (!labels.has(k.item)) throw new Error(`reader ${name} has no label for ${k.item}`);

  const order: JudgeKey['kind'][] = ['gold', 'scorer', 'baseline', 'random', 'scorer2', 'scorer3'];
  const kinds = order.filter((kind) => key.some((k) => k.kind === kind));
  print('Rows read as the same question (same / different / unsure), by kind:');
  for (const kind of kinds) {
    const rows = key.filter((k) => k.kind === kind);
    const line = (labels: Map<string, Label>) => {
      const c = { same: 0, different: 0, unsure: 0 };
      for (const k of rows) c[labels.get(k.item) as Label]++;
      return `${pct(c.same / rows.length)} (${c.same} / ${c.different} / ${c.unsure})`;
    };
    const both = rows.filter((k) => readers.a.get(k.item) === 'same' && readers.b.get(k.item) === 'same').length;
    const either = rows.filter((k) => readers.a.get(k.item) === 'same' || readers.b.get(k.item) === 'same').length;
    print(
      `  ${kind.padEnd(8)} ${String(rows.length).padStart(4)} rows   reader A ${line(readers.a)}   reader B ${line(readers.b)}   both ${pct(both / rows.length)}   either ${pct(either / rows.length)}`,
    );
  }
  const la = key.map((k) => readers.a.get(k.item) as string);
  const lb = key.map((k) => readers.b.get(k.item) as string);
  const agree = la.filter((l, i) => l === lb[i]).length;
  print(
    `Agreement of the readers: ${pct(agree / key.length)} of ${key.length} rows, Cohen's kappa ${kappa(la, lb).toFixed(3)}`,
  );

  // Recall by meaning, for each matcher: an FAQ counts as right when it is the benchmark's, or a row read
  // as the same question. The matchers as they were when the rows were drawn (answers.tsv), then the model
  // shipped now, where its FAQs were read (an FAQ not read counts as wrong, and is counted).
  const [header = [], ...lines] = readFileSync(join(dir, 'answers.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  const col = (name: string) => header.indexOf(name);
  const rows = lines.map((c) => ({
    query: Number(c[col('query')]),
    gold: c[col('gold')] ?? '',
    scorer: [c[col('scorer')] ?? '', c[col('scorer2')] ?? '', c[col('scorer3')] ?? ''].filter(Boolean),
    baseline: [c[col('baseline')] ?? ''],
    current: [] as string[],
  }));
  for (const r of rows) {
    const x = current[r.query];
    r.current = x ? [x.scorer, x.scorer2, x.scorer3].filter(Boolean) : [];
  }
  const read = new Map(key.map((k) => [`${k.query}\t${k.faq}`, k.item]));
  const names = { scorer: 'pair scorer (when read)', baseline: 'TF-IDF baseline', current: 'pair scorer shipped now' };
  for (const matcher of ['scorer', 'baseline', 'current'] as const) {
    for (const depth of matcher === 'baseline' ? [1] : [1, 3]) {
      const c = recallByMeaning(
        rows.map((r) => ({ query: r.query, gold: r.gold, ranked: r[matcher] })),
        depth,
        read,
        readers,
      );
      const n = rows.length;
      print(
        `${names[matcher]}: recall@${depth} by the benchmark's pairs ${pct(c.exact / n)}; counting FAQs both readers read as the same question ${pct((c.exact + c.strict) / n)}; either reader ${pct((c.exact + c.lenient) / n)}${c.unread ? ` (${c.unread} questions with an FAQ not read)` : ''}`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printReading(process.argv[2] ?? 'bench/kb/judged');
