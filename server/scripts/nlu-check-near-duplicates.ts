/**
 * Lists the rows of `data/nlu/train.csv` (or of candidate rows: `--rows FILE.csv`) at or above the near-duplicate
 * threshold against each held-out split, naming the split but never printing its text, so a corpus writer can
 * drop them without writing toward the held-out rows. Exits 1 when it finds any.
 * Run with `node --import tsx scripts/nlu-check-near-duplicates.ts [--rows FILE.csv]` from `server/`.
 */
import { resolve } from 'node:path';
import { readLabelledCsv } from '../src/modules/nlu/csv.ts';
import { HELD_OUT_SPLITS, NEAR_DUPLICATE_THRESHOLD, nearDuplicates } from '../src/modules/nlu/near-duplicates.ts';

const dataDir = new URL('../data/nlu/', import.meta.url);
const rowsAt = process.argv.indexOf('--rows');
const rowsFile = rowsAt > 0 ? process.argv[rowsAt + 1] : undefined;
const checked = readLabelledCsv(rowsFile ? resolve(rowsFile) : new URL('train.csv', dataDir));
const name = rowsFile ?? 'train';
let total = 0;
for (const split of HELD_OUT_SPLITS) {
  const found = nearDuplicates(checked, readLabelledCsv(new URL(`${split}.csv`, dataDir)));
  total += found.length;
  console.log(`${name} rows at or above ${NEAR_DUPLICATE_THRESHOLD} against a ${split} row: ${found.length}`);
  for (const d of found) console.log(`  ${d.similarity.toFixed(2)}  line ${d.index + 2}  ${d.row.text},${d.row.label}`);
}
process.exitCode = total > 0 ? 1 : 0;
