import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NluAnalysis } from '../nlu/index.ts';
import { FAQ_TRUST, handOverMove, OPERATION_TRUST, planFaq, planQuestion } from './reply-plan.rules.ts';

const nlu = (intent: string, confidence: number, alternatives: Array<[string, number]> = []): NluAnalysis =>
  ({
    type: 'consult',
    intent,
    confidence,
    alternatives: alternatives.map(([i, c]) => ({ intent: i, confidence: c })),
    slots: {},
    emotion: { level: 'calm', anger: 0, anxiety: 0, escalate: false, cues: [] },
  }) as unknown as NluAnalysis;
const faq = (id: string, intent: string | null, confidence: number) => ({ id, title: id, intent, confidence });
const matched = (matches: ReturnType<typeof faq>[], clarify = false) => ({
  none: matches.length === 0,
  matches,
  clarify: clarify ? {} : null,
});

describe('what the assistant does with a question', () => {
  it('answers an FAQ only when the NLU reads its intent as its own, surely', () => {
    const fee = faq('faq-annual-fee', 'annual_fee', 0.4);
    assert.equal(planFaq(matched([fee]), nlu('annual_fee', 0.9)).kind, 'faq_answer');
    assert.equal(planFaq(matched([fee]), nlu('annual_fee', FAQ_TRUST.agreeMinNlu - 0.01)).kind, 'faq_unknown');
    // Another intent read: not answered, however sure the matcher is.
    assert.equal(
      planFaq(matched([faq('faq-annual-fee', 'annual_fee', 0.99)]), nlu('points_rewards', 0.9)).kind,
      'faq_unknown',
    );
  });

  it('answers nothing when the NLU gives "not about cards" any real weight', () => {
    const fee = faq('faq-annual-fee', 'annual_fee', 0.9);
    assert.equal(planFaq(matched([fee]), nlu('out_of_scope', 0.5)).kind, 'faq_unknown');
    assert.equal(planFaq(matched([fee]), nlu('annual_fee', 0.9, [['out_of_scope', 0.08]])).kind, 'faq_unknown');
    assert.equal(planFaq(matched([]), nlu('annual_fee', 0.99)).kind, 'faq_unknown');
  });

  it('offers a choice of two only for a close pair the matcher is sure of together', () => {
    const a = faq('faq-points-earn', 'points_rewards', 0.5);
    const b = faq('faq-points-redeem', 'points_rewards', 0.45);
    assert.equal(planFaq(matched([a, b], true), nlu('points_rewards', 0.9)).kind, 'faq_clarify');
    const weak = [faq('x', 'points_rewards', 0.3), faq('y', 'points_rewards', 0.3)];
    assert.equal(planFaq(matched(weak, true), nlu('points_rewards', 0.9)).kind, 'faq_answer', 'answered, not asked');
  });

  it('reads the holder’s figures and starts operations only on a sure reading, in the holder’s own words', () => {
    const none = matched([]);
    assert.deepEqual(planQuestion('我这个月账单多少', nlu('statement_query', 0.9), none), {
      kind: 'read',
      intent: 'statement_query',
    });
    assert.equal(
      planQuestion('我这个月账单多少', nlu('statement_query', OPERATION_TRUST.minConfidence - 0.01), none).kind,
      'faq_unknown',
    );
    assert.deepEqual(planQuestion('帮我冻结一下卡', nlu('card_freeze', 0.95), none), {
      kind: 'operation',
      operation: 'card.freeze',
    });
    assert.deepEqual(planQuestion('我能申请临时额度吗', nlu('limit_increase', 0.99), none), {
      kind: 'limit_eligibility',
      temporary: true,
    });
    // A general question about statements (no "my", no figure asked): the FAQs, not the holder's account.
    assert.equal(planQuestion('账单日是什么意思', nlu('statement_query', 0.9), none).kind, 'faq_unknown');
  });

  it('hands over on an emergency, a request for a person, a complaint, anger', () => {
    assert.deepEqual(handOverMove(nlu('card_loss_report', 0.9)), { kind: 'emergency', intent: 'card_loss_report' });
    assert.deepEqual(handOverMove(nlu('human_agent', 0.9)), { kind: 'handover', reason: 'customer_request' });
    assert.deepEqual(handOverMove(nlu('complaint_service', 0.9)), { kind: 'handover', reason: 'complaint' });
    assert.equal(handOverMove(nlu('human_agent', 0.3)), null, 'not sure enough');
    assert.equal(handOverMove(nlu('annual_fee', 0.9)), null);
  });
});
