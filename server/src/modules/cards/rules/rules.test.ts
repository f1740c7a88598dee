import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { productTermsSchema } from '@carddesk/contracts';
import { allocate, repaymentOrder } from './allocation.ts';
import { transition } from './card-status.ts';
import { applyRate } from './decimal.ts';
import { annualFeeDecision, cardAnniversary, pointsFor } from './fee.rules.ts';
import { aprEstimatePercent, aprOf, discloseInstallment, installmentSchedule } from './installment-math.ts';
import { revolvingInterest } from './interest-math.ts';
import { addMonths, permanentIncreaseEligibility } from './limit.rules.ts';
import { isPaidInFull, lateFee, minimumPayment, minimumPaymentLines } from './payment.rules.ts';

const terms = productTermsSchema.parse({ limit: { minFen: 100_000, maxFen: 10_000_000, defaultFen: 1_000_000 } });

describe('APR by the IRR method (card-rules.md §2)', () => {
  const table: Array<[number, string, string, string]> = [
    [3, '0.0075', '13.45', '14.31'],
    [6, '0.0070', '14.26', '15.23'],
    [12, '0.0060', '13.03', '13.84'],
    [24, '0.0068', '14.96', '16.03'],
    [36, '0.0072', '15.64', '16.81'],
  ];
  for (const [n, f, apr, ear] of table) {
    it(`reproduces the table: ${n} periods at ${f} per period → APR ${apr}%, EAR ${ear}%`, () => {
      const r = aprOf(n, Number(f));
      assert.equal(r.aprPercent, apr);
      assert.equal(r.earPercent, ear);
    });
  }
  it('reproduces the table: 12 periods with the whole 7.2% fee charged in period 1 → APR 13.86%, EAR 14.77%', () => {
    const r = aprOf(12, 0.006, 'upfront');
    assert.equal(r.aprPercent, '13.86');
    assert.equal(r.earPercent, '14.77');
  });
  it('gives the quick estimate f × 24n/(n+1) = 13.29% for 12 periods at 0.60%', () => {
    assert.equal(aprEstimatePercent(12, 0.006), '13.29');
  });
  it('discloses the issue’s example: RMB 12,000 over 12 periods at 0.6% → 1,072.00 a period, 864.00 total fee', () => {
    const d = discloseInstallment(1_200_000, 12, '0.006');
    assert.equal(d.perPeriodPaymentFen, 107_200);
    assert.equal(d.totalFeeFen, 86_400);
    assert.equal(d.aprPercent, '13.03');
    assert.equal(d.earPercent, '13.84');
    assert.equal('naiveAnnualPercent' in d, false, 'the naive fee × 12 rate is not shown');
    assert.deepEqual(Object.keys(d).slice(0, 2), ['aprPercent', 'earPercent'], 'annualised rates first');
    assert.equal(d.schedule.length, 12);
  });
  it('puts the rounding remainder of the principal in the first period so the schedule sums exactly', () => {
    const s = installmentSchedule(100_001, 3, '0.0075');
    assert.deepEqual(
      s.map((l) => l.principalFen),
      [33_335, 33_333, 33_333],
    );
    assert.equal(
      s.reduce((a, l) => a + l.principalFen, 0),
      100_001,
    );
    assert.equal(s[2]?.remainingPrincipalFen, 0);
  });
});

describe('minimum payment, grace and late fee (card-rules.md §1)', () => {
  it('is 10% of principal plus all fees, interest and installment amounts, capped at the new balance', () => {
    const min = minimumPayment(
      {
        newBalanceFen: 130_000,
        principalFen: 100_000,
        cashFen: 0,
        feesFen: 5_000,
        interestFen: 2_000,
        installmentDueFen: 20_000,
        permanentLimitFen: 1_000_000,
        previousUnpaidFen: 0,
      },
      terms.minimumPayment,
    );
    // 10% × (100,000 − 20,000) + 5,000 + 2,000 + 20,000
    assert.equal(min, 35_000);
    const capped = minimumPayment(
      {
        newBalanceFen: 3_000,
        principalFen: 0,
        cashFen: 0,
        feesFen: 3_000,
        interestFen: 0,
        installmentDueFen: 0,
        permanentLimitFen: 1_000_000,
        previousUnpaidFen: 5_000,
      },
      terms.minimumPayment,
    );
    assert.equal(capped, 3_000);
  });
  it('counts 10% of the principal within the limit and 100% of the part over it, each fen once (RMB 12,000 on a 10,000 limit → 3,000)', () => {
    const min = minimumPayment(
      {
        newBalanceFen: 1_200_000,
        principalFen: 1_200_000,
        cashFen: 0,
        feesFen: 0,
        interestFen: 0,
        installmentDueFen: 0,
        permanentLimitFen: 1_000_000,
        previousUnpaidFen: 0,
      },
      terms.minimumPayment,
    );
    // Within the limit: 10% × 1,000,000 = 100,000; over the limit: 100% × 200,000 = 200,000. RMB 3,000, not 3,200.
    assert.equal(min, 100_000 + 200_000);
  });
  it('does not count fees and interest left from an earlier statement both as charges and inside the earlier unpaid minimum', () => {
    // Earlier statement: 5,000 fees + 2,000 interest, all still owed and part of the unpaid minimum of 17,000.
    // This cycle added 1,000 interest only. Principal 100,000 within a 1,000,000 limit.
    const min = minimumPayment(
      {
        newBalanceFen: 108_000,
        principalFen: 100_000,
        cashFen: 0,
        feesFen: 5_000,
        interestFen: 3_000,
        newChargesFen: 1_000,
        installmentDueFen: 0,
        permanentLimitFen: 1_000_000,
        previousUnpaidFen: 17_000,
      },
      terms.minimumPayment,
    );
    // 10% × 100,000 + new interest 1,000 + earlier unpaid minimum 17,000 (which holds the 7,000 old charges) = 28,000.
    assert.equal(min, 10_000 + 1_000 + 17_000);
  });
  it('lists each part of the minimum once: purchase and cash within the limit at their rates, the over-limit principal, charges, installments and the earlier minimum', () => {
    const r = minimumPaymentLines(
      {
        creditLimitFen: 1_000_000,
        purchaseFen: 900_000,
        cashFen: 200_000,
        feeFen: 3_000,
        interestFen: 7_000,
        installmentDueFen: 50_000,
        previousUnpaidMinimumFen: 12_000,
      },
      { ...terms.minimumPayment, cashRate: '0.10' },
    );
    // Owed 900,000 + 200,000 + 3,000 + 7,000 + 50,000 = 1,160,000 → 160,000 over the limit, taken from purchases:
    // 10% × 740,000 + 10% × 200,000 + 160,000 + 3,000 + 7,000 + 50,000 + 12,000 = 74,000 + 20,000 + 232,000 = 326,000.
    assert.deepEqual(r.lines, [
      { label: 'purchase_within_limit', fen: 74_000 },
      { label: 'cash_within_limit', fen: 20_000 },
      { label: 'over_limit', fen: 160_000 },
      { label: 'fees', fen: 3_000 },
      { label: 'interest', fen: 7_000 },
      { label: 'installments_due', fen: 50_000 },
      { label: 'previous_unpaid_minimum', fen: 12_000 },
    ]);
    assert.equal(r.minimumFen, 326_000);
  });
  it('counts a statement as paid in full when at most RMB 10 is left unpaid (容差), not RMB 10.01', () => {
    assert.equal(isPaidInFull(99_000, 100_000, 1_000), true);
    assert.equal(isPaidInFull(98_999, 100_000, 1_000), false);
  });
  it('charges a late fee of 5% of the unpaid minimum, at least RMB 10', () => {
    assert.equal(lateFee(10_000, terms.lateFee, 1_000), 1_000);
    assert.equal(lateFee(100_000, terms.lateFee, 1_000), 5_000);
    assert.equal(lateFee(20_000, terms.lateFee, 1_000), 1_000);
    assert.equal(lateFee(20_001, terms.lateFee, 1_000), 1_000);
    assert.equal(lateFee(30_000, terms.lateFee, 1_000), 1_500);
  });
  it('charges no late fee when the unpaid minimum is within the tolerance', () => {
    assert.equal(lateFee(1_000, terms.lateFee, 1_000), 0);
    assert.equal(lateFee(1_001, terms.lateFee, 1_000), 1_000);
  });
  it('caps the late fee when the product sets a cap', () => {
    assert.equal(lateFee(1_000_000, { ...terms.lateFee, maxFen: 20_000 }, 1_000), 20_000);
  });
});

describe('repayment allocation order (card-rules.md §1, 《2011办法》Art. 57)', () => {
  const owed = { interest: 1_000, fees: 2_000, cash: 3_000, revolving: 4_000, billed: 5_000, unbilled: 6_000 };
  it('pays interest and fees first while at most 90 days overdue', () => {
    const r = allocate(3_500, owed, repaymentOrder(90));
    assert.deepEqual(r.allocation, { interest: 1_000, fees: 2_000, cash: 500 });
  });
  it('pays principal first from 91 days overdue', () => {
    const r = allocate(3_500, owed, repaymentOrder(91));
    assert.deepEqual(r.allocation, { cash: 3_000, revolving: 500 });
  });
  it('keeps what is left over as a credit balance (溢缴款)', () => {
    const r = allocate(25_000, owed, repaymentOrder(0));
    assert.equal(r.overpayment, 4_000);
    assert.equal(r.allocation.overpayment, 4_000);
  });
});

describe('annual fee and points (card-rules.md §3)', () => {
  const rule = terms.annualFee;
  it('puts the card-year anniversary of a 29 February activation on 28 February in other years, and on 29 February in leap years', () => {
    assert.equal(cardAnniversary('2024-02-29', 2025), '2025-02-28');
    assert.equal(cardAnniversary('2024-02-29', 2027), '2027-02-28');
    assert.equal(cardAnniversary('2024-02-29', 2028), '2028-02-29');
    assert.equal(cardAnniversary('2024-02-29', 2100), '2100-02-28');
    assert.equal(cardAnniversary('2026-11-02', 2027), '2027-11-02');
  });
  it('waives next year’s fee at exactly six purchases in the card year, not at five', () => {
    assert.deepEqual(annualFeeDecision({ activated: true, purchasesInCardYear: 6, spendInCardYearFen: 0 }, rule), {
      charge: false,
      reason: 'waived_by_purchases',
    });
    assert.deepEqual(annualFeeDecision({ activated: true, purchasesInCardYear: 5, spendInCardYearFen: 0 }, rule), {
      charge: true,
      amountFen: 10_000,
    });
  });
  it('never charges a card that was not activated (《2011办法》Art. 49)', () => {
    assert.equal(
      annualFeeDecision({ activated: false, purchasesInCardYear: 0, spendInCardYearFen: 0 }, rule).charge,
      false,
    );
  });
  it('gives platinum-style products (no purchase waiver) no waiver for swipes, only for spend', () => {
    const plat = { ...rule, amountFen: 360_000, waivePurchases: null, waiveSpendFen: 20_000_000 };
    assert.equal(
      annualFeeDecision({ activated: true, purchasesInCardYear: 50, spendInCardYearFen: 19_999_999 }, plat).charge,
      true,
    );
    assert.equal(
      annualFeeDecision({ activated: true, purchasesInCardYear: 0, spendInCardYearFen: 20_000_000 }, plat).charge,
      false,
    );
  });
  it('earns one point per whole RMB 20 of eligible spend', () => {
    assert.equal(pointsFor(3_999, 'dining', terms.points), 1);
    assert.equal(pointsFor(4_000, 'dining', terms.points), 2);
    assert.equal(pointsFor(1_999, 'dining', terms.points), 0);
  });
  it('earns nothing in excluded categories and a multiple in bonus categories', () => {
    assert.equal(pointsFor(100_000, 'charity', terms.points), 0);
    assert.equal(pointsFor(100_000, 'travel', { ...terms.points, multipliers: { travel: 3 } }), 150);
  });
});

describe('limits (card-rules.md §7)', () => {
  const base = {
    activatedOn: '2026-06-01',
    lastIncreaseOn: null,
    overdue: false,
    recentStatements: [
      { status: 'paid_in_full', balanceFen: 600_000 },
      { status: 'paid_in_full', balanceFen: 500_000 },
    ],
    currentLimitFen: 1_000_000,
    requestedLimitFen: 1_400_000,
    productMaxFen: 5_000_000,
    rules: terms.limitRules,
  };
  it('refuses a permanent increase one day before six months after activation', () => {
    const v = permanentIncreaseEligibility({ ...base, today: '2026-11-30' });
    assert.equal(v.ok, false);
    assert.equal(v.ok ? '' : v.code, 'LIMIT_INCREASE_TOO_EARLY');
  });
  it('allows it from the day six months after activation', () => {
    assert.deepEqual(permanentIncreaseEligibility({ ...base, today: '2026-12-01' }), { ok: true });
  });
  it('refuses an increase sooner than three months after the last one', () => {
    const v = permanentIncreaseEligibility({ ...base, today: '2027-03-01', lastIncreaseOn: '2026-12-15' });
    assert.equal(v.ok ? '' : v.code, 'LIMIT_INCREASE_TOO_EARLY');
  });
  it('refuses after a missed minimum, on low utilisation, and above the 50% step', () => {
    const missed = permanentIncreaseEligibility({
      ...base,
      today: '2027-01-01',
      recentStatements: [{ status: 'overdue', balanceFen: 900_000 }],
    });
    assert.equal(missed.ok ? '' : missed.code, 'LIMIT_INCREASE_NOT_ELIGIBLE');
    const low = permanentIncreaseEligibility({
      ...base,
      today: '2027-01-01',
      recentStatements: [{ status: 'paid_in_full', balanceFen: 100_000 }],
    });
    assert.equal(low.ok ? '' : low.code, 'LIMIT_INCREASE_NOT_ELIGIBLE');
    const big = permanentIncreaseEligibility({ ...base, today: '2027-01-01', requestedLimitFen: 1_500_001 });
    assert.equal(big.ok ? '' : big.code, 'LIMIT_OUT_OF_RANGE');
  });
  it('adds calendar months, clamping to the end of a shorter month', () => {
    assert.equal(addMonths('2026-08-31', 6), '2027-02-28');
    assert.equal(addMonths('2026-11-15', 3), '2027-02-15');
  });
});

describe('card status machine', () => {
  it('allows pending_activation → active ⇄ frozen and loss from any live state', () => {
    assert.equal(transition('pending_activation', 'activate').kind, 'change');
    assert.equal(transition('active', 'freeze').kind, 'change');
    assert.equal(transition('frozen', 'unfreeze').kind, 'change');
    assert.equal(transition('frozen', 'report_lost').kind, 'change');
    assert.equal(transition('pending_activation', 'report_stolen').kind, 'change');
  });
  it('treats repeating the state a card is already in as unchanged', () => {
    assert.equal(transition('frozen', 'freeze').kind, 'unchanged');
    assert.equal(transition('active', 'activate').kind, 'unchanged');
    assert.equal(transition('stolen', 'report_lost').kind, 'unchanged');
  });
  it('refuses illegal transitions: unfreezing a lost card, freezing a closed one, activating a lost one', () => {
    assert.equal(transition('lost', 'unfreeze').kind, 'refused');
    assert.equal(transition('closed', 'freeze').kind, 'refused');
    assert.equal(transition('lost', 'activate').kind, 'refused');
    assert.equal(transition('pending_activation', 'freeze').kind, 'refused');
  });
});

describe('revolving interest calculator', () => {
  it('charges Σ balance × days × 0.05%: RMB 1,000 for 10 days then RMB 500 for 21 days = RMB 10.25', () => {
    const r = revolvingInterest(
      [
        { date: '2026-10-01', amountFen: 100_000 },
        { date: '2026-10-11', amountFen: -50_000 },
      ],
      '2026-10-31',
      '0.0005',
    );
    assert.equal(r.fenDays, 100_000 * 10 + 50_000 * 21);
    assert.equal(r.interestFen, 1_025);
  });
  it('rounds half up once, on the total', () => {
    assert.equal(applyRate(1_000_000 + 1_000, '0.0005'), 501);
    assert.equal(applyRate(999, '0.0005'), 0);
    assert.equal(applyRate(1_000, '0.0005'), 1);
  });
});
