import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Classifier } from './classifier.ts';
import { parseCsv, parseLabelledCsv, toLabelledCsv } from './csv.ts';
import {
  deserializeModel,
  deserializeModelBinary,
  loadModelFile,
  ModelFileError,
  saveModel,
  serializeModel,
  serializeModelBinary,
} from './model-file.ts';
import { TINY_DEV, TINY_OOS_DEV, TINY_OOS_TRAIN, TINY_TRAIN } from './tiny-corpus.fixtures.ts';
import { stratifiedFolds, stratifiedSplit, TrainingDataError, trainModel } from './train.ts';

describe('CSV', () => {
  it('parses quoted fields with commas, quotes and newlines, CRLF and a BOM', () => {
    assert.deepEqual(parseCsv('\ufefftext,label\r\n"a, ""b""\nc",x\r\nd,y\n'), [
      ['text', 'label'],
      ['a, "b"\nc', 'x'],
      ['d', 'y'],
    ]);
  });

  it('round-trips labelled rows', () => {
    const rows = [
      { text: '卡丢了，怎么办', label: 'card_loss_report' },
      { text: 'say "hi", please', label: 'greeting' },
    ];
    assert.deepEqual(parseLabelledCsv(toLabelledCsv(rows)), rows);
  });

  it('accepts the BANKING77 header text,category', () => {
    assert.deepEqual(parseLabelledCsv('text,category\nwhere is my card,card_arrival\n'), [
      { text: 'where is my card', label: 'card_arrival' },
    ]);
  });

  it('refuses a file without text and label columns, naming the problem', () => {
    assert.throws(() => parseLabelledCsv('question,answer\na,b\n'), /header must name "text" and "label"/);
    assert.throws(() => parseLabelledCsv('text,label\n,x\n'), /row 2/);
  });
});

describe('trainModel', () => {
  const { model, report } = trainModel(TINY_TRAIN, { dev: TINY_DEV, epochs: 30 });

  it('learns the tiny corpus and classifies unseen phrasings', () => {
    const c = new Classifier(model);
    assert.equal(c.classify('钱包丢了，卡也没了').intent, 'card_loss_report');
    assert.equal(c.classify('这个月账单多少钱').intent, 'statement_query');
    assert.equal(c.classify('积分能换点啥').intent, 'points_rewards');
    assert.equal(report.labels, 4);
    assert.ok(report.devAccuracy >= 0.75, `dev accuracy ${report.devAccuracy}`);
  });

  it('maps built-in intents to their contact type', () => {
    assert.equal(model.labelTypes.card_loss_report, 'emergency');
    assert.equal(model.labelTypes.statement_query, 'consult');
  });

  it('calibrates probabilities that sum to one', () => {
    const p = new Classifier(model).classify('我的卡被偷了').probabilities;
    const sum = [...p.values()].reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9);
    assert.ok(model.temperature > 0);
  });

  it('is deterministic: the same data and seed give the same file', () => {
    const again = trainModel(TINY_TRAIN, { dev: TINY_DEV, epochs: 30 });
    assert.equal(serializeModel(again.model), serializeModel(model));
  });

  it('round-trips through its file with identical answers', () => {
    const reloaded = deserializeModel(serializeModel(model));
    const a = new Classifier(model);
    const b = new Classifier(reloaded);
    for (const { text } of [...TINY_TRAIN, ...TINY_DEV]) {
      const x = a.classify(text);
      const y = b.classify(text);
      assert.equal(y.intent, x.intent, text);
      assert.ok(Math.abs(y.confidence - x.confidence) < 1e-6, text);
    }
    assert.equal(reloaded.oosThreshold, model.oosThreshold);
    assert.equal(reloaded.temperature, model.temperature);
  });

  it('carves a stratified dev split and refits on everything when no dev file is given', () => {
    const { report: r } = trainModel(TINY_TRAIN, { epochs: 10 });
    assert.equal(r.refitOnAll, true);
    assert.ok(r.devRows > 0);
    const { train, dev } = stratifiedSplit(TINY_TRAIN, 0.25, 1);
    assert.equal(train.length + dev.length, TINY_TRAIN.length);
    assert.deepEqual(new Set(dev.map((r) => r.label)), new Set(TINY_TRAIN.map((r) => r.label)));
  });

  it('with refitWith, tunes on dev and then also learns from those rows, keeping the tuned settings', () => {
    // A word only the dev rows use (遗失): unknown to the model trained on the training rows alone.
    const devOnly = [...TINY_DEV, { text: '皮夹子连同卡片一起遗失在地铁', label: 'card_loss_report' }];
    const plain = trainModel(TINY_TRAIN, { dev: devOnly, epochs: 30 });
    const refit = trainModel(TINY_TRAIN, { dev: devOnly, epochs: 30, refitWith: devOnly });
    assert.equal(plain.report.refitOnAll, false);
    assert.equal(refit.report.refitOnAll, true);
    assert.equal(refit.report.l2, plain.report.l2);
    assert.equal(refit.model.temperature, plain.model.temperature);
    assert.equal(plain.model.vectorizer.columnOf('w遗失'), undefined);
    assert.notEqual(refit.model.vectorizer.columnOf('w遗失'), undefined);
    assert.ok(refit.model.vectorizer.size > plain.model.vectorizer.size);
    assert.throws(
      () => trainModel(TINY_TRAIN, { dev: devOnly, refitWith: [{ text: '开发票', label: 'invoice_request' }] }),
      TrainingDataError,
    );
  });

  it('deals stratified, seeded folds and tunes on every row scored out of fold when out-of-scope rows exist', () => {
    const rows = [...TINY_TRAIN, ...TINY_OOS_TRAIN, { text: '孤零零一行', label: 'lonely' }];
    const folds = stratifiedFolds(rows, 3, 5);
    assert.deepEqual(folds, stratifiedFolds(rows, 3, 5));
    // A label with under 3 rows always trains; every other label is spread evenly over the folds.
    assert.equal(folds[rows.length - 1], -1);
    for (const label of new Set(TINY_TRAIN.map((r) => r.label))) {
      const counts = [0, 0, 0];
      rows.forEach((r, i) => {
        if (r.label === label) counts[folds[i] as number] = (counts[folds[i] as number] as number) + 1;
      });
      assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `${label}: ${counts.join(' ')}`);
    }
    const { report: r } = trainModel([...TINY_TRAIN, ...TINY_OOS_TRAIN], { epochs: 10, folds: 4 });
    assert.equal(r.devRows, TINY_TRAIN.length + TINY_OOS_TRAIN.length);
    assert.equal(r.refitOnAll, true);
    // Without out-of-scope rows a single carved split is enough (calibration only).
    const { report: plain } = trainModel(TINY_TRAIN, { epochs: 10, folds: 4 });
    assert.ok(plain.devRows < TINY_TRAIN.length / 2);
  });

  it('refuses unusable training data', () => {
    assert.throws(() => trainModel([]), TrainingDataError);
    assert.throws(() => trainModel([{ text: 'a', label: 'x' }]), TrainingDataError);
    assert.throws(
      () => trainModel(TINY_TRAIN, { dev: [{ text: '年费多少', label: 'annual_fee' }] }),
      /absent from training/,
    );
  });
});

describe('model file', () => {
  it('refuses files that are not CardDesk models', () => {
    assert.throws(() => deserializeModel('not json'), ModelFileError);
    assert.throws(() => deserializeModel('{"format":"other"}'), ModelFileError);
    assert.throws(() => deserializeModelBinary(Buffer.from('CDNLUBIN')), ModelFileError);
  });

  it('writes the same model as a binary file, read back to the same answers, and refuses a truncated one', () => {
    const { model } = trainModel([...TINY_TRAIN, ...TINY_OOS_TRAIN], {
      dev: [...TINY_DEV, ...TINY_OOS_DEV],
      epochs: 10,
    });
    const dir = mkdtempSync(join(tmpdir(), 'carddesk-nlu-'));
    try {
      const file = join(dir, 'model.bin');
      saveModel(model, file);
      assert.equal(readFileSync(file).subarray(0, 8).toString('latin1'), 'CDNLUBIN');
      const reread = loadModelFile(file);
      // Same model: its JSON form is byte for byte the one written from the original.
      assert.equal(serializeModel(reread), serializeModel(model));
      const a = new Classifier(model);
      const b = new Classifier(reread);
      for (const { text } of [...TINY_DEV, ...TINY_OOS_DEV]) assert.deepEqual(b.classify(text), a.classify(text));
      // Deterministic bytes, and a file cut short is refused rather than read as zeros.
      assert.ok(serializeModelBinary(model).equals(readFileSync(file)));
      const bytes = readFileSync(file);
      assert.throws(() => deserializeModelBinary(bytes.subarray(0, bytes.length - 10)), ModelFileError);
      assert.throws(() => deserializeModelBinary(bytes.subarray(0, 4000)), ModelFileError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file whose weights do not match its vocabulary', () => {
    const { model } = trainModel(TINY_TRAIN, { dev: TINY_DEV, epochs: 5 });
    const file = JSON.parse(serializeModel(model)) as { keys: string };
    const keys = Buffer.from(file.keys, 'base64');
    file.keys = Buffer.concat([keys, Buffer.alloc(8)]).toString('base64');
    assert.throws(() => deserializeModel(JSON.stringify(file)), /inconsistent/);
    file.keys = keys.subarray(0, 5).toString('base64');
    assert.throws(() => deserializeModel(JSON.stringify(file)), /malformed/);
  });

  it('keeps the log-odds rejection rule through a file, reads version 2 files without it, and applies it', () => {
    const { model } = trainModel([...TINY_TRAIN, ...TINY_OOS_TRAIN], {
      dev: [...TINY_DEV, ...TINY_OOS_DEV],
      epochs: 10,
    });
    const withRule = { ...model, oosThreshold: 0, oosLogOdds: 0.5 };
    const reread = deserializeModel(serializeModel(withRule));
    assert.equal(reread.oosLogOdds, 0.5);
    const v2 = JSON.parse(serializeModel(withRule)) as Record<string, unknown>;
    v2.version = 2;
    v2.oosLogOdds = undefined;
    assert.equal(deserializeModel(JSON.stringify(v2)).oosLogOdds, undefined);
    // An answer whose log-odds against out-of-scope is under the threshold is refused, above it kept.
    const text = '我的积分';
    const plain = new Classifier({ ...model, oosThreshold: 0 });
    const p = plain.model.vectorizer.transform(text);
    assert.ok(p.indices.length > 0);
    const answer = plain.classify(text);
    assert.equal(answer.intent, 'points_rewards');
    const probs = answer.probabilities;
    const logOdds = Math.log(probs.get('points_rewards') as number) - Math.log(probs.get('out_of_scope') as number);
    assert.ok(logOdds > 0);
    assert.equal(
      new Classifier({ ...model, oosThreshold: 0, oosLogOdds: logOdds * 0.9 }).classify(text).intent,
      'points_rewards',
    );
    assert.equal(
      new Classifier({ ...model, oosThreshold: 0, oosLogOdds: logOdds * 1.1 }).classify(text).intent,
      'out_of_scope',
    );
  });

  it('reads version 1 files, which list feature names instead of keys', () => {
    const { model } = trainModel(TINY_TRAIN, { dev: TINY_DEV, epochs: 5 });
    const names = ['c挂失', 'w挂失', 'b^|挂失', 'pgua shi'];
    const file = JSON.parse(serializeModel(model)) as Record<string, unknown>;
    const v1: Record<string, unknown> = { ...file, version: 1, terms: names.join('\n'), keys: undefined };
    // A vocabulary of four names needs four rows of weights, scales and IDF.
    const K = model.labels.length;
    v1.idf = Buffer.from(new Float32Array([1, 1, 1, 1]).buffer).toString('base64');
    v1.weightScales = Buffer.from(new Float32Array([0.01, 0.01, 0.01, 0.01]).buffer).toString('base64');
    const weights = new Int8Array(4 * K);
    const lossIndex = model.labels.indexOf('card_loss_report');
    for (let f = 0; f < 4; f++) weights[f * K + lossIndex] = 127;
    v1.weights = Buffer.from(weights.buffer).toString('base64');
    const loaded = deserializeModel(JSON.stringify(v1));
    assert.equal(loaded.vectorizer.size, 4);
    for (const name of names) assert.notEqual(loaded.vectorizer.columnOf(name), undefined);
    assert.equal(new Classifier(loaded).classify('挂失').intent, 'card_loss_report');
  });
});
