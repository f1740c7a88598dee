import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chargebackDeadline,
  DEFAULT_BIN_NETWORKS,
  DEFAULT_CHARGEBACK_RULES,
  inProtectionWindow,
  networkForBin,
  protectionWindow,
  reviewWindowStart,
} from './emergency.rules.ts';

const rule = (network: string) => {
  const r = DEFAULT_CHARGEBACK_RULES.find((x) => x.network === network);
  assert.ok(r);
  return r;
};

describe('chargeback time limits (card-rules.md §4)', () => {
  it('gives UnionPay 150 calendar days from processing, the 30-day retrieval included', () => {
    assert.equal(
      chargebackDeadline(rule('unionpay'), { postingDate: '2026-11-02', statementDate: '2026-11-20' }),
      '2027-04-01',
    );
    assert.equal(rule('unionpay').retrievalDays, 30);
  });
  it('gives Mastercard 90 days from processing', () => {
    assert.equal(
      chargebackDeadline(rule('mastercard'), { postingDate: '2026-11-02', statementDate: '2026-11-20' }),
      '2027-01-31',
    );
  });
  it("counts the bank's own 60-day window from the statement date, not from posting", () => {
    // Posted 2 November, on the statement of 20 November: 60 days from 20 November is 19 January.
    assert.equal(
      chargebackDeadline(rule('bank'), { postingDate: '2026-11-02', statementDate: '2026-11-20' }),
      '2027-01-19',
    );
  });

  it('finds each card’s network from its BIN range, the longest prefix first', () => {
    const net = (bin: string) => networkForBin(bin, DEFAULT_BIN_NETWORKS, 'unionpay');
    assert.equal(net('622588'), 'unionpay');
    assert.equal(net('411111'), 'visa');
    assert.equal(net('545454'), 'mastercard');
    assert.equal(net('222100'), 'mastercard', '2221 is the first of the 2-series');
    assert.equal(net('272099'), 'mastercard', '2720 is the last of the 2-series');
    assert.equal(net('222000'), 'unionpay', '2220 is outside the 2-series: the bank default');
    assert.equal(net('272100'), 'unionpay', '2721 is outside the 2-series');
    assert.equal(net('356600'), 'jcb');
    // JCB is 3528–3589: the edges are JCB, the numbers either side are not (the bank's default network).
    assert.equal(net('352800'), 'jcb', '3528 is the first JCB range');
    assert.equal(net('358999'), 'jcb', '3589 is the last JCB range');
    assert.equal(net('352799'), 'unionpay', '3527 is outside JCB');
    assert.equal(net('359000'), 'unionpay', '3590 is outside JCB');
    assert.equal(net('378282'), 'amex');
    assert.equal(net('341111'), 'amex');
    assert.equal(networkForBin('621234', [...DEFAULT_BIN_NETWORKS, { prefix: '6212', network: 'visa' }], 'x'), 'visa');
  });
});

describe('the transactions a customer reviews after a loss report', () => {
  it('go back at least two statement cycles before the report, never fewer than 60 days', () => {
    // Statement day 5, report on 20 December: the last statements are 5 December (period 6 Nov–5 Dec) and
    // 5 November (period 6 Oct–5 Nov): the list starts on 6 October, 75 days back.
    assert.equal(reviewWindowStart('2026-12-20', 5), '2026-10-06');
    // Statement day 25, report on 26 March: statements 25 March and 25 February give 26 January (59 days);
    // 60 days back is 25 January, the earlier of the two.
    assert.equal(reviewWindowStart('2027-03-26', 25), '2027-01-25');
    // Statement day 1, report on 1 March: cycles from 2 January would be 58 days; 60 days back is 30 Dec.
    assert.equal(reviewWindowStart('2027-03-01', 1), '2026-12-31');
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
