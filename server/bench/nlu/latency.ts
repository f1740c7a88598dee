/**
 * Per-utterance latency on a split carved from a data set's training rows (as dev.ts carves it), for
 * profiling the serving path without the benchmark's held-out rows:
 *
 *   node --import tsx bench/nlu/latency.ts clinc150 [--model=FILE] [--passes=N]
 *
 * With --model=FILE the model is read from FILE when it exists, and trained then written there when it
 * does not (training CLINC150 takes about a minute; profiling runs reuse it). Prints p50 / p99 of each
 * pass, the CPU time of the passes, and a checksum of the answers so that a faster path can be shown to
 * answer the same.
 */
import { existsSync } from 'node:fs';
import { Classifier } from '../../src/modules/nlu/classifier.ts';
import type { LabelledText } from '../../src/modules/nlu/csv.ts';
import { percentile } from '../../src/modules/nlu/eval.ts';
import { loadModelFile, type NluModel, saveModel } from '../../src/modules/nlu/model-file.ts';
import { stratifiedSplit, trainModel } from '../../src/modules/nlu/train.ts';
import { banking77, clinc150 } from './public-data.ts';

function carved(name: string): { train: LabelledText[]; dev: LabelledText[] } {
  if (name === 'banking77') return stratifiedSplit(banking77().train, 0.15, 7);
  if (name === 'clinc150') {
    const rows = clinc150();
    const inScope = stratifiedSplit(rows('train'), 0.15, 7);
    const oos = stratifiedSplit(rows('oos_train'), 0.5, 7);
    return { train: [...inScope.train, ...oos.train], dev: [...inScope.dev, ...oos.dev] };
  }
  throw new Error(`unknown data set ${name}: use banking77 or clinc150`);
}

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--')) ?? 'clinc150';
const opt = (key: string) => args.find((a) => a.startsWith(`--${key}=`))?.split('=')[1];
const file = opt('model');
const passes = Number(opt('passes') ?? 5);
const { train, dev } = carved(name);
let model: NluModel;
if (file && existsSync(file)) model = loadModelFile(file);
else {
  model = trainModel(train, { seed: 42 }).model;
  if (file) saveModel(model, file);
}
// Served as the benchmark serves it: from the file format (int8 weights).
const classifier = new Classifier(model);
for (const r of dev.slice(0, 50)) classifier.classify(r.text);
let checksum = 0;
let confidenceSum = 0;
const c0 = process.cpuUsage();
for (let pass = 0; pass < passes; pass++) {
  const times: number[] = [];
  for (const r of dev) {
    const t0 = performance.now();
    const c = classifier.classify(r.text);
    times.push(performance.now() - t0);
    if (pass === 0) {
      for (let i = 0; i < c.intent.length; i++) checksum = (Math.imul(checksum, 31) + c.intent.charCodeAt(i)) | 0;
      confidenceSum += c.confidence;
    }
  }
  times.sort((a, b) => a - b);
  console.log(`pass ${pass}: p50 ${percentile(times, 50).toFixed(4)} ms  p99 ${percentile(times, 99).toFixed(4)} ms`);
}
const cpu = process.cpuUsage(c0);
console.log(
  `${name}: ${dev.length} rows × ${passes} passes, CPU ${(((cpu.user + cpu.system) / 1e3 / (dev.length * passes)) * 1000).toFixed(1)} µs/row | answers ${checksum} confidence sum ${confidenceSum.toFixed(6)}`,
);
