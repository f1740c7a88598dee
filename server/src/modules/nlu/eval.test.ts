import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Classifier } from './classifier.ts';
import { toLabelledCsv } from './csv.ts';
import { percentile, scorePredictions } from './eval.ts';
import { loadModelFile } from './model-file.ts';
import { nluCli } from './nlu.cli.ts';
import { TINY_DEV, TINY_OOS_DEV, TINY_OOS_TRAIN, TINY_TRAIN } from './tiny-corpus.fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'carddesk-nlu-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

/**
 * Eight rows whose predictions are certain (training sentences of a model that fits them), two of them
 * with a deliberately different gold label, so every metric can be worked out by hand:
 *
 *   gold              predicted
 *   card_loss_report  card_loss_report
 *   card_loss_report  card_loss_report
 *   statement_query   statement_query
 *   points_rewards    statement_query   ✗
 *   points_rewards    points_rewards
 *   greeting          greeting
 *   out_of_scope      out_of_scope
 *   out_of_scope      points_rewards    ✗
 */
const EVAL_ROWS = [
  { text: '我的卡丢了', label: 'card_loss_report', predicted: 'card_loss_report' },
  { text: '卡被偷了帮我挂失', label: 'card_loss_report', predicted: 'card_loss_report' },
  { text: '这个月账单多少', label: 'statement_query', predicted: 'statement_query' },
  { text: '查一下本期账单', label: 'points_rewards', predicted: 'statement_query' },
  { text: '我有多少积分', label: 'points_rewards', predicted: 'points_rewards' },
  { text: '你好', label: 'greeting', predicted: 'greeting' },
  { text: '今天天气怎么样', label: 'out_of_scope', predicted: 'out_of_scope' },
  { text: '积分怎么兑换', label: 'out_of_scope', predicted: 'points_rewards' },
];

describe('carddesk nlu train and eval', () => {
  const trainFile = join(dir, 'train.csv');
  const devFile = join(dir, 'dev.csv');
  const modelFile = join(dir, 'model.json');
  const evalFile = join(dir, 'eval.csv');
  writeFileSync(trainFile, toLabelledCsv([...TINY_TRAIN, ...TINY_OOS_TRAIN]));
  writeFileSync(devFile, toLabelledCsv([...TINY_DEV, ...TINY_OOS_DEV]));
  writeFileSync(evalFile, toLabelledCsv(EVAL_ROWS.map(({ text, label }) => ({ text, label }))));

  it('train writes a model file that loads', async () => {
    const c = capture();
    const code = await nluCli(['train', '--data', trainFile, '--dev', devFile, '--out', modelFile], c.io);
    assert.equal(code, 0, c.err.join(''));
    const report = JSON.parse(c.out.join('')) as { labels: number; trainRows: number };
    assert.equal(report.labels, 5);
    assert.equal(report.trainRows, TINY_TRAIN.length + TINY_OOS_TRAIN.length);
    assert.equal(loadModelFile(modelFile).labels.length, 5);
  });

  it('eval --json prints metrics that match a hand calculation', async () => {
    // Pin the model's answers first, so a failure here says "the model changed", not "the maths is wrong".
    const classifier = new Classifier(loadModelFile(modelFile));
    for (const row of EVAL_ROWS) assert.equal(classifier.classify(row.text).intent, row.predicted, row.text);

    const c = capture();
    const code = await nluCli(['eval', '--data', evalFile, '--model', modelFile, '--json'], c.io);
    assert.equal(code, 0, c.err.join(''));
    const r = JSON.parse(c.out.join(''));
    assert.equal(r.n, 8);
    assert.equal(r.accuracy, 6 / 8);
    // F1 per label: loss 1, statement 2/3 (P ½, R 1), points ½ (P ½, R ½), greeting 1, oos 2/3 (P 1, R ½).
    assert.ok(Math.abs(r.macroF1 - (1 + 2 / 3 + 1 / 2 + 1 + 2 / 3) / 5) < 1e-12);
    assert.deepEqual(r.perLabel.statement_query, { precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    assert.deepEqual(r.perLabel.points_rewards, { precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    assert.deepEqual(r.perLabel.out_of_scope, { precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    assert.equal(r.oosRecall, 0.5);
    assert.equal(r.inScopeAccuracy, 5 / 6);
    assert.ok(r.p50Ms > 0 && r.p99Ms >= r.p50Ms);
  });

  it('eval without --model uses the built-in model', async () => {
    const c = capture();
    const code = await nluCli(['eval', '--data', evalFile, '--json'], c.io);
    assert.equal(code, 0, c.err.join(''));
    assert.equal(JSON.parse(c.out.join('')).n, 8);
  });

  it('eval prints a readable table without --json', async () => {
    const c = capture();
    assert.equal(await nluCli(['eval', '--data', evalFile, '--model', modelFile], c.io), 0);
    assert.match(c.out.join(''), /accuracy 75\.00%/);
  });

  it('fails with a message, not a stack, on a missing or malformed file', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'question;answer\n');
    for (const argv of [
      ['eval', '--data', join(dir, 'missing.csv')],
      ['eval', '--data', bad],
      ['train', '--data', bad, '--out', join(dir, 'x.json')],
      ['eval', '--data', evalFile, '--model', bad],
    ]) {
      const c = capture();
      assert.equal(await nluCli(argv, c.io), 1, argv.join(' '));
      assert.match(c.err.join(''), /^carddesk nlu: /);
    }
  });

  it('prints usage for an unknown subcommand', async () => {
    const c = capture();
    assert.equal(await nluCli(['tune'], c.io), 2);
    assert.match(c.err.join(''), /carddesk nlu train/);
    assert.equal(readFileSync(evalFile, 'utf8').startsWith('text,label'), true);
  });
});

describe('scorePredictions', () => {
  it('counts a label that is only ever predicted, with precision 0 and no support', () => {
    const r = scorePredictions(['a', 'a'], ['a', 'b'], 'out_of_scope');
    assert.deepEqual(r.perLabel.b, { precision: 0, recall: 0, f1: 0, support: 0 });
    assert.equal(r.macroF1, (2 / 3 + 0) / 2);
    assert.equal(r.oosRecall, undefined);
  });

  it('percentile is nearest-rank', () => {
    assert.equal(percentile([1, 2, 3, 4], 50), 2);
    assert.equal(percentile([1, 2, 3, 4], 99), 4);
    assert.equal(percentile([], 50), 0);
  });
});
