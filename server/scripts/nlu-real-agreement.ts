/**
 * Inter-annotator agreement of the real-data labels. Prints the share of rows with the same label, Cohen's kappa
 * and the most frequent disagreements.
 *  - default: `second-pass.tsv` holds a blind second labelling (by a team member who had not seen the first
 *    labels) of 500 rows drawn at random from the labelled batches;
 *  - `--fresh`: the fresh test set. `fresh-test-second-pass.tsv` (`id	text	label`) is a blind second labelling of
 *    a shuffled sample of its rows; `--fresh --draw N` writes that sample (ids and texts, label empty, fixed seed)
 *    when the file does not exist yet. Where the two passes disagree the row was re-read and adjudicated: the
 *    fresh-test files hold the adjudicated label and `fresh-test-adjudication.tsv` (`id	first	second	final`)
 *    keeps the first label, so the agreement is always that of the two blind passes.
 * Run from `server/`: `node --import tsx scripts/nlu-real-agreement.ts [--fresh [--draw N]]`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { REAL_DATA_DIR, readFreshTestRows, readRealRows } from '../src/modules/nlu/real-data.ts';
import { mulberry32 } from '../src/platform/random.ts';

function tsvRows(name: string): string[][] {
  return readFileSync(new URL(name, REAL_DATA_DIR), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
}

function report(pairs: ReadonlyArray<readonly [first: string, second: string]>): void {
  const n = pairs.length;
  const firstCounts = new Map<string, number>();
  const secondCounts = new Map<string, number>();
  const disagreements = new Map<string, number>();
  let same = 0;
  for (const [a, b] of pairs) {
    firstCounts.set(a, (firstCounts.get(a) ?? 0) + 1);
    secondCounts.set(b, (secondCounts.get(b) ?? 0) + 1);
    if (a === b) same++;
    else disagreements.set(`${a} → ${b}`, (disagreements.get(`${a} → ${b}`) ?? 0) + 1);
  }
  const observed = same / n;
  let expected = 0;
  for (const [label, c] of firstCounts) expected += (c / n) * ((secondCounts.get(label) ?? 0) / n);
  const kappa = (observed - expected) / (1 - expected);
  console.log(`${n} rows, same label ${same} (${(observed * 100).toFixed(1)}%), Cohen's kappa ${kappa.toFixed(3)}`);
  for (const [pair, c] of [...disagreements].sort((x, y) => y[1] - x[1]).slice(0, 10)) console.log(`  ${c}  ${pair}`);
}

const SECOND_PASS_SEED = 16_2028;

if (process.argv.includes('--fresh')) {
  const drawAt = process.argv.indexOf('--draw');
  const sampleFile = 'fresh-test-second-pass.tsv';
  if (drawAt > 0) {
    if (existsSync(new URL(sampleFile, REAL_DATA_DIR))) throw new Error(`${sampleFile} exists: it is drawn once`);
    const size = Number(process.argv[drawAt + 1]);
    const rows = readFreshTestRows();
    const random = mulberry32(SECOND_PASS_SEED);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as (typeof rows)[0], rows[i] as (typeof rows)[0]];
    }
    const sample = rows.slice(0, size);
    writeFileSync(
      new URL(sampleFile, REAL_DATA_DIR),
      `id\ttext\tlabel\n${sample.map((r) => `${r.id}\t${r.text}\t`).join('\n')}\n`,
    );
    console.log(`${sample.length} rows written to ${sampleFile} (label column empty)`);
  } else {
    const final = new Map(readFreshTestRows().map((r) => [r.id, r.label]));
    const adjudicationFile = new URL('fresh-test-adjudication.tsv', REAL_DATA_DIR);
    const firstOf = new Map<string, string>();
    if (existsSync(adjudicationFile))
      for (const [id = '', first = ''] of tsvRows('fresh-test-adjudication.tsv')) firstOf.set(id, first);
    const pairs = tsvRows(sampleFile).map(([id = '', , second = '']) => {
      const first = firstOf.get(id) ?? final.get(id);
      if (first === undefined) throw new Error(`row ${id} of ${sampleFile} is not labelled in the fresh test files`);
      if (!second.trim()) throw new Error(`row ${id} of ${sampleFile} has no second label`);
      return [first, second.trim()] as const;
    });
    report(pairs);
    const changed = [...firstOf].filter(([id, first]) => final.get(id) !== first).length;
    console.log(`adjudicated: ${firstOf.size} disagreements re-read, ${changed} first labels changed`);
  }
} else {
  const first = new Map(readRealRows().map((r) => [r.id, r.label]));
  report(
    tsvRows('second-pass.tsv').map(([id = '', label = '']) => {
      const a = first.get(id);
      if (a === undefined) throw new Error(`row ${id} of second-pass.tsv is not labelled in the batches`);
      return [a, label] as const;
    }),
  );
}
