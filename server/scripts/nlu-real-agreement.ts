/**
 * Inter-annotator agreement of the real-data labels: `second-pass.tsv` holds a blind second labelling (by a
 * team member who had not seen the first labels) of 500 rows drawn at random from the labelled batches.
 * Prints the share of rows with the same label, Cohen's kappa and the most frequent disagreements.
 * Run from `server/`: `node --import tsx scripts/nlu-real-agreement.ts`.
 */
import { readFileSync } from 'node:fs';
import { REAL_DATA_DIR, readRealRows } from '../src/modules/nlu/real-data.ts';

const first = new Map(readRealRows().map((r) => [r.id, r.label]));
const second = readFileSync(new URL('second-pass.tsv', REAL_DATA_DIR), 'utf8')
  .trimEnd()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t') as [string, string]);

const n = second.length;
const firstCounts = new Map<string, number>();
const secondCounts = new Map<string, number>();
const disagreements = new Map<string, number>();
let same = 0;
for (const [id, label] of second) {
  const a = first.get(id);
  if (a === undefined) throw new Error(`row ${id} of second-pass.tsv is not labelled in the batches`);
  firstCounts.set(a, (firstCounts.get(a) ?? 0) + 1);
  secondCounts.set(label, (secondCounts.get(label) ?? 0) + 1);
  if (a === label) same++;
  else disagreements.set(`${a} → ${label}`, (disagreements.get(`${a} → ${label}`) ?? 0) + 1);
}
const observed = same / n;
let expected = 0;
for (const [label, c] of firstCounts) expected += (c / n) * ((secondCounts.get(label) ?? 0) / n);
const kappa = (observed - expected) / (1 - expected);
console.log(`${n} rows, same label ${same} (${(observed * 100).toFixed(1)}%), Cohen's kappa ${kappa.toFixed(3)}`);
for (const [pair, c] of [...disagreements].sort((x, y) => y[1] - x[1]).slice(0, 10)) console.log(`  ${c}  ${pair}`);
