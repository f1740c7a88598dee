/**
 * The public English data sets beside the repository (../shared/data), read the same way by the benchmark
 * (bench.ts) and by the quick iterations on splits carved from their training rows (dev.ts).
 */
import { readFileSync } from 'node:fs';
import { type LabelledText, readLabelledCsv } from '../../src/modules/nlu/csv.ts';
import { OUT_OF_SCOPE, stratifiedSplit } from '../../src/modules/nlu/train.ts';

const SHARED = new URL('../../../../shared/data/', import.meta.url);

/** BANKING77's train.csv split 85/15 (seeded, stratified): the benchmark trains on `train`, scores `heldOut`. */
export function banking77(): { train: LabelledText[]; heldOut: LabelledText[] } {
  const { train, dev } = stratifiedSplit(readLabelledCsv(new URL('banking77/train.csv', SHARED)), 0.15, 2024);
  return { train, heldOut: dev };
}

/** One part of CLINC150 (`train`, `oos_train`, `val`, `oos_val`), its `oos` label read as out-of-scope. */
export function clinc150(): (part: string) => LabelledText[] {
  const json = JSON.parse(readFileSync(new URL('clinc150/train_val.json', SHARED), 'utf8')) as Record<
    string,
    Array<[string, string]>
  >;
  return (part) =>
    (json[part] ?? []).map(([text, intent]) => ({ text, label: intent === 'oos' ? OUT_OF_SCOPE : intent }));
}
