/**
 * Writes data/nlu/real/split.tsv: the fixed train / dev / test assignment of the hand-labelled real rows
 * (see `src/modules/nlu/real-data.ts` for the rule). Rows that already have a split keep it; only newly
 * labelled rows are dealt. Run from `server/`: `node --import tsx scripts/nlu-real-split.ts`.
 */
import { writeFileSync } from 'node:fs';
import { assignSplits, REAL_DATA_DIR, REAL_SPLITS, readRealRows, readSplitFile } from '../src/modules/nlu/real-data.ts';

const rows = readRealRows();
const existing = readSplitFile();
const splits = assignSplits(rows, existing);
const ids = [...splits.keys()].sort((a, b) => Number(a) - Number(b));
writeFileSync(
  new URL('split.tsv', REAL_DATA_DIR),
  `id\tsplit\n${ids.map((id) => `${id}\t${splits.get(id)}`).join('\n')}\n`,
);
const counts = Object.fromEntries(REAL_SPLITS.map((s) => [s, ids.filter((id) => splits.get(id) === s).length]));
console.log(`${rows.length} labelled rows; ${splits.size - existing.size} newly assigned; ${JSON.stringify(counts)}`);
