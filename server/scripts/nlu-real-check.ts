/**
 * Checks the hand-labelled batches of data/nlu/real/batches: every label written must be an intent code of
 * the shared taxonomy or `out_of_scope` (exit 1 otherwise), and prints how many rows each batch still has
 * unlabelled and how many rows each label has so far. It never proposes a label: rows are labelled by reading.
 * Run from `server/`: `node --import tsx scripts/nlu-real-check.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { INTENT_CODES, isIntent } from '@carddesk/contracts';

const dir = new URL('../data/nlu/real/batches/', import.meta.url);
const counts = new Map<string, number>(INTENT_CODES.map((code) => [code, 0]));
let invalid = 0;
let labelled = 0;
for (const name of readdirSync(dir)
  .filter((f) => /^(batch|supplement|extra)-\d+\.tsv$/.test(f))
  .sort()) {
  const rows = readFileSync(new URL(name, dir), 'utf8').trimEnd().split('\n').slice(1);
  let empty = 0;
  rows.forEach((line, i) => {
    const label = (line.split('\t')[2] ?? '').trim();
    if (!label) empty++;
    else if (!isIntent(label)) {
      invalid++;
      console.log(`${name} line ${i + 2}: not an intent code: ${label}`);
    } else {
      labelled++;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  });
  console.log(`${name}: ${rows.length - empty}/${rows.length} labelled`);
}
console.log(`${labelled} labelled rows`);
for (const [code, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${code}`);
process.exitCode = invalid > 0 ? 1 : 0;
