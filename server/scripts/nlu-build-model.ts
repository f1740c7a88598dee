/**
 * Builds the shipped model `data/nlu/model.bin` from the team-written corpus `data/nlu/train.csv` and the
 * train split of the labelled real customer questions (`data/nlu/real`), tuning and calibrating on
 * `data/nlu/dev.csv` and the real dev split, then training the final model on the real dev rows too with
 * the chosen settings, and prints the held-out tuning figures and the written file's figures. The real test split and
 * the fresh test set are never read here.
 * Run with `node --import tsx scripts/nlu-build-model.ts` from `server/`.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readLabelledCsv } from '../src/modules/nlu/csv.ts';
import { evaluate } from '../src/modules/nlu/eval.ts';
import { loadModelFile, saveModel } from '../src/modules/nlu/model-file.ts';
import { realModelRows } from '../src/modules/nlu/real-data.ts';
import { trainModel } from '../src/modules/nlu/train.ts';

const dataDir = new URL('../data/nlu/', import.meta.url);
// The real rows come from realModelRows: never a test row, a fresh test row or a row of the reserved bucket.
const realRows = realModelRows();
const realDev = realRows.dev.map(({ text, label }) => ({ text, label }));
const train = [
  ...readLabelledCsv(new URL('train.csv', dataDir)),
  ...realRows.train.map(({ text, label }) => ({ text, label })),
];
const teamDev = readLabelledCsv(new URL('dev.csv', dataDir));
const dev = [...teamDev, ...realDev];
const out = new URL('model.bin', dataDir);

// Out-of-scope rows weigh 2× a balanced class: real customers ask about other products a lot. On the real dev
// split 3× answered 82.1% right against 81.2% at 1× (out-of-scope recall 92.6% against 88.9%); with the naive
// Bayes term and the log-odds rule (train.ts), 2× / 3× / 4× answered 84.5 / 84.4 / 83.8% (in-scope 80.0 / 78.8 /
// 77.1%, out-of-scope recall 90.8 / 92.6 / 93.4%): 2× keeps the most in-scope answers right.
// Once everything is tuned on both dev sets, the final model also trains on the real dev rows (refitWith):
// real rows are what it lacks most (real dev 79.3 / 80.1 / 82.1% with 60 / 80 / 100% of the real training
// rows, see train.ts). dev.csv stays unseen. The real dev figures printed after that are of rows it
// trained on; `report` keeps the held-out ones, of the model tuned before the refit.
const { model, report } = trainModel(train, {
  dev,
  oosClassWeight: 2,
  refitWith: realDev,
  log: (m) => console.log(m),
});
saveModel(model, out);
const reloaded = loadModelFile(out);
const metrics = evaluate(reloaded, teamDev);
const real = evaluate(reloaded, realDev);
console.log(
  JSON.stringify(
    {
      file: fileURLToPath(out),
      bytes: statSync(out).size,
      ...report,
      // dev.csv alone: never trained on.
      teamDev: {
        accuracy: metrics.accuracy,
        macroF1: metrics.macroF1,
        oosRecall: metrics.oosRecall,
        p50Ms: metrics.p50Ms,
        p99Ms: metrics.p99Ms,
      },
      // Trained on since the refit: not held out (the held-out figures are devAccuracy & co. above).
      realDevTrainedOn: { accuracy: real.accuracy, inScopeAccuracy: real.inScopeAccuracy, oosRecall: real.oosRecall },
    },
    null,
    2,
  ),
);
