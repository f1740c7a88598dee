/**
 * Training rows of the real customer questions that a model trained without them contradicts with
 * confidence, for a person to re-read (label noise). Cross-validated over the real TRAIN split only (the
 * dev split is left alone so its figures are not steered, the test split is never read): the real train
 * rows are cut into K folds, each scored by a model trained on team train.csv and the other folds.
 *
 *   node --import tsx bench/nlu/real-suspects.ts [--folds=5] [--min=0.9] > suspects.tsv
 *
 * Prints `id	text	label	predicted	probability` for rows whose predicted label differs from theirs with
 * probability ≥ --min, most confident first. It proposes nothing: a row is corrected only after reading it.
 */
import { Classifier } from '../../src/modules/nlu/classifier.ts';
import { readLabelledCsv } from '../../src/modules/nlu/csv.ts';
import { readRealRows, readSplitFile } from '../../src/modules/nlu/real-data.ts';
import { stratifiedFolds, trainModel } from '../../src/modules/nlu/train.ts';

const args = process.argv.slice(2);
const opt = (key: string) => args.find((a) => a.startsWith(`--${key}=`))?.split('=')[1];
const folds = Number(opt('folds') ?? 5);
const min = Number(opt('min') ?? 0.9);
const teamTrain = readLabelledCsv(new URL('../../data/nlu/train.csv', import.meta.url));
const splits = readSplitFile();
const rows = readRealRows().filter((r) => splits.get(r.id) === 'train');
const fold = stratifiedFolds(rows, folds, 7);
const out: Array<{ line: string; p: number }> = [];
for (let f = 0; f < folds; f++) {
  const held = rows.filter((_, i) => fold[i] === f);
  const rest = rows.filter((_, i) => fold[i] !== f);
  // One L2 candidate and the held fold as "dev": trained once; only the argmax and its probability are used.
  const { model } = trainModel([...teamTrain, ...rest], { dev: held, l2Grid: [1e-5], oosClassWeight: 3 });
  const classifier = new Classifier(model);
  for (const r of held) {
    const c = classifier.classify(r.text);
    if (c.intent !== r.label && c.confidence >= min)
      out.push({ line: `${r.id}\t${r.text}\t${r.label}\t${c.intent}\t${c.confidence.toFixed(3)}`, p: c.confidence });
  }
  console.error(`fold ${f + 1}/${folds}: ${held.length} rows`);
}
out.sort((a, b) => b.p - a.p);
console.log(`id\ttext\tlabel\tpredicted\tprobability\n${out.map((o) => o.line).join('\n')}`);
