/**
 * Training settings judged on the real customer questions' dev split (never the test split):
 *
 *   node --import tsx bench/nlu/real-dev.ts [--epochs=N] [--lr=x] [--l2=a,b] [--oosw=x] [--nb=x]
 *     [--tune=real|both] [--feat=cjkMax:4,wordWeight:1.2] [--save=a.tsv] [--against=b.tsv] [--confusions] [--per-intent]
 *     [--realshare=0.8 [--sim [--refit]]] [--seed=N] [--team-weight=W]
 *     [--propagate=W[:in]] [--predict-unlabelled=FILE] [--self-train=FILE:T:W[:in]]
 *
 * Trains as scripts/nlu-build-model.ts does (team train.csv + real train, tuned on team dev.csv + real dev unless
 * --tune=real), then prints accuracy, in-scope accuracy and out-of-scope recall on real dev and team dev.
 * --save / --against compare two runs row by row on real dev (rows gained / lost).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Classifier } from '../../src/modules/nlu/classifier.ts';
import { readLabelledCsv } from '../../src/modules/nlu/csv.ts';
import { scorePredictions } from '../../src/modules/nlu/eval.ts';
import { loadModelFile, saveModel } from '../../src/modules/nlu/model-file.ts';
import { normalizeText } from '../../src/modules/nlu/normalize.ts';
import {
  AugmentationGuard,
  type CustomerQuestion,
  propagateLabels,
  readCustomerQuestions,
  readParaphrasePairs,
  textKey,
} from '../../src/modules/nlu/real-augment.ts';
import {
  readFreshTestRows,
  readRealRows,
  readSplitFile,
  realSplit,
  realSplitRows,
} from '../../src/modules/nlu/real-data.ts';
import {
  OUT_OF_SCOPE,
  type TrainOptions,
  type TrainReport,
  trainModel,
  type WeightedText,
} from '../../src/modules/nlu/train.ts';
import { formatAnswers, pairedDifference } from './cross-validation.ts';

const args = process.argv.slice(2);
const opt = (key: string) => args.find((a) => a.startsWith(`--${key}=`))?.split('=')[1];
const dataDir = new URL('../../data/nlu/', import.meta.url);
const teamTrain = readLabelledCsv(new URL('train.csv', dataDir));
const teamDev = readLabelledCsv(new URL('dev.csv', dataDir));
// --realshare=0.8: train on that share of the real training rows (every n-th left out), for a learning curve.
const realShare = Number(opt('realshare') ?? 1);
const kept = (_: unknown, i: number) => Math.floor((i + 1) * realShare) > Math.floor(i * realShare);
const realTrain = realSplit('train').filter(kept);
// --sim: the real training rows left out by --realshare stand in for real dev (tuned on with team dev,
// and with --refit trained on afterwards, as scripts/nlu-build-model.ts does with real dev); real dev stays unseen.
const leftOut = realSplit('train').filter((r, i) => !kept(r, i));
const sim = args.includes('--sim');
// --dev-split=FILE: real dev is the rows FILE (an earlier split.tsv) puts in dev, so that runs before and after
// more rows were labelled are scored on the same rows (rows dealt to dev since are then used by neither side).
const devSplitFile = opt('dev-split');
const realDev = devSplitFile
  ? (() => {
      const old = readSplitFile(new URL(`file://${devSplitFile.replace(/split\.tsv$/, '')}`));
      return readRealRows()
        .filter((r) => old.get(r.id) === 'dev')
        .map(({ text, label }) => ({ text, label }));
    })()
  : realSplit('dev');
// --propagate=W[:in]: rows labelled through the atec / afqmc paraphrase pairs from the real training rows (real-augment.ts),
// at loss weight W. --self-train=FILE:T:W[:in]: rows of FILE (written by --predict-unlabelled=FILE: the
// unlabelled customer questions the guard lets through, with a model's answer and its probability) whose
// probability is at least T, at weight W (`:in`: in-scope answers only).
const sharedDir = fileURLToPath(new URL('../../../../shared/data/zh-customer/', import.meta.url));
let guardMemo: AugmentationGuard | undefined;
let questionsMemo: CustomerQuestion[] | undefined;
const questions = () => {
  questionsMemo ??= readCustomerQuestions(`${sharedDir}questions.tsv`);
  return questionsMemo;
};
const guard = () => {
  const fresh = readFreshTestRows();
  guardMemo ??= new AugmentationGuard({
    questions: questions(),
    labelled: [...readRealRows(), ...fresh],
    heldOut: [...realSplitRows('dev'), ...realSplitRows('test'), ...fresh],
  });
  return guardMemo;
};
const augmented: WeightedText[] = [];
if (opt('propagate')) {
  const { rows, excluded } = propagateLabels(readParaphrasePairs(`${sharedDir}pairs.tsv`), realTrain, guard());
  console.log(`propagated ${rows.length} rows; left out ${JSON.stringify(excluded)}`);
  const [w = '1', scope = ''] = (opt('propagate') as string).split(':');
  const weight = Number(w);
  augmented.push(...rows.filter((r) => scope !== 'in' || r.label !== OUT_OF_SCOPE).map((r) => ({ ...r, weight })));
}
if (opt('self-train')) {
  const [file = '', t = '0.9', w = '1', scope = ''] = (opt('self-train') as string).split(':');
  const taken = new Set(augmented.map((r) => textKey(r.text)));
  const rows = readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(
      ([text = '', label = '', p = '0']) =>
        Number(p) >= Number(t) && (scope !== 'in' || label !== OUT_OF_SCOPE) && !taken.has(textKey(text)),
    )
    .map(([text = '', label = '']) => ({ text, label, weight: Number(w) }));
  console.log(`self-training rows: ${rows.length}`);
  augmented.push(...rows);
}
// --team-weight=W: the team-written rows at loss weight W (the real rows at 1).
const teamWeight = Number(opt('team-weight') ?? 1);
const train: WeightedText[] = [
  ...(teamWeight === 1 ? teamTrain : teamTrain.map((r) => ({ ...r, weight: teamWeight }))),
  ...realTrain,
  ...augmented,
];
const options: TrainOptions = {
  seed: Number(opt('seed') ?? 42),
  oosClassWeight: Number(opt('oosw') ?? 2),
  // --tune=folds: no dev at all; L2, temperature and the out-of-scope rule are chosen on the training rows
  // scored out of fold (three stratified folds), so real dev is held out from every choice.
  ...(opt('tune') === 'folds'
    ? {}
    : { dev: sim ? [...teamDev, ...leftOut] : opt('tune') === 'real' ? realDev : [...teamDev, ...realDev] }),
  ...(args.includes('--refit') ? { refitWith: sim ? leftOut : realDev } : {}),
  ...(opt('epochs') ? { epochs: Number(opt('epochs')) } : {}),
  ...(opt('l2') ? { l2Grid: (opt('l2') as string).split(',').map(Number) } : {}),
  ...(opt('nb') ? { nbWeight: Number(opt('nb')) } : {}),
  ...(opt('rule') ? { oosRule: opt('rule') as NonNullable<TrainOptions['oosRule']> } : {}),
  ...(opt('lr') ? { learningRate: Number(opt('lr')) } : {}),
  // --feat=cjkMax:4,wordWeight:1.2 — vectoriser options (numbers, or true / false).
  ...(opt('feat')
    ? {
        features: Object.fromEntries(
          (opt('feat') as string).split(',').map((kv) => {
            const [k = '', v = ''] = kv.split(':');
            return [k, v === 'true' ? true : v === 'false' ? false : Number(v)];
          }),
        ),
      }
    : {}),
  ...(args.includes('--verbose') ? { log: (m: string) => console.log(`  ${m}`) } : {}),
};
const c0 = process.cpuUsage();
// --model=FILE: score a saved model instead of training (classifier-side changes); --write-model=FILE saves it.
const loaded = opt('model');
const { model, report } = loaded
  ? (() => {
      const m = loadModelFile(loaded);
      return { model: m, report: m.info as unknown as TrainReport };
    })()
  : trainModel(train, options);
const cpu = process.cpuUsage(c0);
if (opt('write-model')) saveModel(model, opt('write-model') as string);
const classifier = new Classifier(model);
const pct = (x: number | null | undefined) => (x == null ? '—' : `${(x * 100).toFixed(2)}%`);
const answer = (rows: typeof realDev) => rows.map((r) => classifier.classify(r.text).intent);
const realAnswers = answer(realDev);
const real = scorePredictions(
  realDev.map((r) => r.label),
  realAnswers,
  OUT_OF_SCOPE,
);
const team = scorePredictions(
  teamDev.map((r) => r.label),
  answer(teamDev),
  OUT_OF_SCOPE,
);
// The model's top label before any out-of-scope rule: compares two models whatever threshold each tuning chose.
const rawRight = realDev.filter((r) => {
  const p = classifier.probabilities(normalizeText(r.text));
  let top = 0;
  for (let k = 1; k < p.length; k++) if ((p[k] as number) > (p[top] as number)) top = k;
  return model.labels[top] === r.label;
}).length;
console.log(
  `${args.join(' ') || '(defaults)'} | real dev ${pct(real.accuracy)} (top label ${pct(rawRight / realDev.length)}) in ${pct(real.inScopeAccuracy)} oos ${pct(real.oosRecall)} | team dev ${pct(team.accuracy)} | l2 ${report.l2} T ${report.temperature.toFixed(3)} lo ${report.oosLogOdds} | cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
);
if (args.includes('--confusions')) {
  const pairs = new Map<string, number>();
  realDev.forEach((r, i) => {
    if (realAnswers[i] !== r.label) {
      const k = `${r.label} → ${realAnswers[i]}`;
      pairs.set(k, (pairs.get(k) ?? 0) + 1);
    }
  });
  for (const [k, n] of [...pairs].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${n}\t${k}`);
}
if (args.includes('--per-intent')) {
  // Recall of each label with at least 10 real dev rows (the bar is 75% for labels with ≥ 15 test rows).
  const by = new Map<string, { rows: number; right: number }>();
  realDev.forEach((r, i) => {
    const e = by.get(r.label) ?? { rows: 0, right: 0 };
    e.rows++;
    if (realAnswers[i] === r.label) e.right++;
    by.set(r.label, e);
  });
  for (const [label, e] of [...by]
    .filter(([, e]) => e.rows >= 10)
    .sort((a, b) => a[1].right / a[1].rows - b[1].right / b[1].rows))
    console.log(`  ${pct(e.right / e.rows)}\t${e.right} / ${e.rows}\t${label}`);
}
const predictFile = opt('predict-unlabelled');
if (predictFile) {
  const labelledKeys = new Set(augmented.map((r) => textKey(r.text)));
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const q of questions()) {
    const k = textKey(q.text);
    if (seen.has(k) || labelledKeys.has(k)) continue;
    seen.add(k);
    if (guard().exclusion(q.text)) continue;
    const c = classifier.classify(q.text);
    const p = c.probabilities.get(c.intent) ?? 0;
    lines.push(`${q.text}\t${c.intent}\t${p.toFixed(4)}`);
  }
  writeFileSync(predictFile, `${lines.join('\n')}\n`);
  console.log(`wrote ${lines.length} unlabelled questions with their answers to ${predictFile}`);
}
const save = opt('save');
if (save) writeFileSync(save, formatAnswers(realDev, realAnswers));
const against = opt('against');
if (against) {
  const d = pairedDifference(realDev, realAnswers, readFileSync(against, 'utf8'));
  console.log(`  against ${against}: +${d.gained} −${d.lost} (net ${d.gained - d.lost}, z ${d.z.toFixed(2)})`);
}
