import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { productTermsSchema } from '@carddesk/contracts';
import fc from 'fast-check';
import { createTestEnv, type TestEnv } from '../../../../test/context.ts';
import { paymentSystemActor } from '../../../platform/auth/actor.ts';
import { addDays, bankDate } from '../../../platform/clock.ts';
import { runCycle } from '../billing/cycle.service.ts';
import {
  availableOn,
  type Emitter,
  type EngineAccount,
  emptySums,
  post,
  runGraceCheck,
  runStatement,
} from '../billing/engine.ts';
import type { TransactionsTable } from '../cards.tables.ts';
import { cardsModule } from '../index.ts';
import { BUCKETS } from '../rules/allocation.ts';
import { postNetworkTransaction, recordRepayment } from './account.service.ts';
import { balanceOf, bucketOfDebit, emptyBook } from './book.ts';
import { checkAccountLedger } from './invariants.ts';

type Op =
  | { t: 'purchase'; fen: number; gap: number }
  | { t: 'cash'; fen: number; gap: number }
  | { t: 'pay'; fen: number; gap: number }
  | { t: 'refund'; pick: number; gap: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant('purchase' as const),
    fen: fc.integer({ min: 1, max: 600_000 }),
    gap: fc.integer({ min: 0, max: 9 }),
  }),
  fc.record({
    t: fc.constant('cash' as const),
    fen: fc.integer({ min: 100, max: 200_000 }),
    gap: fc.integer({ min: 0, max: 9 }),
  }),
  fc.record({
    t: fc.constant('pay' as const),
    fen: fc.integer({ min: 1, max: 900_000 }),
    gap: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({ t: fc.constant('refund' as const), pick: fc.nat(), gap: fc.integer({ min: 0, max: 5 }) }),
);

describe('ledger properties (in memory, through the billing engine)', () => {
  it('for random operation sequences, the balance equals the sum of postings and each bucket its allocations', () => {
    const terms = productTermsSchema.parse({ limit: { minFen: 100_000, maxFen: 10_000_000, defaultFen: 1_000_000 } });
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => {
        let n = 0;
        const rows: TransactionsTable[] = [];
        const out: Emitter = {
          nowIso: 'x',
          newId: () => `t${++n}`,
          txn: (r) => rows.push(r),
          statement: () => undefined,
          plan: () => undefined,
          statementPaid: () => undefined,
        };
        const acc: EngineAccount = {
          id: 'a',
          customerId: 'c',
          status: 'active',
          creditLimitFen: 1_000_000,
          tempLimitFen: 0,
          tempLimitFrom: null,
          tempLimitUntil: null,
          statementDay: 5,
          activatedOn: '2025-01-01',
          book: emptyBook('2026-01-01'),
          unbilledInstallmentFen: 0,
          cardYearPurchases: 0,
          cardYearSpendFen: 0,
          pointsBalance: 0,
          nextStatementDate: '2026-01-05',
          nextGraceCheck: null,
          nextAnnualFeeDate: null,
          lastStatementId: null,
        };
        const statements = new Map<string, Parameters<typeof runGraceCheck>[2]>();
        const stOut: Emitter = { ...out, newId: out.newId, txn: out.txn, statement: (s) => statements.set(s.id, s) };
        let day = '2026-01-01';
        for (const op of ops) {
          const target = addDays(day, op.gap);
          // Billing events between operations, in date order, as the cycle would run them.
          for (let d = addDays(day, 1); d <= target; d = addDays(d, 1)) {
            if (acc.nextGraceCheck === d)
              runGraceCheck(acc, terms, statements.get(acc.lastStatementId ?? '') as never, stOut);
            if (acc.nextStatementDate === d) runStatement(acc, terms, d, [], null, emptySums(), stOut);
          }
          day = target;
          const avail = availableOn(acc, day);
          if (op.t === 'purchase' && op.fen <= avail)
            post(acc, terms, { kind: 'purchase', amountFen: op.fen, postingDate: day, description: 'p' }, out);
          if (op.t === 'cash' && op.fen <= avail)
            post(acc, terms, { kind: 'cash_advance', amountFen: op.fen, postingDate: day, description: 'c' }, out);
          if (op.t === 'pay')
            post(acc, terms, { kind: 'repayment', amountFen: op.fen, postingDate: day, description: 'r' }, out);
          if (op.t === 'refund') {
            const purchases = rows.filter((r) => r.kind === 'purchase');
            const orig = purchases[op.pick % Math.max(1, purchases.length)];
            if (orig)
              post(
                acc,
                terms,
                { kind: 'refund', amountFen: Number(orig.amount_fen), postingDate: day, description: 'f' },
                out,
              );
          }
          // A purchase or cash advance is only accepted within the available credit.
          if ((op.t === 'purchase' || op.t === 'cash') && op.fen <= avail) assert.ok(availableOn(acc, day) >= 0);
        }
        const sum = rows.reduce((s, r) => s + Number(r.amount_fen), 0);
        assert.equal(balanceOf(acc.book), sum);
        const bucketTotals = { interest: 0, fees: 0, cash: 0, principal: 0 };
        let overpayment = 0;
        for (const r of rows) {
          const alloc = r.allocation ? (JSON.parse(r.allocation) as Record<string, number>) : {};
          const amount = Number(r.amount_fen);
          if (amount > 0) {
            const b = bucketOfDebit(r.kind);
            const key = b === 'unbilled' ? 'principal' : (b as 'interest' | 'fees' | 'cash');
            bucketTotals[key] += amount - (alloc.overpayment ?? 0);
            overpayment -= alloc.overpayment ?? 0;
          } else {
            for (const b of BUCKETS) {
              const key = b === 'unbilled' || b === 'billed' || b === 'revolving' ? 'principal' : b;
              bucketTotals[key] -= alloc[b] ?? 0;
            }
            overpayment += alloc.overpayment ?? 0;
          }
        }
        const k = acc.book.buckets;
        assert.equal(k.interest, bucketTotals.interest);
        assert.equal(k.fees, bucketTotals.fees);
        assert.equal(k.cash, bucketTotals.cash);
        assert.equal(k.unbilled + k.billed + k.revolving, bucketTotals.principal);
        assert.equal(acc.book.overpayment, overpayment);
        for (const b of BUCKETS) assert.ok(k[b] >= 0, `bucket ${b} never negative`);
      }),
      { numRuns: 300, seed: 20261129 },
    );
  });
});

describe('ledger properties (on the database, through the services)', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: [cardsModule], seed: { customers: 3, months: 1, seed: 11 } });
  });
  after(() => env.close());

  it('random purchases, cash, repayments and cycle runs keep the books equal to the postings and flag every negative available credit', async () => {
    const card = await env.system.db
      .selectFrom('cards')
      .select(['id', 'account_id'])
      .where('status', '=', 'active')
      .where('is_primary', '=', 1)
      .executeTakeFirstOrThrow();
    let transfers = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const op of ops) {
          env.clock.advanceDays(op.gap);
          const ctx = env.system;
          try {
            if (op.t === 'purchase')
              await postNetworkTransaction(ctx, {
                cardId: card.id,
                kind: 'purchase',
                amountFen: op.fen,
                merchant: '测试商户',
                category: 'dining',
              });
            if (op.t === 'cash')
              await postNetworkTransaction(ctx, { cardId: card.id, kind: 'cash_advance', amountFen: op.fen });
            if (op.t === 'pay')
              await recordRepayment(
                { ...ctx, actor: paymentSystemActor() },
                { accountId: card.account_id, amountFen: op.fen, reference: `PROP-${++transfers}` },
              );
            if (op.t === 'refund') await runCycle(ctx, { until: bankDate(ctx.clock.now()) });
          } catch (err) {
            // Declines are part of the rules; anything else is a failure.
            const code = (err as { code?: string }).code;
            assert.ok(
              code === 'INSUFFICIENT_CREDIT' || code === 'CASH_LIMIT_EXCEEDED',
              `unexpected ${code ?? String(err)}`,
            );
          }
          const row = await ctx.db
            .selectFrom('accounts')
            .selectAll()
            .where('id', '=', card.account_id)
            .executeTakeFirstOrThrow();
          const today = bankDate(ctx.clock.now());
          const temp =
            row.temp_limit_from && row.temp_limit_until && row.temp_limit_from <= today && today <= row.temp_limit_until
              ? Number(row.temp_limit_fen)
              : 0;
          const available =
            Number(row.credit_limit_fen) + temp - Number(row.balance_fen) - Number(row.unbilled_installment_fen);
          if (available < 0) assert.equal(row.over_limit, 1, 'negative available credit must be flagged');
        }
        assert.deepEqual(await checkAccountLedger(env.system.db, card.account_id), []);
      }),
      { numRuns: 12, seed: 7 },
    );
  });
});
