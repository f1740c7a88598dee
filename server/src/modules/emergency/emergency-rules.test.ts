import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chargebackDeadline,
  DEFAULT_CHARGEBACK_RULES,
  inProtectionWindow,
  protectionWindow,
} from './emergency-rules.ts';

const rule = (network: string) => {
  const r = DEFAULT_CHARGEBACK_RULES.find((x) => x.network === network);
  assert.ok(r);
  return r;
};

describe('chargeback time limits (card-rules.md §4)', () => {
  it('gives UnionPay 150 calendar days from processing, the 30-day retrieval included', () => {
    assert.equal(
      chargebackDeadline(rule('unionpay'), { postingDate: '2026-11-02', statementDate: null }),
      '2027-04-01',
    );
    assert.equal(rule('unionpay').retrievalDays, 30);
  });
  it('gives Mastercard 90 days from processing', () => {
    assert.equal(
      chargebackDeadline(rule('mastercard'), { postingDate: '2026-11-02', statementDate: null }),
      '2027-01-31',
    );
  });
  it("counts the bank's 60 days from the statement, or from posting while there is none (never later)", () => {
    assert.equal(
      chargebackDeadline(rule('bank'), { postingDate: '2026-11-02', statementDate: '2026-11-20' }),
      '2027-01-19',
    );
    assert.equal(chargebackDeadline(rule('bank'), { postingDate: '2026-11-02', statementDate: null }), '2027-01-01');
  });
});

describe('lost-card protection window', () => {
  const reported = new Date('2026-11-05T04:00:00Z'); // 12:00 Beijing on 5 Nov
  it('covers the 72 hours before the loss report for a product with cover', () => {
    const w = protectionWindow(reported, true, 72);
    assert.equal(w.from, '2026-11-02T04:00:00.000Z');
    assert.equal(inProtectionWindow('2026-11-02', w), true);
    assert.equal(inProtectionWindow('2026-11-05', w), true);
    assert.equal(inProtectionWindow('2026-11-01', w), false);
  });
  it('covers nothing for a product without cover', () => {
    const w = protectionWindow(reported, false, 72);
    assert.equal(w.covered, false);
    assert.equal(inProtectionWindow('2026-11-05', w), false);
  });
});
