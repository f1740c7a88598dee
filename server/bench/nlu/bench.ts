/**
 * NLU benchmark: CardDesk's classifier beside NLP.js, trained on the same rows in the same run.
 *
 *   npm run bench:nlu                  all data sets
 *   npm run bench:nlu -- zh banking77  some of them (zh, zh-test, banking77, clinc150)
 *   npm run bench:nlu -- --no-nlpjs    skip the NLP.js side (it is slow to train on the larger sets)
 *
 * Data sets: the shipped Chinese corpus (trained on train.csv, scored on dev.csv, which neither side
 * sees in training: CardDesk carves its own tuning split out of train.csv here), BANKING77 (a seeded,
 * stratified 15% dev split carved out of its train.csv) and CLINC150 (train + oos_train, scored on
 * val + oos_val; its `oos` label is out-of-scope). The public sets are read from `../shared/data/`
 * beside the repository. Prints a table and writes docs/benchmarks/nlu.md.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Classifier } from '../../src/modules/nlu/classifier.ts';
import { type LabelledText, readLabelledCsv } from '../../src/modules/nlu/csv.ts';
import { BUILTIN_MODEL_FILE } from '../../src/modules/nlu/engine.ts';
import { type EvalResult, evaluate, percentile, scorePredictions } from '../../src/modules/nlu/eval.ts';
import { loadModelFile, saveModel } from '../../src/modules/nlu/model-file.ts';
import { segmenter } from '../../src/modules/nlu/segmenter.ts';
import { OUT_OF_SCOPE, stratifiedSplit, trainModel } from '../../src/modules/nlu/train.ts';

const SERVER = new URL('../../', import.meta.url);
const REPO = new URL('../', SERVER);
const SHARED = new URL('../shared/data/', REPO);
const require = createRequire(import.meta.url);

interface DataSet {
  name: string;
  language: 'zh' | 'en';
  train: LabelledText[];
  test: LabelledText[];
  note: string;
}

function loadDataSet(name: string): DataSet {
  if (name === 'zh') {
    return {
      name: 'CardDesk 中文 (dev)',
      language: 'zh',
      train: readLabelledCsv(new URL('data/nlu/train.csv', SERVER)),
      test: readLabelledCsv(new URL('data/nlu/dev.csv', SERVER)),
      note: 'server/data/nlu train.csv → dev.csv',
    };
  }
  if (name === 'zh-test') {
    return {
      name: 'CardDesk 中文 (test)',
      language: 'zh',
      train: readLabelledCsv(new URL('data/nlu/train.csv', SERVER)),
      test: readLabelledCsv(new URL('data/nlu/test.csv', SERVER)),
      note: 'server/data/nlu train.csv → test.csv (written after the model, never tuned on)',
    };
  }
  if (name === 'banking77') {
    const rows = readLabelledCsv(new URL('banking77/train.csv', SHARED));
    const { train, dev } = stratifiedSplit(rows, 0.15, 2024);
    return { name: 'BANKING77', language: 'en', train, test: dev, note: 'train.csv, seeded stratified 85/15 split' };
  }
  if (name === 'clinc150') {
    const json = JSON.parse(readFileSync(new URL('clinc150/train_val.json', SHARED), 'utf8')) as Record<
      string,
      Array<[string, string]>
    >;
    const rows = (key: string) =>
      (json[key] ?? []).map(([text, intent]) => ({ text, label: intent === 'oos' ? OUT_OF_SCOPE : intent }));
    return {
      name: 'CLINC150 (+oos)',
      language: 'en',
      train: [...rows('train'), ...rows('oos_train')],
      test: [...rows('val'), ...rows('oos_val')],
      note: 'train+oos_train → val+oos_val',
    };
  }
  throw new Error(`unknown data set ${name}: use zh, zh-test, banking77 or clinc150`);
}

interface Row {
  dataSet: string;
  system: string;
  trainRows: number;
  testRows: number;
  accuracy: number;
  macroF1: number;
  inScopeAccuracy?: number;
  oosRecall?: number;
  trainS: number;
  /** CPU time of this process while training: what the training costs, whatever else shares the machine. */
  trainCpuS: number;
  p50Ms: number;
  p99Ms: number;
  loadMs?: number;
  fileMB?: number;
}

function fromEval(ds: DataSet, system: string, r: EvalResult, trainS: number, trainCpuS: number): Row {
  return {
    dataSet: ds.name,
    system,
    trainRows: ds.train.length,
    testRows: ds.test.length,
    accuracy: r.accuracy,
    macroF1: r.macroF1,
    ...(r.inScopeAccuracy !== undefined ? { inScopeAccuracy: r.inScopeAccuracy } : {}),
    ...(r.oosRecall !== undefined ? { oosRecall: r.oosRecall } : {}),
    trainS,
    trainCpuS,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
  };
}

function benchCardDesk(ds: DataSet): Row {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { model } = trainModel(ds.train, { seed: 42 });
  const trainS = (performance.now() - t0) / 1000;
  const trainCpuS = cpuSeconds(c0);
  // Load time and size as in production: from the file, in a state where the segmenter is already up
  // (the server loads it once; it is counted in the built-in model's load time below).
  const file = join(tmpdir(), `carddesk-nlu-bench-${process.pid}.json`);
  saveModel(model, file);
  segmenter();
  const l0 = performance.now();
  const loaded = new Classifier(loadModelFile(file));
  loaded.classify('warm up');
  const loadMs = performance.now() - l0;
  const result = bestLatency(() => evaluate(loaded, ds.test));
  return { ...fromEval(ds, 'CardDesk', result, trainS, trainCpuS), loadMs, fileMB: statSync(file).size / 1e6 };
}

/**
 * The machine is shared: other processes preempt ours and show up as latency. Each system is timed over
 * LATENCY_RUNS passes of the test rows and the pass with the lowest p99 is kept (answers are identical
 * between passes; only timings differ).
 */
const LATENCY_RUNS = 3;

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

function bestLatency<T extends { p50Ms: number; p99Ms: number }>(run: () => T): T {
  let best = run();
  for (let i = 1; i < LATENCY_RUNS; i++) {
    const next = run();
    if (next.p99Ms < best.p99Ms) best = next;
  }
  return best;
}

interface NlpJs {
  addLanguage(lang: string): void;
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<unknown>;
  process(lang: string, text: string): Promise<{ intent: string; score: number }>;
  settings: Record<string, unknown>;
}

async function benchNlpJs(ds: DataSet): Promise<Row> {
  const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap: () => Promise<Container> };
  const { Nlp } = require('@nlpjs/nlp') as { Nlp: unknown };
  const lang = ds.language === 'zh' ? require('@nlpjs/lang-zh').LangZh : require('@nlpjs/lang-en').LangEn;
  interface Container {
    use(plugin: unknown): void;
    get(name: string): NlpJs;
  }
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(lang);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.autoLoad = false;
  nlp.addLanguage(ds.language);
  for (const r of ds.train) nlp.addDocument(ds.language, r.text, r.label);
  // NLP.js prints every training epoch; keep the benchmark output readable.
  const log = console.log;
  console.log = () => {};
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    await nlp.train();
  } finally {
    console.log = log;
  }
  const trainS = (performance.now() - t0) / 1000;
  const trainCpuS = cpuSeconds(c0);
  for (const r of ds.test.slice(0, 20)) await nlp.process(ds.language, r.text);
  let predicted: string[] = [];
  let times: number[] = [];
  let bestP99 = Number.POSITIVE_INFINITY;
  for (let run = 0; run < LATENCY_RUNS; run++) {
    const answers: string[] = [];
    const t: number[] = [];
    for (const r of ds.test) {
      const s = performance.now();
      const res = await nlp.process(ds.language, r.text);
      t.push(performance.now() - s);
      // NLP.js answers "None" when no intent is confident: its way of saying out-of-scope.
      answers.push(res.intent === 'None' ? OUT_OF_SCOPE : res.intent);
    }
    t.sort((a, b) => a - b);
    if (percentile(t, 99) < bestP99) {
      bestP99 = percentile(t, 99);
      predicted = answers;
      times = t;
    }
  }
  const scored = scorePredictions(
    ds.test.map((r) => r.label),
    predicted,
    OUT_OF_SCOPE,
  );
  return fromEval(
    ds,
    'NLP.js 4',
    { ...scored, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) },
    trainS,
    trainCpuS,
  );
}

/** Load time and memory of the shipped model, measured once in this process. */
function builtinFootprint(): { loadMs: number; heapMB: number; fileMB: number } {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const c = new Classifier(loadModelFile(BUILTIN_MODEL_FILE));
  c.classify('你好，我想查一下信用卡账单');
  const loadMs = performance.now() - t0;
  gc();
  const after = process.memoryUsage();
  // Heap + array buffers (typed arrays of weights live outside the JS heap).
  const heapMB = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1e6;
  return { loadMs, heapMB, fileMB: statSync(BUILTIN_MODEL_FILE).size / 1e6 };
}

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | undefined, digits = 2) => (x === undefined ? '—' : x.toFixed(digits));

function table(rows: readonly Row[]): string {
  const head =
    '| data set | system | train / test rows | accuracy | macro-F1 | in-scope acc. | out-of-scope recall | training s (CPU s) | p50 ms | p99 ms | model load ms | model file MB |';
  const sep = '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = rows.map(
    (r) =>
      `| ${r.dataSet} | ${r.system} | ${r.trainRows} / ${r.testRows} | ${pct(r.accuracy)} | ${pct(r.macroF1)} | ${pct(r.inScopeAccuracy)} | ${pct(r.oosRecall)} | ${num(r.trainS, 1)} (${num(r.trainCpuS, 1)}) | ${num(r.p50Ms, 3)} | ${num(r.p99Ms, 3)} | ${num(r.loadMs, 0)} | ${num(r.fileMB, 2)} |`,
  );
  return [head, sep, ...lines].join('\n');
}

function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) model = line.split(':')[1]?.trim() ?? model;
  } catch {
    // Not Linux: os.cpus() is good enough.
  }
  return `${cpus().length} cores (nproc), ${model}, Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** What the figures do not show by themselves; kept with every run of the benchmark. */
const NOTES = `## Notes

- **Chinese dev vs test.** The dev split was looked at while the corpus was extended (its errors showed which
  phrasings were missing), so its figure is optimistic; \`test.csv\` was written after the model and never
  used for tuning. Neither is real customers' phrasing, which is the test that matters.
- **BANKING77 ≥ 92% is not reached** by this engine: 90.7% on this split with the shipped settings
  (90.5% before English word forms and 20 epochs). Settings were chosen on a dev split carved out of the
  85% training part (seeded 85/15 again), never on the held-out rows; there, against 88.4% for the
  previous settings: English word forms (contractions spelt out, light suffix stemming) +0.8; with them,
  20 epochs instead of 15 +0.5 and 30 epochs +0.7. 30 epochs gave 91.2% on the held-out rows in one run
  on 2026-12-05, but cost 52.5 CPU s for 8,504 rows, over the 60 s per 10,000 rows budget, so 20 ship
  (35.9 CPU s). With the word forms, L2 3e-6, 50 epochs, word-block weight 1.4, Latin n-grams 2–6 or
  across word boundaries all moved dev by under ±0.2 (one dev row is 0.08 points). No gain: word pairs at
  distance 2–8 (skip-bigrams, −0.2 to +0.2, dropped); the logistic model plus nearest training neighbours
  by TF-IDF cosine (at most +0.5 on dev, and 300k posting visits per query without pruning, +0.1 with
  pruning that makes it affordable); products of models over different feature views (char/phrase
  n-grams, skip-bigrams: −0.3 to −0.6). Earlier sessions also tried n-gram orders, min df, class weights,
  a linear SVM and a one-hidden-layer network (each within ±0.3). Published figures put 92–93% with
  pretrained sentence encoders (USE, ConveRT, BERT), which this engine deliberately does not download.
- **CLINC150 out-of-scope recall fell** from 77.0% to 61.0% (accuracy rose from 90.1% to 91.4%, in-scope
  from 90.5% to 92.4%). The English word forms cause it: trained without them (20 epochs), a separate run the same
  day gave 89.9% accuracy and 77.0% out-of-scope recall; with them the threshold chosen on the carved dev
  split drops from 0.51 to 0.26, because stemmed chatter shares more features with the intents. The word
  forms were chosen on BANKING77, which has no out-of-scope rows; this is a trade-off to decide, not tuned
  on CLINC150's validation rows.
- **Latency.** Features are hashed straight from character codes into 53-bit keys (two hash lanes) and
  looked up in an open-addressing table in typed arrays; words come from jieba's algorithm (most probable
  path through the dictionary DAG) run over a character-code trie instead of a native call, and scoring
  reads int8 weight rows laid out feature-major. No feature strings are built per utterance. Before this
  (2026-11-29 run): Chinese dev p50 0.062 ms, CLINC150 p50 0.114 / p99 4.137 ms, CLINC150 model load 940 ms.
  CardDesk now leads on p50 and p99 on every set, but on CLINC150 (151 classes, so scoring dominates) the
  p50 lead is small (0.056 vs 0.060 ms here; 0.062 vs 0.067 in an earlier run the same day) and a
  quieter rerun could reverse it.
- **Training time.** CLINC150's 15,100 rows took 92.6 CPU s, about 61 s per 10,000 rows: at the issue's
  60 s budget (the 2026-11-29 run took 94.7 CPU s for the same). BANKING77: 35.9 CPU s for 8,504 rows.
- **Timings on a shared machine.** Other work ran on the same two cores during the run (load average
  above); wall-clock training times and p99 latencies are upper bounds; the CPU seconds beside training time are
  what training costs whatever else runs. Latency is the best of three passes.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withNlpJs = !args.includes('--no-nlpjs');
  const names = args.filter((a) => !a.startsWith('--'));
  const selected = names.length > 0 ? names : ['zh', 'zh-test', 'banking77', 'clinc150'];
  const loadAtStart = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

  const footprint = builtinFootprint();
  const rows: Row[] = [];
  for (const name of selected) {
    const ds = loadDataSet(name);
    process.stderr.write(`${ds.name}: CardDesk…\n`);
    rows.push(benchCardDesk(ds));
    if (withNlpJs) {
      process.stderr.write(`${ds.name}: NLP.js…\n`);
      rows.push(await benchNlpJs(ds));
    }
  }

  const date = new Date().toISOString().slice(0, 10);
  const out = table(rows);
  process.stdout.write(
    `${out}\n\nbuilt-in model: load ${footprint.loadMs.toFixed(0)} ms, +${footprint.heapMB.toFixed(1)} MB memory, file ${footprint.fileMB.toFixed(2)} MB\n`,
  );

  const doc = `# NLU benchmark

Produced by \`npm run bench:nlu\` (server/bench/nlu/bench.ts) on ${date}.

Machine: ${machine()}. Load average when the run started (1 / 5 / 15 min): ${loadAtStart} — the machine
is shared, so timings from a busy run are upper bounds.

Both systems are trained on the same rows in the same run and scored on rows neither trained on.
CardDesk tunes its L2 strength, temperature and out-of-scope threshold on a split it carves out of the
training rows, then refits on all of them. Latency is per utterance on one core, end to end (normalisation,
segmentation, features, scoring), the best of three timed passes (the machine is shared). NLP.js's "None" answer counts as out-of-scope.

${out}

Data: ${selected
    .map((n) => {
      const ds = loadDataSet(n);
      return `${ds.name} — ${ds.note}`;
    })
    .join('; ')}.

Built-in model (\`server/data/nlu/model.json\`): load ${footprint.loadMs.toFixed(0)} ms including the segmentation
dictionary, +${footprint.heapMB.toFixed(1)} MB of memory, file ${footprint.fileMB.toFixed(2)} MB.

Targets (issue 6): ahead of NLP.js on every data set in accuracy and latency; BANKING77 ≥ 92% accuracy on
held-out data; p99 ≤ 1 ms per utterance; model load ≤ 300 ms; training on 10,000 utterances ≤ 60 s; model
file ≤ 20 MB; ≤ 150 MB added to server memory.

${NOTES}
`;
  writeFileSync(new URL('docs/benchmarks/nlu.md', REPO), doc);
  process.stderr.write('wrote docs/benchmarks/nlu.md\n');
}

await main();
