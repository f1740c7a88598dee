/**
 * Quick iteration on splits carved from the training rows only (never the benchmark's held-out rows):
 *
 *   node --import tsx bench/nlu/dev.ts banking77 [--epochs=N] [--l2=a,b]
 *   node --import tsx bench/nlu/dev.ts clinc150
 *   node --import tsx bench/nlu/dev.ts banking77 --carve=8   (another carve of the same rows)
 *
 * BANKING77: the benchmark's 85% training part, split 85/15 again (seed 7). CLINC150: its train +
 * oos_train rows, split 85/15 (seed 7); its validation rows are not read. Prints dev accuracy,
 * in-scope accuracy, out-of-scope recall and training CPU seconds.
 */
import { Classifier } from '../../src/modules/nlu/classifier.ts';
import { type LabelledText, readLabelledCsv } from '../../src/modules/nlu/csv.ts';
import { scorePredictions } from '../../src/modules/nlu/eval.ts';
import { OUT_OF_SCOPE, stratifiedSplit, type TrainOptions, trainModel } from '../../src/modules/nlu/train.ts';
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
// Another carve (--carve=N) checks that a setting chosen on the default one is not fitted to its rows.
const { train, dev } = carved(name, Number(opt('carve') ?? 7));
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
const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(2)}%`);
console.log(
  `${name}: train ${train.length} dev ${dev.length} | acc ${pct(result.accuracy)} in-scope ${pct(result.inScopeAccuracy)} oos recall ${pct(result.oosRecall)} | l2 ${report.l2} T ${report.temperature.toFixed(3)} thr ${report.oosThreshold} | cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
);
