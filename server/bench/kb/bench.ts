/**
 * `npm run bench:kb`: the knowledge base's two measurements.
 *
 * 1. FAQ matching, leave one phrasing out: for every seeded FAQ one phrasing is held out of the matcher
 *    and asked; recall@1 and recall@3 are reported, and the rate of correct "none" on out-of-scope
 *    questions. Two folds: the threshold is learnt on one (held-out phrasing = the last, half the
 *    out-of-scope questions) and judged on the other (held-out phrasing = the first, the other half).
 * 2. Search latency over 10,000 published articles on SQLite (generated deterministically from the
 *    seed content's vocabulary), p50/p99 over a fixed query mix of short, colloquial, traditional and
 *    pinyin-initial queries, through the same service the API calls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config.ts';
import { readArticleFiles, readLines, readSynonyms, SEED_DIR } from '../../src/modules/knowledge/files.ts';
import { knowledgeModule } from '../../src/modules/knowledge/index.ts';
import { parseArticleFile } from '../../src/modules/knowledge/markdown/front-matter.ts';
import { importArticles } from '../../src/modules/knowledge/markdown/import-export.ts';
import { calibrate, confidence, heldOutEvaluation } from '../../src/modules/knowledge/match/calibrate.ts';
import { intentsOf } from '../../src/modules/knowledge/match/intents.ts';
import type { FaqDoc } from '../../src/modules/knowledge/match/matcher.ts';
import { SynonymTable } from '../../src/modules/knowledge/search/query.ts';
import { searchKnowledge } from '../../src/modules/knowledge/search/search.service.ts';
import { addSynonyms } from '../../src/modules/knowledge/synonyms.service.ts';
import { systemActor } from '../../src/platform/auth/actor.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { generateKeySpec } from '../../src/platform/pii/keyring.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

// ---- 1. matching ---------------------------------------------------------------------------------
const files = readArticleFiles(SEED_DIR).map((f) => parseArticleFile(f.text));
const faqs: FaqDoc[] = files
  .filter((f) => f.kind === 'faq')
  .map((f) => ({ id: f.id, title: f.content.title, questions: f.content.questions, intent: f.content.intent ?? null }));
const synonyms = new SynonymTable(readSynonyms(join(SEED_DIR, 'synonyms.yaml')));
const oos = readLines(join(SEED_DIR, 'eval', 'out-of-scope.txt'));
const oosTrain = oos.filter((_, i) => i % 2 === 0);
const oosTest = oos.filter((_, i) => i % 2 === 1);

const fold1 = heldOutEvaluation(faqs, synonyms, oosTrain, (d) => d.questions.length - 1, intentsOf);
const learnt = calibrate(fold1, new Date());
const fold2 = heldOutEvaluation(faqs, synonyms, oosTest, () => 0, intentsOf);
const answered = (scores: number[]) => scores.filter((s) => s >= learnt.threshold).length / scores.length;

console.log(`FAQ matching — ${faqs.length} FAQs, ${faqs.reduce((n, f) => n + f.questions.length, 0)} phrasings`);
console.log(`  threshold learnt on fold 1: ${learnt.threshold} (balanced accuracy ${pct(learnt.balancedAccuracy)})`);
for (const [name, r, neg] of [
  ['fold 1 (last phrasing held out; OOS train half)', fold1, oosTrain],
  ['fold 2 (first phrasing held out; OOS test half)', fold2, oosTest],
] as const) {
  console.log(`  ${name}`);
  console.log(`    recall@1 ${pct(r.recallAt1)}   recall@3 ${pct(r.recallAt3)}   (${r.asked} held-out questions)`);
  console.log(
    `    in-scope answered ${pct(answered(r.positiveScores))}   out-of-scope correctly "none" ${pct(1 - answered(r.negativeScores))} (${neg.length} questions)`,
  );
  for (const [q, want, got] of r.misses.slice(0, 8)) console.log(`      miss: ${q} → ${got} (want ${want})`);
}
const falseAnswers = oosTest
  .map((q, i) => [q, fold2.negativeScores[i] ?? 0] as const)
  .filter(([, s]) => s >= learnt.threshold);
for (const [q, s] of falseAnswers) {
  console.log(`      answered out-of-scope: ${q} (confidence ${confidence(s, learnt).toFixed(2)})`);
}

// ---- 2. search latency over 10,000 articles --------------------------------------------------------
if (process.env.KB_BENCH_SEARCH === '0') process.exit(0);
const N = Number(process.env.KB_BENCH_ARTICLES ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'carddesk-kb-bench-'));
const clock = new ManualClock('2026-11-02T02:00:00Z');
const config = loadConfig({
  DATABASE_URL: join(dir, 'bench.db'),
  CARDDESK_MASTER_KEY: generateKeySpec('b1'),
  CARDDESK_DEMO: '0',
  LOG_LEVEL: 'error',
});
const runtime = await createRuntime(config, { clock, modules: [knowledgeModule] });
const ctx = { ...runtime.deps, actor: systemActor('bench') };

// Deterministic generator (mulberry32) recombining the seed content's sentences into new articles.
let seed = 20261129;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
const sentences = files.flatMap((f) =>
  f.content.body
    .replace(/\{\{[^}]*\}\}/g, '')
    .split(/(?<=[。;])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 6),
);
const titles = files.map((f) => f.content.title);
const kinds = ['product', 'process', 'regulation', 'script', 'faq'] as const;
const generated = Array.from({ length: N }, (_, i) => {
  const kind = kinds[i % kinds.length] as (typeof kinds)[number];
  const body = Array.from({ length: 4 + Math.floor(rand() * 8) }, () => pick(sentences)).join('');
  const questions = kind === 'faq' ? ['  - 问法一', '  - 问法二'].map((_, j) => `  - ${pick(titles)}${j}`) : [];
  return {
    path: `gen/${i}.md`,
    text: `---\nid: gen-${i}\nkind: ${kind}\ntitle: "${pick(titles)}(${i})"\n${questions.length ? `questions:\n${questions.join('\n')}\n` : ''}tags: ["${pick(['挂失', '分期', '年费', '额度', '还款', '积分'])}"]\n---\n\n${body}\n`,
  };
});
await addSynonyms(ctx, readSynonyms(join(SEED_DIR, 'synonyms.yaml')));
let t0 = performance.now();
await importArticles(ctx, generated, { publish: true });
const importMs = performance.now() - t0;

const queries = [
  '挂失',
  '分期',
  '年费',
  '卡丢了怎么办',
  '信用卡掛失',
  'gs',
  '额度',
  '刷爆了',
  '账单分期手续费',
  '还款日',
  '取现',
  '盗刷',
];
for (const q of queries) await searchKnowledge(ctx, { q }); // warm-up
const times: number[] = [];
const resultsPerQuery = new Map<string, number>();
for (let round = 0; round < 50; round++) {
  for (const q of queries) {
    t0 = performance.now();
    const r = await searchKnowledge(ctx, { q, limit: 10 });
    times.push(performance.now() - t0);
    resultsPerQuery.set(q, r.results.length);
  }
}
times.sort((a, b) => a - b);
const at = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] as number).toFixed(2);
console.log(
  `\nSearch over ${N} published articles (SQLite FTS5), ${times.length} queries, top 10 rendered with snippets`,
);
console.log(`  import + index: ${(importMs / 1000).toFixed(1)} s`);
console.log(`  p50 ${at(0.5)} ms   p99 ${at(0.99)} ms   max ${at(1)} ms`);
console.log(`  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
await runtime.close();
rmSync(dir, { recursive: true, force: true });
