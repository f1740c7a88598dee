/**
 * NLU benchmark: CardDesk's classifier beside NLP.js, trained on the same rows in the same run.
 *
 *   npm run bench:nlu                  all data sets
 *   npm run bench:nlu -- zh banking77  some of them (zh-real, zh-fresh, zh, zh-test, zh-customers, zh-customers-2, banking77, clinc150)
 *   npm run bench:nlu -- --no-nlpjs    skip the NLP.js side (it is slow to train on the larger sets)
 *
 * Data sets: the shipped Chinese corpus (trained on train.csv, scored on dev.csv, which neither side
 * sees in training: CardDesk carves its own tuning split out of train.csv here; also scored on test.csv and on
 * customer-test.csv and customer-test-2.csv, two independently written sets of customer-style questions), BANKING77 (a seeded,
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
import { readFreshTestRows, realSplit } from '../../src/modules/nlu/real-data.ts';
import { segmenter } from '../../src/modules/nlu/segmenter.ts';
import { OUT_OF_SCOPE, trainModel } from '../../src/modules/nlu/train.ts';
import { banking77, clinc150 } from './public-data.ts';

const SERVER = new URL('../../', import.meta.url);
const REPO = new URL('../', SERVER);
const require = createRequire(import.meta.url);

interface DataSet {
  name: string;
  language: 'zh' | 'en';
  train: LabelledText[];
  test: LabelledText[];
  note: string;
}

/**
 * The Chinese held-out sets, each scored by a model trained as the shipped one is: the team-written corpus
 * (train.csv) plus the train split of the labelled real customer questions. `zh-real` is the real test split
 * (data/nlu/real), the yardstick; `zh-fresh` is the fresh test set (data/nlu/real/batches/fresh-test-NN.tsv), real
 * questions from a reserved part of the corpus labelled after the model work and never used for tuning; the others
 * are the team-written sets.
 */
const FRESH_TITLE = 'fresh test (labelled after the model work, never used for tuning)';
const CHINESE_SETS: Record<string, { title: string; file: string; note: string }> = {
  'zh-real': {
    title: 'real customer questions, test split',
    file: 'real/split.tsv',
    note: ' (real card-customer questions labelled by the team; split fixed before any model saw a real row; only reported on)',
  },
  'zh-fresh': {
    title: FRESH_TITLE,
    file: 'real/batches/fresh-test-NN.tsv',
    note: ' (drawn from an id bucket reserved for it; labelled after the model work; never trained, tuned or calibrated on)',
  },
  zh: { title: 'dev', file: 'dev.csv', note: '' },
  'zh-test': { title: 'test', file: 'test.csv', note: ' (written after the model, never tuned on)' },
  'zh-customers': {
    title: 'customer-style test',
    file: 'customer-test.csv',
    note: ' (written apart by someone who never saw the corpus or the model; never tuned on)',
  },
  'zh-customers-2': {
    title: 'customer-style test 2',
    file: 'customer-test-2.csv',
    note: ' (a second batch, written apart after the corpus was finished; never seen by anyone steering it)',
  },
};

/** The rows a Chinese set is scored on. */
function chineseTestRows(name: string): LabelledText[] {
  if (name === 'zh-real') return realSplit('test');
  if (name === 'zh-fresh') return readFreshTestRows().map(({ text, label }) => ({ text, label }));
  return readLabelledCsv(new URL(`data/nlu/${CHINESE_SETS[name]?.file}`, SERVER));
}

function loadDataSet(name: string): DataSet {
  const chinese = CHINESE_SETS[name];
  if (chinese) {
    return {
      name: `CardDesk 中文 (${chinese.title})`,
      language: 'zh',
      train: [...readLabelledCsv(new URL('data/nlu/train.csv', SERVER)), ...realSplit('train')],
      test: chineseTestRows(name),
      note: `server/data/nlu train.csv + real train split → ${name === 'zh-real' ? 'real test split' : chinese.file}${chinese.note}`,
    };
  }
  if (name === 'banking77') {
    const { train, heldOut } = banking77();
    return {
      name: 'BANKING77',
      language: 'en',
      train,
      test: heldOut,
      note: 'train.csv, seeded stratified 85/15 split',
    };
  }
  if (name === 'clinc150') {
    const rows = clinc150();
    return {
      name: 'CLINC150 (+oos)',
      language: 'en',
      train: [...rows('train'), ...rows('oos_train')],
      test: [...rows('val'), ...rows('oos_val')],
      note: 'train+oos_train → val+oos_val',
    };
  }
  throw new Error(`unknown data set ${name}: use ${Object.keys(CHINESE_SETS).join(', ')}, banking77 or clinc150`);
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
  const file = join(tmpdir(), `carddesk-nlu-bench-${process.pid}.bin`);
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

/** Issue 16's bar for the real test split: intents with at least this many test rows are held to a recall. */
const REAL_MIN_SUPPORT = 15;
const REAL_MIN_RECALL = 0.75;

/** The shipped model (server/data/nlu/model.bin) on the real test split and on the team-written sets. */
function shippedModelSection(): string {
  const shipped = new Classifier(loadModelFile(BUILTIN_MODEL_FILE));
  const fresh = chineseTestRows('zh-fresh');
  const sets: Array<[string, LabelledText[]]> = [
    ['real customer questions, test split', realSplit('test')],
    [`real customer questions, ${FRESH_TITLE}`, fresh],
    ...Object.entries(CHINESE_SETS)
      .filter(([name]) => name !== 'zh-real' && name !== 'zh-fresh')
      .map(([name, s]): [string, LabelledText[]] => [`team-written ${s.title}`, chineseTestRows(name)]),
  ];
  const lines = sets.map(([title, rows]) => {
    const r = bestLatency(() => evaluate(shipped, rows));
    return `| ${title} | ${rows.length} | ${pct(r.accuracy)} | ${pct(r.inScopeAccuracy)} | ${pct(r.oosRecall)} | ${pct(r.macroF1)} | ${num(r.p99Ms, 3)} |`;
  });
  const perIntentOf = (rows: readonly LabelledText[]) => {
    const held = Object.entries(evaluate(shipped, rows).perLabel)
      .filter(([, m]) => m.support >= REAL_MIN_SUPPORT)
      .sort((a, b) => a[1].recall - b[1].recall);
    const below = held.filter(([, m]) => m.recall < REAL_MIN_RECALL);
    const lines = held.map(
      ([label, m]) =>
        `| \`${label}\` | ${m.support} | ${pct(m.recall)} | ${pct(m.precision)} |${m.recall < REAL_MIN_RECALL ? ' below |' : ' |'}`,
    );
    return { held, below, lines };
  };
  const { held, below, lines: perIntent } = perIntentOf(realSplit('test'));
  const freshIntents = perIntentOf(fresh);
  return `## The shipped model on real customers' questions

\`server/data/nlu/model.bin\` as shipped (trained on train.csv and the real train split, tuned on dev.csv
and the real dev split, then trained once more with the real dev rows added at the settings chosen; dev.csv
is never trained on), scored once on the real test split and on the team-written sets:

| data set | rows | accuracy | in-scope acc. | out-of-scope recall | macro-F1 | p99 ms |
| --- | --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

Recall per intent on the real test split, for the ${held.length} intents with at least ${REAL_MIN_SUPPORT} test rows
(target ≥ ${pct(REAL_MIN_RECALL)}; ${below.length === 0 ? 'all meet it' : `${below.length} below`}), lowest first:

| intent | test rows | recall | precision | |
| --- | --- | --- | --- | --- |
${perIntent.join('\n')}

The ${FRESH_TITLE}: ${fresh.length} real questions drawn from an id bucket reserved for it (no training pool takes
rows from it) and labelled after the model work; no model was run on them before this report. Recall per intent
for the ${freshIntents.held.length} intents with at least ${REAL_MIN_SUPPORT} rows (${freshIntents.below.length === 0 ? 'all meet the target' : `${freshIntents.below.length} below the target`}), lowest first:

| intent | fresh rows | recall | precision | |
| --- | --- | --- | --- | --- |
${freshIntents.lines.join('\n')}
`;
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

- **Real customer questions, fourth pass (2026-12-07): more rows without labelling them. Nothing kept.**
  All figures are on the real dev split (3,269 rows, so one row is 0.03 points) from \`bench/nlu/real-dev.ts\`,
  trained on train.csv and the real train split (17,297 rows) and tuned as the build does; "top label" is the
  model's first answer before the out-of-scope rule, which compares two models whatever threshold each tuning
  picked. Baseline 84.15% (in-scope 80.56%, out-of-scope recall 89.90%, top label 83.94%). Changing only the
  training seed gives 84.31% and 84.12% (+9 −4 and +25 −26 rows against it): differences under about
  0.2 points, or a net of under about 10 rows, are noise here. (1) **Learning curve** (every n-th real
  training row kept, team rows all kept): 25 / 50 / 75 / 100% of the real rows 78.59 / 81.95 / 83.33 /
  84.15% (in-scope 71.46 / 76.38 / 77.97 / 80.56%; against 100%: +84 −266, +69 −141, +53 −80). Each doubling
  still gains (+3.4, then +2.2 points); a power law through the four points puts 1.5× the rows at about
  85.1% and 2× at about 85.6% (levelling near 88%): labelling more pays about a point per doubling, and does
  not reach 92% alone. (2) **Label propagation through the ATEC / AFQMC paraphrase pairs** (\`real-augment.ts\`,
  \`--propagate=W[:in]\`): the other side of a same-meaning pair whose one side is a real training row (matched
  on the normalised text) takes its label, unless it is in the fresh test bucket (325 texts), already
  labelled (145), within 0.8 bigram Jaccard of a real dev, real test or fresh row (25), or reached from two
  labels (0): 2,794 rows (1,137 out of scope). Where both sides are labelled training rows, the pair's sides
  carry the same label 266 times of 301 (88%), so these labels are about as noisy as a second labeller's.
  Weight 1: 84.37% (in 80.01, oos 91.34, top label 83.97; +48 −41); 0.5: 84.31% (+37 −32); in-scope rows
  only (1,657): 84.46% (+47 −37), and 84.34 / 84.37% with seeds 1 / 2 — about +0.2 on average, all from a
  threshold that moved, since its top label fell by 0.3–0.5 points at every seed (83.60 / 83.48 / 83.57%
  against 83.94 / 84.00 / 83.85%). Not kept. (3) **Self-training**: the baseline model answered the 89,587
  unlabelled atec / afqmc questions the same guard lets through (\`--predict-unlabelled\`), and its confident
  answers were added (\`--self-train=FILE:T:W[:in]\`): probability ≥ 0.98 at weight 0.3, 40,346 rows: 83.14%
  (+30 −63); in-scope answers only (14,724): 83.57% (+37 −56); the same at weight 1: 82.90% (+44 −85); ≥ 0.9,
  weight 0.3, in-scope (26,105): 83.63% (+51 −68); ≥ 0.99 at weight 0.1: 83.88% (+33 −42), in-scope only
  (10,803): 84.15% (+30 −30). It teaches the model its own mistakes; not kept. (4) Cheap settings, none
  kept: team-written rows at weight 0.5 / 0.7 84.40% (+35 −27; team dev.csv 90.26 → 88.47%) / 84.25% (+15
  −12); 10 / 25 epochs 84.09 / 84.31% (+23 −25 / +23 −18, 25 costs 1.5× the time); learning rate 0.2 / 0.5
  84.12 / 84.28%; L2 3e-6 beside 1e-5 84.22% (+10 −8); character n-grams to 4 84.03% (+17 −21); word weight
  1.3 / 0.7 84.22 / 83.97%; pinyin weight 0.4 / 1.0 84.22 / 84.15%. What stays in the code: row weights in
  training (\`WeightedText\`; without them training is bit for bit as before, checked on BANKING77's carved
  split with and without an explicit dev set) and the guard and propagation (\`real-augment.ts\`, tested), for
  the bench options above. **The shipped model was rebuilt**: \`model.bin\` had been built on a branch that did
  not yet enforce the fresh-test reservation, and trained on 207 train and 33 dev rows that the build leaves
  out now — 47 fresh test questions, 189 rows of the reserved bucket and 4 near-twins of fresh rows. Rebuilt
  from the same code and settings without them (held-out tuning figures 85.1 → 85.0%); \`real-data.test.ts\`
  now checks that the file's row counts are those the build takes. Then 31 team-written rows were added
  (praise of the service, which the model read as \`complaint_service\` — "你们服务真好" at 0.84 — and a
  complaint twin for each, so that the praise rows do not teach that "你们…服务" is thanks). The shipped model
  on the fresh test set, clean: **82.4%** (in-scope 83.9%, out-of-scope recall 79.7%) against the 83.3% /
  83.3% / 83.2% reported before for the file that had trained on 47 of its questions; on the real test split
  84.1% (was 84.9%). So the distance to the targets is larger than the earlier figures said: 9.6 points of
  accuracy, 5.3 of out-of-scope recall, 6 intents under 75%.
  (5) **Nearest labelled neighbours by the FAQ matcher's sentence encoder** (measured, not built): each real dev
  row's 10 nearest real training rows by the pair encoder's cosine (\`knowledge/match/pair/encoder.ts\`, learnt
  from the paraphrase pairs), their labels weighted by exp(10 × cosine), mixed half and half with the linear
  model's probabilities: 85.56% against 83.94% for the linear model's first answer (+1.6 points; the
  neighbours alone 81.8%; 85.2–85.6% over 5–40 neighbours and weights 0.3–0.5). It is the one idea of the
  day with a gain above noise. Not built this pass: the NLU would need the encoder (today the knowledge
  module's, trained with its synonym table, on pairs that include held-out sentences, so it would first be
  retrained without them) and 17,000 stored neighbours per answer, about 1.1 million multiply-adds, over the
  1 ms p99 in JavaScript; it needs a WebAssembly int8 search or prototypes.
- **Chinese corpus and its held-out sets (2026-12-06).** The training corpus grew from 2,942 to 6,095 rows
  in two rounds, each written without reading dev.csv, test.csv or customer-test.csv (only aggregate
  figures were seen): phone-call transcripts with fillers and speech-recognition homophones, chat shorthand,
  pinyin and emoji, northern and south-western dialect wording, formal letters, quoted SMS, figures and card
  tails, English-only questions, negations and long stories with the need at the end; out-of-scope rows
  142 → 566, most of them near-domain requests a card desk must refuse (loans, deposits, wealth products,
  debit and social-security cards, other firms' credit and wallets, shop orders, bills). No training row is
  within 0.6 character-bigram Jaccard of a held-out row (33 older rows that were, were dropped;
  near-duplicates.test.ts keeps it so). \`customer-test.csv\` (441 rows) was written before the corpus grew,
  by a team member who had read neither the corpus nor the model's answers, in real card holders' voices;
  it is the closest this repository has to real customers' phrasing. The shipped model on it: 86.4%
  (in-scope 90.3%, out-of-scope recall 56%) before, 91.6% (93.9%, 74%) after the first round, 93.7%
  (94.6%, 86%) after the second. The second round was asked to concentrate on out-of-scope breadth because
  of the first round's 74% there, so that figure is no longer entirely untouched by the test; no row of
  the test was read. On dev the shipped model went 89.6 → 90.9 → 91.9%, on test.csv 97.5 → 98.3 → 99.2%.
  The dev split steered the older corpus (its errors showed which phrasings were missing) and tunes the
  shipped model, so its figure is optimistic. The Chinese rows in the table are trained without dev.csv
  and tune through three folds, so they differ a little from the shipped model's. A second batch,
  \`customer-test-2.csv\` (438 rows after removing 90 within 0.6 of a training or held-out row), was written
  after the corpus was finished by another team member who read no file of server/data/nlu and scored once
  by the shipped model: 94.5% (in-scope 95.1%, out-of-scope recall 89.4%). Nothing was steered by it, so it
  is the cleanest figure of generalisation here.
  Tried and not kept: training out-of-scope as several classes (spherical k-means clusters of its rows,
  folded back into the one label before the out-of-scope rule), judged by 5-fold cross-validation over the
  training rows: out-of-scope recall 75.6% with one class against 73.0 / 68.6 / 67.7% at 2 / 4 / 8 classes
  (in-scope 88.4 → 88.1–88.4%), 84 against 92% on CLINC150's carve at 4; on these short texts the clusters
  follow phrasing more than topic.
- **Training time.** BANKING77 35.9 → 14–16 CPU s for 8,504 rows; CLINC150 92.6 → 61–68 CPU s for 15,100
  rows (40–45 s per 10,000 rows; it now trains four models, three fold models and the final one, where
  it trained three), over four runs on 2026-12-05; in the run of 2026-12-06 (load 1.0, AMD EPYC) 14.2 and 61.3 CPU s (41 s per 10,000 rows);
  in the later run of 2026-12-06, on an Intel Xeon at load 0.2 with the same English code, 17.1–17.5 and 73.5–75.2 CPU s (49–50 s per
  10,000 rows, two runs): the processor, not the code. The Chinese model, now 6,095 rows, trains in 11 CPU s; its file
  grew from 3.48 to 6.70 MB and its load from 115 to 171–193 ms (+24.3–24.4 MB of memory), all inside the targets.
  The naive Bayes term (below) is one pass over the rows and a logarithm per weight: on BANKING77's carved
  split training took 9.2–10.2 CPU s with it against 8.6–9.6 without, within the spread between runs. The
  figures before were measured on another processor (Intel Xeon); on this one, on the dev splits carved
  from the training rows (server/bench/nlu/dev.ts), the previous code took 25.5 CPU s (BANKING77, 7,229
  rows) and 70.3 (CLINC150, 12,800 rows) against 9–10 and 41–42 now. Profiling showed 92% of the
  time in the SGD loop, split
  between the dense forward pass (every class of every feature of the row) and the sparse update;
  the update skipped classes whose gradient was under 1e-4, which on BANKING77 still left 58 of 77
  classes per row on average (in multiply-adds, about 60/40 forward/update). At 1e-2 the update falls to under a tenth of the forward pass (−0.16 points
  on a BANKING77 dev split carved from the training part, two rows of 1,275). English also trains one L2
  candidate instead of two: 1e-5 beat 1e-4 on both English dev splits by 0.7 and 1.2 points, and 0
  scored the same as 1e-5. Chinese keeps both candidates and the 1e-4 update rule (2 s of training
  either way; at 1e-2 the knowledge-base matcher, tuned to the shipped model, refused one off-topic question of 32 fewer in one
  fold of \`npm run bench:kb\`).
- **CLINC150 out-of-scope recall 61.0% → 83.0%** (accuracy 91.4% → 91.2%, in-scope 92.4% → 91.5%; before the
  English word forms: 90.1% / 90.5% / 77.0%). Three changes, each chosen on CLINC150's training rows only
  (a dev split carved from train + oos_train with half the 100 out-of-scope rows set apart, 50 rows, so
  2 points each; validation rows never used): (1) the rejection rule: an answer is refused when the
  calibrated log-odds of the top intent against the out-of-scope class is under a threshold, instead of
  when the top probability is. With the best threshold for each at ≤ 1 point of in-scope loss on that
  split, log-odds caught 92% of the out-of-scope rows; top probability 78%, p(intent) − p(out-of-scope)
  82%, top-two margin 62%, max logit 64%, log-sum-exp energy 60%. Training keeps whichever rule scores
  better on its tuning rows (the shipped Chinese model now keeps the log-odds rule too). (2) The rule is
  tuned on every training row scored out of fold (three stratified folds) instead of a 15% carve, where
  about fifteen out-of-scope rows decided the threshold. (3) Out-of-scope rows weigh 3× a balanced class
  (1, 2, 3, 5: 84, 90, 92, 82% on the split, in-scope within ±0.2). On that split, old settings: 94.49%
  in-scope, 68% out-of-scope; new: 94.44%, 92%. On the validation rows the rejection costs more in-scope
  answers than on the split (in-scope −0.9 points against the run before): the in-scope validation phrasing
  is further from the training rows than the carved split's. Whether 22 points of recall are worth 0.9
  of in-scope accuracy is the same policy as the one-point cap the threshold already works under. With
  the naive Bayes term (next note) this run gives 92.1% / 92.3% / 86.0% (91.2 / 91.5 / 83.0 before).
- **BANKING77 ≥ 92% is not reached**: 91.5% on this split (91.1% before the naive Bayes term, 90.7%
  before the update rule, 90.5% before the English word forms). **Naive Bayes in the logistic weights**
  (English corpora only): a multinomial naive Bayes model of the same TF-IDF rows, log θ(feature | class)
  centred over the classes, is linear in the features too, so 0.1 × it is added to the trained weights
  and the model served is still one int8 matrix (no cost per answer). Chosen on splits carved from the
  training part (1,275 rows, one row 0.08 points): 89.73 → 90.20% on the default carve and, to check that
  it was not fitted to that carve's rows, 89.65 → 90.27% and 90.35 → 90.59% on two other carves
  (\`dev.ts --carve=8\`, \`--carve=9\`); CLINC150's carve 94.39 → 94.78% (out-of-scope recall the same,
  92%). Weight 0.02 / 0.15 / 0.2 / 0.3: 89.73 / 90.20 / 90.12 / 89.25%; smoothing 0.001 / 0.03 (default
  0.01): 89.96 / 89.65%; naive Bayes over presence (1 per feature) instead of TF-IDF mass 89.88–90.27%,
  over its square root 90.20%; complement naive Bayes (evidence from the other classes' mass) 89.41–89.57%
  at weight 0.1–0.5 (86.04% at 2); naive Bayes as the starting weights of training instead of added
  after it 89.96% (weight 0.1) and 89.65% (0.3); IDF raised to the power 0 / 0.5 / 1.5 89.25 / 90.20 /
  89.25% (0.5: 90.12% on carve 8 against 90.27). The Chinese corpus does not use it: the shipped model is
  unchanged.
  Tried on the carved split after it and not kept: an LSA view (randomised truncated SVD of the training
  rows' word block, 100 dimensions appended as dense features) 90.27% on the default carve and 90.20%
  on carve 8 (±1 row), 200 dimensions 90.20%, at twice the training time; L2 3e-5 / 3e-6 89.80 / 90.20%;
  30 epochs 90.27% (1.5× the time); averaging the weights over the last half or quarter of the epochs
  90.12%; character n-grams of the unstemmed words beside stemmed word features 89.65% on the default
  carve but 90.67% on carve 8 (noise either way). Before it: Adagrad (a rate per weight; 3× faster per epoch but at best
  89.10% at rate 2, 85.5–87.9% elsewhere, 5–10 epochs); the average of three models trained on
  different shuffles (89.73%, 3× the cost); learning rate 0.15 / 0.6 (88.86% / 89.80%); 15 / 30 / 40
  epochs (89.10% / 89.88% / 89.80% against 89.80% at 20); leaving rows the model already fits out of
  later epochs, as SVM solvers shrink (no row ever reached a zero update, so no time saved). Earlier, with
  the word forms: L2 3e-6, 50 epochs, word-block weight 1.4, Latin n-grams 2–6 or across word boundaries
  all moved dev by under ±0.2 (one dev row is 0.08 points); word pairs at distance 2–8 (−0.2 to +0.2);
  the logistic model plus nearest training neighbours by TF-IDF cosine (at most +0.5 on dev, and 300k
  posting visits per query without pruning, +0.1 with pruning that makes it affordable); products of
  models over different feature views (−0.3 to −0.6); n-gram orders, min df, class weights, a linear SVM
  and a one-hidden-layer network (each within ±0.3). Published figures put 92–93% with pretrained sentence
  encoders (USE, ConveRT, BERT), which this engine deliberately does not download.
  **Cross-validated (2026-12-06).** One carved dev row is 0.08 points, and re-dealing the folds alone moves
  5-fold accuracy over the 8,504 training rows by 0.33 points (90.25 / 90.58 / 90.28% on three partitions),
  so ideas are now judged on every training row answered out of fold, paired row by row against the
  baseline (\`dev.ts banking77 --cv=5 --save=… --against=…\`, bench/nlu/cross-validation.ts; rows gained /
  lost): spelling fallback (an unknown word read as the most frequent vocabulary word one edit away) +1 / −3
  (it turned real words into others: teen → been, fare → are); English normalisation (contractions, topup,
  e-mail, British spellings) +13 / −13; word pairs as their own feature group +53 / −59 and +38 / −37;
  negation scope −11 net; the first word paired with every later word −33 net; binary instead of sublinear
  term frequency −4; feature dropout −3; label smoothing 0.1 +14, +12 and −5 on three partitions (and
  out-of-scope recall 92 → 88% on CLINC150's carve); class centroids in the weights −2 / −11; dropping rows
  likely mislabelled −53; nearest-neighbour re-ranking of the top three labels at best +12 rows of 8,504
  (+0.14 points, and the training rows would have to ship in the model); a second-stage model for the most
  confused label pairs +2 rows on a fold of 1,701. Out of fold the right label is first 90.2% of the time,
  in the top two 94.7% and in the top three 97.0%; the misses are mostly pairs the labels themselves blur
  (top_up_failed / top_up_reverted, "my cards were stolen" labelled lost_or_stolen_phone). Nothing was kept;
  the held-out figure is unchanged at 91.46% (1,371 of 1,499).
- **Latency.** Features are hashed straight from character codes into 53-bit keys (two hash lanes) and
  looked up in an open-addressing table in typed arrays (a slot's key halves and column in one cache
  line); words come from jieba's algorithm (most probable path through the dictionary DAG) run over a
  character-code trie instead of a native call. Scores are computed in WebAssembly SIMD
  (server/src/modules/nlu/scorer.ts, a module of a few hundred bytes assembled at start-up): int8 weight
  rows laid out feature-major, 16 classes at a time in f64x2 registers, with exactly the float64
  operations of the JavaScript loop in the same order, so the answers are bit for bit the same
  (scorer.test.ts); where WebAssembly SIMD is missing the JavaScript loop serves. The vocabulary's columns
  are ordered most frequent first, so the weight rows most utterances read sit together and stay cached.
  On the CLINC150 split carved from its training rows (\`bench/nlu/latency.ts\`, 2,300 rows, identical
  answers throughout) p50 went from 0.050–0.058 ms (five passes) to 0.030–0.037 with the SIMD scores and
  to 0.021–0.024 with the column order and the table layout; per answer, scoring took 20–28 µs in JavaScript and 7.5 µs in SIMD (~130
  features × 151 classes), the rest being features (8 µs, 2.5 of them hashing), the softmax (2.8 µs) and
  normalisation (1 µs). Keeping the class sums in registers instead of adding into memory measured the
  same (the reads of weight rows from a matrix larger than the cache are most of what is left). The
  shipped Chinese model answers its training rows in 14.0–17.4 µs (CPU) against 17.6–20.9 before. The scorer keeps its
  own copy of the int8 weights in WebAssembly memory (the built-in model: 1.9 MB, hence +19.7 MB of
  memory against 17.3). Building it takes 4–10 ms for CLINC150's 8 MB of weights (the classifier took
  0.1 ms before), so of BANKING77's model load, 43 ms in a run at load 4.0 against 12, a few ms are the scorer and
  the rest the machine (18 ms at load 1.0 on 2026-12-06); outside the benchmark the built-in model loaded in 75–116 ms before and 81–107 ms
  after (model file and classifier, back to back), so that run's 190 ms against 104 is the machine's load
  too (115 ms at load 1.0). In the first run of 2026-12-06 (AMD EPYC) CLINC150's p50 is 0.021 ms against
  NLP.js's 0.062 (0.028 against 0.087 on the Intel Xeon of the later run) (a tie before: 0.065 vs 0.065; earlier runs 0.056 vs 0.060, 0.062 vs 0.067, 0.065 vs
  0.069, 0.067 vs 0.070, 0.067 vs 0.067) and p99 0.048 against 0.150. Before the hashed features
  (2026-11-29 run): Chinese dev p50 0.062 ms, CLINC150 p50 0.114 / p99 4.137 ms, CLINC150 model load
  940 ms. p99 swings with the load on both sides (earlier runs: BANKING77 0.182 vs 1.028, 2.575 vs 4.876
  and 0.312 vs 0.230 ms; CLINC150 0.180 vs 4.149, 4.122 vs 0.239 and 0.182 vs 0.374). The first data set
  of a run is timed while the code is the least warmed up: in the run at load 4.0 the Chinese dev p50 was 0.031 ms
  (0.022 before) while the Chinese test set, timed next, went 0.021 → 0.012 ms; at load 1.0 they are 0.020 and 0.012 ms. In a fresh process the
  Chinese dev rows' p50 falls from 0.035–0.041 ms in the first pass to 0.015–0.022 in the sixth, with the
  code before and after this change alike (after: at or below before in every pass of two runs). The
  log-odds rule adds two logarithms per answer.
- **Timings on a shared machine.** Other work ran on the same two cores during the run (load average
  above); wall-clock training times and p99 latencies are upper bounds; the CPU seconds beside training time are
  what training costs whatever else runs. Latency is the best of three passes.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withNlpJs = !args.includes('--no-nlpjs');
  const names = args.filter((a) => !a.startsWith('--'));
  const selected = names.length > 0 ? names : [...Object.keys(CHINESE_SETS), 'banking77', 'clinc150'];
  const loadAtStart = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

  const footprint = builtinFootprint();
  const shippedSection = shippedModelSection();
  process.stdout.write(`${shippedSection}\n`);
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
CardDesk tunes its L2 strength, temperature and out-of-scope rule on rows it carves out of the training
rows (with out-of-scope rows in the data, on every row through three stratified folds), then refits on all
of them. Latency is per utterance on one core, end to end (normalisation,
segmentation, features, scoring), the best of three timed passes (the machine is shared). NLP.js's "None" answer counts as out-of-scope.

${out}

Data: ${selected
    .map((n) => {
      const ds = loadDataSet(n);
      return `${ds.name} — ${ds.note}`;
    })
    .join('; ')}.

Built-in model (\`server/data/nlu/model.bin\`): load ${footprint.loadMs.toFixed(0)} ms including the segmentation
dictionary, +${footprint.heapMB.toFixed(1)} MB of memory, file ${footprint.fileMB.toFixed(2)} MB.

Targets (issue 6): ahead of NLP.js on every data set in accuracy and latency; BANKING77 ≥ 92% accuracy on
held-out data; p99 ≤ 1 ms per utterance; model load ≤ 300 ms; training on 10,000 utterances ≤ 60 s; model
file ≤ 20 MB; ≤ 150 MB added to server memory. Issue 16, on the real test split: accuracy ≥ 92%,
out-of-scope recall ≥ 85%, every intent with ≥ 15 test rows at recall ≥ 75%; BANKING77 not below 91.5%.

${shippedSection}
${NOTES}
`;
  writeFileSync(new URL('docs/benchmarks/nlu.md', REPO), doc);
  process.stderr.write('wrote docs/benchmarks/nlu.md\n');
}

await main();
