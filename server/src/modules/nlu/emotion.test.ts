import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreEmotion } from './emotion.ts';
import { normalizeText } from './normalize.ts';

const score = (text: string, probabilities?: Map<string, number>) =>
  scoreEmotion(text, normalizeText(text), probabilities, (i) =>
    i.startsWith('complaint_') ? 'complaint' : i === 'fraud_report' ? 'emergency' : 'consult',
  );

describe('scoreEmotion', () => {
  it('is calm for a plain question', () => {
    const e = score('请问积分怎么兑换');
    assert.equal(e.level, 'calm');
    assert.equal(e.anger, 0);
    assert.equal(e.anxiety, 0);
    assert.equal(e.escalate, false);
  });

  it('scores anger from insults and threats, higher with more cues', () => {
    const mild = score('我对你们很失望');
    const strong = score('你们这些骗子，垃圾银行，我要去消协投诉');
    assert.ok(mild.anger > 0.3 && mild.anger < 0.7, `mild ${mild.anger}`);
    assert.ok(strong.anger >= 0.9, `strong ${strong.anger}`);
    assert.equal(strong.escalate, true);
    assert.ok(strong.cues.includes('骗子'));
  });

  it('scores anxiety from urgency', () => {
    const e = score('救命，卡被盗了，急死了怎么办啊');
    assert.ok(e.anxiety >= 0.8, `anxiety ${e.anxiety}`);
    assert.equal(e.level, 'high');
  });

  it('ignores negated cues', () => {
    assert.equal(score('不急，慢慢来').anxiety, 0);
    assert.equal(score('我没生气，就是问问').anger, 0);
  });

  it('amplifies with exclamation marks and shouting, but not from punctuation alone', () => {
    assert.ok(score('太过分了！！！').anger > score('太过分了').anger);
    assert.equal(score('好的!!!').anger, 0);
    assert.ok(score('THIS IS RIDICULOUS').anger > score('this is ridiculous').anger);
  });

  it('takes the intent model into account: a calm fraud report still worries', () => {
    const e = score(
      '有一笔交易不是我做的',
      new Map([
        ['fraud_report', 0.9],
        ['transaction_query', 0.1],
      ]),
    );
    assert.ok(e.anxiety >= 0.4, `anxiety ${e.anxiety}`);
    assert.equal(e.anger, 0);
  });
});
