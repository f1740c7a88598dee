import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactTypeOf, INTENT_CODES, INTENTS } from '@carddesk/contracts';
import {
  canMove,
  closeCheck,
  closeRefusal,
  closingOutcome,
  effectiveType,
  higherType,
  levelFromMethods,
  riskFlags,
  STAGES,
} from './contact.ts';
import { DEFAULT_CONFIG, requiredLevel } from './settings.ts';

const policy = DEFAULT_CONFIG.levelPolicy;

describe('contact rules', () => {
  it('follows the standard flow forward and loops from confirmation back to another need', () => {
    assert.ok(canMove('greeting', 'verify'));
    assert.ok(canMove('greeting', 'need'), 'verification may wait until an operation needs it');
    assert.ok(canMove('handle', 'verify'), 'verification steps up during handling');
    assert.ok(canMove('confirm', 'need'), '是否有其他需求');
    assert.ok(canMove('confirm', 'closing'));
    assert.equal(canMove('greeting', 'confirm'), false);
    assert.equal(canMove('need', 'closing'), false);
    for (const s of STAGES) assert.equal(canMove('closing', s), false, 'closing is terminal');
  });

  it('a contact cannot close unclassified, and "follow-up promised" needs a promise recorded on that contact', () => {
    assert.equal(
      closeRefusal({ intents: [], outcome: 'resolved_first_contact', promisesOnContact: 0 }),
      'CONTACT_UNCLASSIFIED',
    );
    assert.equal(closeRefusal({ intents: [], outcome: 'abandoned', promisesOnContact: 1 }), 'CONTACT_UNCLASSIFIED');
    assert.equal(
      closeRefusal({ intents: ['annual_fee'], outcome: 'follow_up_promised', promisesOnContact: 0 }),
      'CONTACT_PROMISE_REQUIRED',
    );
    assert.equal(closeRefusal({ intents: ['annual_fee'], outcome: 'follow_up_promised', promisesOnContact: 1 }), null);
    assert.equal(
      closeRefusal({ intents: ['annual_fee'], outcome: 'resolved_first_contact', promisesOnContact: 0 }),
      null,
    );
  });

  it('needs a written reason to close without confirmation', () => {
    assert.equal(closeCheck(['greeting', 'need', 'handle', 'confirm'], undefined), 'ok');
    assert.equal(closeCheck(['greeting', 'need', 'handle'], undefined), 'reason_required');
    assert.equal(closeCheck(['greeting', 'need', 'handle'], '  '), 'reason_required');
    assert.equal(closeCheck(['greeting', 'need', 'handle'], '客户挂断'), 'ok');
  });

  it('gives basic for any one method and strong only for a one-time code plus a knowledge factor', () => {
    assert.equal(levelFromMethods([], policy), 'none');
    assert.equal(levelFromMethods(['caller_number'], policy), 'basic');
    assert.equal(levelFromMethods(['otp'], policy), 'basic');
    assert.equal(
      levelFromMethods(['caller_number', 'name_id_last6'], policy),
      'basic',
      'a spoofable number is not possession',
    );
    assert.equal(levelFromMethods(['otp', 'name_id_last6'], policy), 'strong');
    assert.equal(levelFromMethods(['card_last4_factor', 'otp'], policy), 'strong');
  });

  it('ranks types emergency > complaint > transaction > consult (intents.md)', () => {
    assert.equal(contactTypeOf([]), null);
    assert.equal(contactTypeOf(['card_loss_report', 'annual_fee']), 'emergency', '卡丢了,顺便问下年费');
    assert.equal(contactTypeOf(['statement_query', 'complaint_fee']), 'complaint');
    assert.equal(contactTypeOf(['complaint_service', 'fraud_report']), 'emergency');
    assert.equal(contactTypeOf(['statement_query', 'installment_apply']), 'transaction');
    assert.equal(contactTypeOf(['statement_query']), 'consult');
  });

  it('carries all forty built-in intents of intents.md with their types', () => {
    assert.equal(INTENT_CODES.length, 40);
    assert.equal(INTENTS.fraud_report.type, 'emergency');
    assert.equal(INTENTS.transaction_dispute.type, 'transaction');
    assert.equal(INTENTS.out_of_scope.zh, '无关/无法识别');
  });

  it('unlocks protective actions at none and anything unlisted only at strong', () => {
    assert.equal(requiredLevel(DEFAULT_CONFIG, 'card.freeze'), 'none');
    assert.equal(requiredLevel(DEFAULT_CONFIG, 'statement.read'), 'basic');
    assert.equal(requiredLevel(DEFAULT_CONFIG, 'limit.permanent'), 'strong');
    assert.equal(requiredLevel({ ...DEFAULT_CONFIG, accessLevels: {} }, 'statement.read'), 'strong');
  });

  it('flags risks for the receiver of a hand-over', () => {
    assert.deepEqual(
      riskFlags({
        type: 'emergency',
        intents: ['fraud_report'],
        hostile: false,
        failedVerifications: 2,
        level: 'none',
      }),
      ['emergency', 'suspected_fraud', 'failed_verification', 'not_verified'],
    );
    assert.deepEqual(
      riskFlags({
        type: 'complaint',
        intents: ['complaint_service'],
        hostile: true,
        failedVerifications: 0,
        level: 'basic',
      }),
      ['complaint', 'hostile_customer'],
    );
  });

  it('ranks types emergency > complaint > transaction > consult, whichever side they come from', () => {
    assert.equal(higherType('consult', 'emergency'), 'emergency');
    assert.equal(higherType('emergency', 'complaint'), 'emergency');
    assert.equal(higherType('complaint', 'transaction'), 'complaint');
    assert.equal(higherType(null, 'complaint'), 'complaint');
    assert.equal(higherType('consult', null), 'consult');
    assert.equal(higherType(null, null), null);
  });

  it('keeps a raised type when the intents alone would say less', () => {
    assert.equal(effectiveType(['annual_fee'], 'complaint'), 'complaint', 'a complaint raised about a fee question');
    assert.equal(effectiveType(['card_loss_report'], 'complaint'), 'emergency', 'an emergency outranks the complaint');
    assert.equal(effectiveType(['statement_query'], 'emergency'), 'emergency', 'reclassifying cannot undo a block');
    assert.equal(effectiveType([], 'emergency'), 'emergency');
    assert.equal(effectiveType(['card_apply'], null), 'transaction');
    assert.equal(effectiveType([], null), null);
  });

  it('closes a contact a case was opened from as case_opened, unless it was transferred or abandoned', () => {
    assert.equal(closingOutcome('resolved_first_contact', 1), 'case_opened');
    assert.equal(closingOutcome('follow_up_promised', 2), 'case_opened');
    assert.equal(closingOutcome('transferred', 1), 'transferred');
    assert.equal(closingOutcome('abandoned', 1), 'abandoned');
    assert.equal(closingOutcome('resolved_first_contact', 0), 'resolved_first_contact');
    assert.equal(closingOutcome('case_opened', 0), 'case_opened');
  });
});
