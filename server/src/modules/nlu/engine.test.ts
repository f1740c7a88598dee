import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { Classifier } from './classifier.ts';
import { readLabelledCsv } from './csv.ts';
import { BUILTIN_MODEL_FILE, loadBuiltinNlu, NLU_MAX_TEXT } from './engine.ts';
import { evaluate } from './eval.ts';
import { deserializeModel, serializeModel } from './model-file.ts';

// The shipped model is loaded once for the whole file.
const engine = loadBuiltinNlu();
const now = new Date('2026-03-10T04:00:00Z');

describe('the built-in model', () => {
  it('knows every built-in intent, out_of_scope included', () => {
    const labels = new Set(engine.model.labels);
    for (const intent of [
      'card_loss_report',
      'fraud_report',
      'installment_apply',
      'complaint_collection',
      'out_of_scope',
    ]) {
      assert.ok(labels.has(intent), intent);
    }
    assert.equal(engine.model.labels.length, 40);
  });

  it('keeps its dev accuracy (dev is never trained on)', () => {
    const dev = readLabelledCsv(new URL('../../../data/nlu/dev.csv', import.meta.url));
    const r = evaluate(engine.classifier, dev);
    assert.ok(r.accuracy >= 0.8, `dev accuracy ${r.accuracy}`);
    assert.ok((r.oosRecall ?? 0) >= 0.6, `out-of-scope recall ${r.oosRecall}`);
  });

  it('round-trips through its file with identical answers', () => {
    const copy = new Classifier(deserializeModel(serializeModel(engine.model)));
    for (const text of ['我的卡丢了', '账单分期手续费多少', '今天天气怎么样', '你们催收天天打电话']) {
      const a = engine.classifier.classify(text);
      const b = copy.classify(text);
      assert.equal(b.intent, a.intent);
      assert.ok(Math.abs(b.confidence - a.confidence) < 1e-9);
    }
  });

  it('records the dictionary it was trained with', () => {
    assert.match(engine.model.dictionaryChecksum, /^[0-9a-f]{16}$/);
    assert.ok(BUILTIN_MODEL_FILE.pathname.endsWith('data/nlu/model.bin'));
  });
});

describe('analyze', () => {
  it('answers type, intent, confidence, alternatives, slots and emotion', () => {
    const r = engine.analyze('我想把这个月5000的账单分12期', { now });
    assert.equal(r.intent, 'installment_apply');
    assert.equal(r.type, 'transaction');
    assert.ok(r.confidence > 0.3 && r.confidence <= 1);
    assert.ok(r.alternatives.length <= 3);
    assert.deepEqual(
      r.slots.installmentTerms?.map((t) => t.periods),
      [12],
    );
    assert.deepEqual(
      r.slots.amounts?.map((a) => a.minor),
      [500_000],
    );
    assert.equal(r.emotion.level, 'calm');
  });

  it('classifies traditional characters and typos like their plain form', () => {
    assert.equal(engine.analyze('我的信用卡遺失了，要掛失').intent, 'card_loss_report');
    assert.equal(engine.analyze('信用咔被盗刷了').type, 'emergency');
  });

  it('lets an emergency outrank a second need in the same message', () => {
    const r = engine.analyze('卡丢了，顺便问下年费多少');
    assert.equal(r.type, 'emergency');
    assert.equal(r.intent, 'card_loss_report');
    assert.ok(
      r.alternatives.some((a) => a.intent === 'annual_fee'),
      JSON.stringify(r.alternatives),
    );
  });

  it('takes the need, not the greeting, when a message has both', () => {
    assert.equal(engine.analyze('你好呀，今天天气真好，我想查一下这个月账单').intent, 'statement_query');
    assert.equal(engine.analyze('谢谢，再见').intent, 'greeting');
  });

  it('reads praise of the service as thanks, not as a complaint about it', () => {
    // Phrasings not in the corpus: "服务" and "客服" lean towards complaint_service, which would flag a
    // praised agent's contact as a complaint.
    for (const text of ['服务态度真不错，谢谢', '客服很专业，点赞', '刚才的客服很耐心']) {
      const r = engine.analyze(text);
      assert.equal(r.type, 'consult', text);
      assert.equal(r.intent, 'greeting', text);
    }
    assert.equal(engine.analyze('你们服务太差了，我要投诉').intent, 'complaint_service');
  });

  it('does not raise an emergency from a harmless fragment', () => {
    assert.notEqual(engine.analyze('我人在美国，信用卡怎么还').type, 'emergency');
  });

  it('says out_of_scope for chatter and noise instead of guessing', () => {
    for (const text of ['今天天气怎么样', '给我讲个笑话', 'asdfghjkl', '😀😀😀', '\u0000\u0001\u0002']) {
      assert.equal(engine.analyze(text).intent, 'out_of_scope', text);
    }
  });

  it('refuses empty and over-long text with coded errors', () => {
    for (const [text, code] of [
      ['', 'NLU_TEXT_REQUIRED'],
      ['   \n ', 'NLU_TEXT_REQUIRED'],
      ['卡'.repeat(NLU_MAX_TEXT + 1), 'NLU_TEXT_TOO_LONG'],
    ] as const) {
      assert.throws(
        () => engine.analyze(text),
        (e: unknown) => e instanceof AppError && e.code === code,
      );
    }
  });

  it('handles text at the length limit', () => {
    const r = engine.analyze('我的卡丢了'.repeat(NLU_MAX_TEXT / 5));
    assert.equal(r.type, 'emergency');
  });

  it('flags an angry complaint for escalation', () => {
    const r = engine.analyze('你们的催收天天打电话骂人，太过分了！！我要投诉！');
    assert.equal(r.type, 'complaint');
    assert.ok(r.emotion.anger >= 0.7, `anger ${r.emotion.anger}`);
    assert.equal(r.emotion.escalate, true);
  });
});
