import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ProductTerms, productTermsSchema } from '@carddesk/contracts';
import type { TransactionsTable } from '../cards.tables.ts';
import { DISPUTE_ORDER, disputeAmount, emptyBook, returnDisputed } from '../ledger/book.ts';
import {
  availableOn,
  type Emitter,
  type EngineAccount,
  type EngineStatement,
  emptySums,
  overLimit,
  post,
  runGraceCheck,
  runStatement,
} from './engine.ts';

/** A one-account ledger in memory, driven through the engine exactly as the cycle job drives it. */
function books(overrides: Record<string, unknown> = {}) {
  const terms: ProductTerms = productTermsSchema.parse({
    limit: { minFen: 100_000, maxFen: 10_000_000, defaultFen: 1_000_000 },
    ...overrides,
  });
  let n = 0;
  const rows: TransactionsTable[] = [];
  const statements = new Map<string, EngineStatement>();
  let sums = emptySums();
  const out: Emitter = {
    nowIso: '2026-01-01T00:00:00.000Z',
    newId: () => `id${++n}`,
    txn: (row) => {
      rows.push(row);
    },
    statement: (st) => statements.set(st.id, st),
    plan: () => undefined,
    statementPaid: (id, fen) => {
      const st = statements.get(id);
      if (st) statements.set(id, { ...st, paidFen: st.paidFen + fen });
    },
  };
  const acc: EngineAccount = {
    id: 'a1',
    customerId: 'c1',
    status: 'active',
    creditLimitFen: 1_000_000,
    tempLimitFen: 0,
    tempLimitFrom: null,
    tempLimitUntil: null,
    statementDay: 15,
    activatedOn: '2025-12-01',
    book: emptyBook('2026-01-01'),
    unbilledInstallmentFen: 0,
    cardYearPurchases: 0,
    cardYearSpendFen: 0,
    pointsBalance: 0,
    nextStatementDate: '2026-01-15',
    nextGraceCheck: null,
    nextAnnualFeeDate: null,
    lastStatementId: null,
  };
  const track = (row: TransactionsTable) => {
    const kind = row.kind;
    const amount = Number(row.amount_fen);
    if (amount < 0) sums.creditsFen -= amount;
    else if (kind === 'purchase') sums.purchasesFen += amount;
    else if (kind === 'cash_advance') sums.cashFen += amount;
    else sums.feesFen += amount;
  };
  return {
    acc,
    terms,
    rows,
    statements,
    purchase(date: string, amountFen: number, txnDate?: string) {
      track(
        post(
          acc,
          terms,
          { kind: 'purchase', amountFen, postingDate: date, ...(txnDate ? { txnDate } : {}), description: 'p' },
          out,
        ),
      );
    },
    cash(date: string, amountFen: number) {
      track(post(acc, terms, { kind: 'cash_advance', amountFen, postingDate: date, description: 'c' }, out));
    },
    /** The customer marks a purchase as not theirs on `date`. */
    dispute(date: string, amountFen: number, postingDate: string) {
      return disputeAmount(acc.book, { amountFen, postingDate }, DISPUTE_ORDER.purchase, date, terms.minimumPayment);
    },
    /** The bank wins the fraud case: the customer is liable after all. */
    undispute(date: string, taken: ReturnType<typeof disputeAmount>) {
      return returnDisputed(acc.book, taken, date);
    },
    /** The customer wins: the disputed amount is written off with a credit posting. */
    writeOff(date: string, amountFen: number, taken: ReturnType<typeof disputeAmount>) {
      track(
        post(acc, terms, { kind: 'fraud_credit', amountFen, postingDate: date, description: 'w', settles: taken }, out),
      );
    },
    pay(date: string, amountFen: number) {
      track(post(acc, terms, { kind: 'repayment', amountFen, postingDate: date, description: 'r' }, out));
    },
    statement(date: string): EngineStatement {
      const st = runStatement(acc, terms, date, [], null, sums, out);
      sums = emptySums();
      return st;
    },
    fee(date: string, amountFen: number) {
      track(post(acc, terms, { kind: 'fee_cash', amountFen, postingDate: date, description: 'f' }, out));
    },
    grace(): EngineStatement {
      const st = statements.get(acc.lastStatementId ?? '');
      if (!st) throw new Error('no statement');
      const before = rows.length;
      const checked = runGraceCheck(acc, terms, st, out);
      // A late fee posted here belongs to the next statement's lines.
      for (const row of rows.slice(before)) track(row);
      return checked;
    },
  };
}

describe('interest-free period (card-rules.md §1, 《1999办法》Art. 21)', () => {
  it('charges no interest when the statement is paid in full by the due date', () => {
    const b = books();
    b.purchase('2026-01-10', 100_000);
    const s1 = b.statement('2026-01-15');
    assert.equal(s1.dueDate, '2026-02-04');
    assert.equal(s1.minimumPaymentFen, 10_000);
    b.pay('2026-02-01', 100_000);
    assert.equal(b.grace().status, 'paid_in_full');
    const s2 = b.statement('2026-02-15');
    assert.equal(s2.interestFen, 0);
  });

  it('paying only the minimum loses it: full-balance interest from each purchase’s posting date', () => {
    const b = books();
    b.purchase('2026-01-10', 100_000);
    b.statement('2026-01-15');
    b.pay('2026-02-04', 10_000);
    assert.equal(b.grace().status, 'minimum_paid');
    const s2 = b.statement('2026-02-15');
    // RMB 1,000 from 01-10 to 02-03 (25 days), then RMB 900 from 02-04 to 02-15 (12 days), at 0.05%/day.
    assert.equal(s2.interestFen, Math.round((100_000 * 25 + 90_000 * 12) * 0.0005));
    assert.equal(s2.interestFen, 1_790);
  });

  it('in unpaid-part mode charges interest only on what was left unpaid, from the posting date', () => {
    const b = books({ interestMode: 'unpaid_part' });
    b.purchase('2026-01-10', 100_000);
    b.statement('2026-01-15');
    b.pay('2026-02-04', 10_000);
    b.grace();
    const s2 = b.statement('2026-02-15');
    // RMB 900 from 01-10 to 02-15: 37 days.
    assert.equal(s2.interestFen, Math.round(90_000 * 37 * 0.0005));
  });

  it('counts interest from the posting date (记账日), not the earlier transaction date', () => {
    const b = books();
    b.purchase('2026-01-10', 100_000, '2026-01-07');
    b.statement('2026-01-15');
    b.pay('2026-02-04', 10_000);
    b.grace();
    assert.equal(b.statement('2026-02-15').interestFen, 1_790);
  });

  it('gives cash no interest-free period: interest from the transaction day even if repaid in full', () => {
    const b = books();
    b.cash('2026-01-10', 100_000);
    const s1 = b.statement('2026-01-15');
    // 01-10..01-15 inclusive = 6 days.
    assert.equal(s1.interestFen, 300);
    b.pay('2026-01-20', s1.newBalanceFen);
    b.grace();
    // 01-16..01-19 = 4 days before the repayment.
    assert.equal(b.statement('2026-02-15').interestFen, 200);
  });
});

describe('grace days and tolerance (容时容差)', () => {
  it('accepts a full payment on the last grace day as on time', () => {
    const b = books();
    b.purchase('2026-01-10', 100_000);
    const s1 = b.statement('2026-01-15');
    assert.equal(s1.graceUntil, '2026-02-07');
    b.pay('2026-02-07', 100_000);
    const g = b.grace();
    assert.equal(g.status, 'paid_in_full');
    assert.equal(b.statement('2026-02-15').interestFen, 0);
    assert.equal(b.rows.filter((r) => r.kind === 'fee_late').length, 0);
  });

  it('charges the late fee (at least RMB 10) when the minimum is not paid by the end of the grace days', () => {
    const b = books();
    b.purchase('2026-01-10', 100_000);
    b.statement('2026-01-15');
    const g = b.grace();
    assert.equal(g.status, 'overdue');
    const fee = b.rows.find((r) => r.kind === 'fee_late');
    assert.equal(Number(fee?.amount_fen), 1_000);
    assert.equal(fee?.posting_date, '2026-02-08');
    assert.equal(b.acc.book.overdueSince, '2026-02-04');
  });

  it('treats a shortfall of at most RMB 10 as paid in full', () => {
    const b = books();
    b.purchase('2026-01-10', 100_000);
    b.statement('2026-01-15');
    b.pay('2026-02-03', 99_000);
    assert.equal(b.grace().status, 'paid_in_full');
    assert.equal(b.statement('2026-02-15').interestFen, Math.round(1_000 * 8 * 0.0005));
  });
});

describe('available credit', () => {
  it('flags an account whose interest and fees took it over the limit', () => {
    const b = books();
    b.purchase('2026-01-10', 1_000_000);
    b.statement('2026-01-15');
    assert.equal(availableOn(b.acc, '2026-01-16'), 0);
    b.grace();
    assert.ok(availableOn(b.acc, '2026-02-08') < 0);
    assert.equal(overLimit(b.acc, '2026-02-08'), true);
  });
});

describe('minimum payment at the statement close (card-rules.md §1)', () => {
  it('counts fees and interest of an earlier statement once: inside its unpaid minimum, not again as charges', () => {
    const b = books();
    b.cash('2026-01-10', 100_000);
    b.fee('2026-01-10', 1_000);
    const s1 = b.statement('2026-01-15');
    // Cash interest 100,000 × 6 days (10–15 Jan) × 0.05% = 300; minimum 10% × 100,000 + 1,000 + 300 = 11,300.
    assert.equal(s1.interestFen, 300);
    assert.equal(s1.minimumPaymentFen, 11_300);
    // Nothing paid: late fee max(5% × 11,300 = 565, RMB 10) = 1,000 on 8 February.
    assert.equal(b.grace().status, 'overdue');
    const s2 = b.statement('2026-02-15');
    // Cash interest 100,000 × 31 days (16 Jan – 15 Feb) × 0.05% = 1,550.
    assert.equal(s2.interestFen, 1_550);
    // 10% × 100,000 + new charges (late fee 1,000 + interest 1,550) + earlier unpaid minimum 11,300 = 23,850;
    // the 1,000 cash fee and 300 interest of January are inside the 11,300 and are not counted again.
    assert.equal(s2.minimumPaymentFen, 10_000 + 1_000 + 1_550 + 11_300);
  });
});

describe('disputed fraud amounts (SPC Interpretation 2021 No. 10, Art. 7)', () => {
  it('stop bearing interest, leave the minimum payment and make nothing overdue until the case is decided', () => {
    const b = books();
    b.purchase('2026-01-10', 100_000); // the customer's own RMB 1,000
    b.purchase('2026-01-12', 500_000); // RMB 5,000 the customer did not make
    const s1 = b.statement('2026-01-15');
    assert.equal(s1.minimumPaymentFen, 60_000, '10% of RMB 6,000 before the dispute');
    b.dispute('2026-01-20', 500_000, '2026-01-12');
    // The disputed RMB 5,000 leaves the minimum: 10% of the undisputed RMB 1,000 is left to pay.
    assert.equal(b.acc.book.minDueUnpaid, 10_000);
    b.pay('2026-02-04', 10_000);
    assert.equal(b.grace().status, 'minimum_paid');
    assert.equal(b.acc.book.overdueSince, null);
    assert.equal(b.rows.filter((r) => r.kind === 'fee_late').length, 0, 'no late fee');
    const s2 = b.statement('2026-02-15');
    // Interest only on the undisputed RMB 1,000 (full balance from posting): 25 days at RMB 1,000, then 12
    // days at RMB 900, at 0.05%/day — exactly as if the fraud had never been posted.
    assert.equal(s2.interestFen, Math.round((100_000 * 25 + 90_000 * 12) * 0.0005));
    // Due now: RMB 900 + the interest; its minimum is 10% of RMB 900 plus the interest in full.
    assert.equal(s2.newBalanceFen, 90_000 + s2.interestFen);
    assert.equal(s2.minimumPaymentFen, 9_000 + s2.interestFen);
  });

  it('when the bank wins, the amount comes back with nothing charged for the pause', () => {
    const b = books();
    b.purchase('2026-01-12', 500_000);
    b.statement('2026-01-15');
    const taken = b.dispute('2026-01-20', 500_000, '2026-01-12');
    assert.equal(b.acc.book.minDueUnpaid, 0);
    // Nothing else was owed: the statement counts as settled, no late fee, no interest-free period lost.
    assert.equal(b.grace().status, 'paid_in_full');
    assert.equal(b.rows.filter((r) => r.kind === 'fee_late').length, 0);
    const s2 = b.statement('2026-02-15');
    assert.equal(s2.interestFen, 0);
    assert.equal(s2.minimumPaymentFen, 0);
    assert.equal(b.acc.book.overdueSince, null);
    // Decided on 1 March: the customer is liable. Interest runs from the decision only: 1–15 March, 15 days.
    assert.equal(b.undispute('2026-03-01', taken), 500_000);
    const s3 = b.statement('2026-03-15');
    assert.equal(s3.interestFen, Math.round(500_000 * 15 * 0.0005));
    assert.equal(s3.minimumPaymentFen, 50_000 + s3.interestFen, 'back in the minimum: 10% plus the interest');
  });

  it('when the customer wins, the amount is written off and the books still equal the postings', () => {
    const b = books();
    b.purchase('2026-01-10', 100_000);
    b.purchase('2026-01-12', 500_000);
    b.statement('2026-01-15');
    const taken = b.dispute('2026-01-20', 500_000, '2026-01-12');
    b.writeOff('2026-02-01', 500_000, taken);
    const posted = b.rows.reduce((sum, r) => sum + Number(r.amount_fen), 0);
    assert.equal(posted, 100_000);
    assert.equal(b.acc.book.disputed, 0);
    assert.equal(b.acc.book.buckets.billed, 100_000);
  });
});
