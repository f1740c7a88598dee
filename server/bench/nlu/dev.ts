/**
 * Quick iteration on splits carved from the training rows only (never the benchmark's held-out rows):
 *
 *   node --import tsx bench/nlu/dev.ts banking77 [--epochs=N] [--l2=a,b]
 *   node --import tsx bench/nlu/dev.ts clinc150
 *   node --import tsx bench/nlu/dev.ts banking77 --carve=8   (another carve of the same rows)
 *   node --import tsx bench/nlu/dev.ts banking77 --cv=5 [--save=a.tsv] [--against=b.tsv]
 *
 * --cv=K: K stratified folds over all the carve's rows (train + dev, e.g. BANKING77's whole 85% training
 * part, 8,504 rows); a model trained on the other folds answers each fold, so a setting is judged on every
 * row answered out of fold instead of one carve's 1,275 (one row there is 0.08 points). --save writes each
 * row's gold and answered label; --against reads such a file (same data, same K) and prints the paired
 * difference: rows only this run answers right, rows only the other does. --cvseed=N deals other folds.
 *
 * BANKING77: the benchmark's 85% training part, split 85/15 again (seed 7). CLINC150: its train +
 * oos_train rows, split 85/15 (seed 7); its validation rows are not read. Prints dev accuracy,
 * in-scope accuracy, out-of-scope recall and training CPU seconds.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { Classifier } from '../../src/modules/nlu/classifier.ts';
import { type LabelledText, readLabelledCsv } from '../../src/modules/nlu/csv.ts';
import { scorePredictions } from '../../src/modules/nlu/eval.ts';
import { OUT_OF_SCOPE, stratifiedSplit, type TrainOptions, trainModel } from '../../src/modules/nlu/train.ts';
import { formatAnswers, outOfFoldAnswers, pairedDifference } from './cross-validation.ts';
import { banking77, clinc150 } from './public-data.ts';

function carved(name: string, seed: number): { train: LabelledText[]; dev: LabelledText[] } {
  if (name === 'banking77') return stratifiedSplit(banking77().train, 0.15, seed);
  if (name === 'clinc150') {
    const rows = clinc150();
    // Half the 100 out-of-scope training rows go to dev, so its out-of-scope recall is not a handful of rows.
    const inScope = stratifiedSplit(rows('train'), 0.15, seed);
    const oos = stratifiedSplit(rows('oos_train'), 0.5, seed);
    return { train: [...inScope.train, ...oos.train], dev: [...inScope.dev, ...oos.dev] };
  }
  if (name === 'zh') {
    const rows = readLabelledCsv(new URL('../../data/nlu/train.csv', import.meta.url));
    return stratifiedSplit(rows, 0.15, seed);
  }
  throw new Error(`unknown data set ${name}`);
}

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--')) ?? 'banking77';
const opt = (key: string) => args.find((a) => a.startsWith(`--${key}=`))?.split('=')[1];
const options: TrainOptions = {
  seed: 42,
  ...(opt('epochs') ? { epochs: Number(opt('epochs')) } : {}),
  ...(opt('l2') ? { l2Grid: (opt('l2') as string).split(',').map(Number) } : {}),
  ...(opt('lr') ? { learningRate: Number(opt('lr')) } : {}),
  ...(opt('folds') ? { folds: Number(opt('folds')) } : {}),
  ...(opt('oosw') ? { oosClassWeight: Number(opt('oosw')) } : {}),
  ...(opt('nb') ? { nbWeight: Number(opt('nb')) } : {}),
  ...(opt('nbs') ? { nbSmoothing: Number(opt('nbs')) } : {}),
  ...(args.includes('--verbose') ? { log: (m: string) => console.log(`  ${m}`) } : {}),
};
const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(2)}%`);
// Another carve (--carve=N) checks that a setting chosen on the default one is not fitted to its rows.
const { train, dev } = carved(name, Number(opt('carve') ?? 7));
if (opt('cv')) crossValidate([...train, ...dev], Number(opt('cv')));
else carveOnce();

function carveOnce(): void {
  const c0 = process.cpuUsage();
  const { model, report } = trainModel(train, options);
  const cpu = process.cpuUsage(c0);
  const classifier = new Classifier(model);
  const predicted = dev.map((r) => classifier.classify(r.text).intent);
  const result = scorePredictions(
    dev.map((r) => r.label),
    predicted,
    OUT_OF_SCOPE,
  );
  console.log(
    `${name}: train ${train.length} dev ${dev.length} | acc ${pct(result.accuracy)} in-scope ${pct(result.inScopeAccuracy)} oos recall ${pct(result.oosRecall)} | l2 ${report.l2} T ${report.temperature.toFixed(3)} thr ${report.oosThreshold} | cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
  );
}

function crossValidate(rows: LabelledText[], k: number): void {
  const c0 = process.cpuUsage();
  // Its own seed (--cvseed=N for another partition): the folds do not line up with the single carve.
  const answers = outOfFoldAnswers(
    rows,
    k,
    Number(opt('cvseed') ?? 11),
    (train) => {
      const classifier = new Classifier(trainModel(train, options).model);
      return (text) => classifier.classify(text).intent;
    },
    (f) => console.log(`  fold ${f.fold}: ${f.right} / ${f.rows} = ${pct(f.right / f.rows)}`),
  );
  const cpu = process.cpuUsage(c0);
  const answered = rows.flatMap((r, i) => {
    const answer = answers[i];
    return answer === undefined ? [] : [{ gold: r.label, answer }];
  });
  const result = scorePredictions(
    answered.map((a) => a.gold),
    answered.map((a) => a.answer),
    OUT_OF_SCOPE,
  );
  const right = answered.filter((a) => a.gold === a.answer).length;
  console.log(
    `${name} cv=${k}: ${right} / ${answered.length} = ${pct(result.accuracy)} in-scope ${pct(result.inScopeAccuracy)} oos recall ${pct(result.oosRecall)} | cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
  );
  const save = opt('save');
  if (save) writeFileSync(save, formatAnswers(rows, answers));
  const against = opt('against');
  if (against) {
    const d = pairedDifference(rows, answers, readFileSync(against, 'utf8'));
    console.log(`against ${against}: +${d.gained} −${d.lost} rows (net ${d.gained - d.lost}, z ${d.z.toFixed(2)})`);
  }
}
