import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../../test/context.ts';
import { bankDate } from '../../../platform/clock.ts';
import { idCheckChar } from '../../../platform/pii/validators.ts';
import { decideApplication, submitApplication } from '../applications/application.service.ts';
import { runCycle } from '../billing/cycle.service.ts';
import { activateCard } from '../card-ops/card.service.ts';
import { createProduct } from '../catalog/product.service.ts';
import { ENC } from '../customers/pii-fields.ts';
import { cardsModule } from '../index.ts';
import { postNetworkTransaction, recordRepayment } from '../ledger/account.service.ts';
import { checkAccountLedger } from '../ledger/invariants.ts';
import { acceptInstallment, quoteInstallment } from './installment.service.ts';

const REASON = { 'x-access-reason': encodeURIComponent('customer_callback: 客户来电办理分期业务') };

describe('money rules: installments, cash installments, consent, annual fee, credit balance', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: [cardsModule], seed: { customers: 2, months: 1, seed: 3 } });
  });
  after(() => env.close());

  let serial = 0;
  /** A new customer with an account on `productCode`, its primary card activated unless told otherwise. */
  async function openAccount(o: { productCode: string; name: string; limitFen: number; activate?: boolean }) {
    serial++;
    const first17 = `11010519880101${String(100 + serial)}`;
    const app = await submitApplication(env.system, {
      productCode: o.productCode,
      name: o.name,
      idNumber: first17 + idCheckChar(first17),
      phone: `1391111${String(1000 + serial)}`,
      address: '北京市朝阳区建国路9号',
      annualIncomeFen: 50_000_000,
      requestedLimitFen: o.limitFen,
    });
    const decided = await decideApplication(env.system, { id: app.id, approve: true, grantedLimitFen: o.limitFen });
    const cardId = decided.cardId as string;
    if (o.activate !== false) await activateCard(env.system, { cardId });
    const card = await env.system.db
      .selectFrom('cards')
      .select(['account_id', 'customer_id', 'pan_enc'])
      .where('id', '=', cardId)
      .executeTakeFirstOrThrow();
    return {
      cardId,
      accountId: card.account_id,
      customerId: card.customer_id,
      pan: env.system.keyring.decrypt(card.pan_enc, ENC.pan),
    };
  }
  const accountRow = (id: string) =>
    env.system.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const post = (url: string, as: string, payload: unknown, headers: Record<string, string> = REASON) =>
    env.request({ method: 'POST', url, as, headers, payload: payload as Record<string, unknown> });

  it('a bill installment cannot re-split the installment principal billed this cycle (《2022通知》: no installment of an installment)', async () => {
    const a = await openAccount({ productCode: 'STD', name: '周一', limitFen: 2_000_000 });
    const phone = await postNetworkTransaction(env.system, { cardId: a.cardId, kind: 'purchase', amountFen: 600_000 });
    const q = await quoteInstallment(env.system, {
      accountId: a.accountId,
      kind: 'transaction',
      periods: 6,
      sourceId: phone.id,
    });
    await acceptInstallment(env.system, { quoteId: q.quoteId, quoteHash: q.quoteHash, customerAgreed: true });
    await postNetworkTransaction(env.system, { cardId: a.cardId, kind: 'purchase', amountFen: 300_000 });
    // Statement day 5: the 5 November statement bills period 1 of the plan.
    env.clock.advanceDays(4);
    await runCycle(env.system, { until: '2026-11-05' });
    const st = await env.system.db
      .selectFrom('statements')
      .selectAll()
      .where('account_id', '=', a.accountId)
      .executeTakeFirstOrThrow();
    // Period 1: principal 600,000 / 6 = 100,000, interest 600,000 × 0.70% = 4,200.
    // New balance = 300,000 (second purchase) + 100,000 + 4,200 = 404,200.
    assert.equal(Number(st.installments_fen), 100_000);
    assert.equal(Number(st.new_balance_fen), 404_200);
    // Installable = 404,200 − 0 paid − 0 interest − 4,200 fees − 100,000 installment principal = 300,000.
    const bill = await quoteInstallment(env.system, { accountId: a.accountId, kind: 'bill', periods: 3 });
    assert.equal(bill.principalFen, 300_000);
    await assert.rejects(
      quoteInstallment(env.system, { accountId: a.accountId, kind: 'bill', periods: 3, principalFen: 300_001 }),
      (e: { code: string; details: { maxFen: number } }) =>
        e.code === 'INSTALLMENT_AMOUNT_OUT_OF_RANGE' && e.details.maxFen === 300_000,
    );
  });

  it('the customer’s yes is kept by the server with the quote shown (APR first), its hash, the contact and the agent; acceptance names the hash', async () => {
    const a = await openAccount({ productCode: 'STD', name: '吴二', limitFen: 2_000_000 });
    const buy = await postNetworkTransaction(env.system, { cardId: a.cardId, kind: 'purchase', amountFen: 1_200_000 });
    const q = await post('/api/installments/quote', 'supervisor', {
      accountId: a.accountId,
      kind: 'transaction',
      periods: 12,
      sourceId: buy.id,
    });
    assert.equal(q.statusCode, 200);
    const quote = q.json();
    // PBoC〔2021〕No. 3: the annualised rate comes before any other figure; no "fee × 12" rate is shown.
    assert.equal(quote.notice.indexOf('年化利率(IRR)13.03%'), 0);
    assert.equal('naiveAnnualPercent' in quote, false);
    assert.match(quote.notice, /总利息864\.00元,每期应还1072\.00元/);
    assert.match(quote.earlyRepayment, /提前还清/);
    const wrong = await post('/api/installments', 'supervisor', {
      quoteId: quote.quoteId,
      quoteHash: '0'.repeat(64),
      customerAgreed: true,
    });
    assert.equal(wrong.json().error.code, 'INSTALLMENT_QUOTE_HASH_MISMATCH');
    const noYes = await post('/api/installments', 'supervisor', {
      quoteId: quote.quoteId,
      quoteHash: quote.quoteHash,
      customerAgreed: false,
    });
    assert.equal(noYes.json().error.code, 'INSTALLMENT_CONSENT_REQUIRED');
    const none = await env.system.db
      .selectFrom('installment_plans')
      .select('id')
      .where('account_id', '=', a.accountId)
      .execute();
    assert.equal(none.length, 0, 'a refused acceptance changes nothing');
    const plan = await post('/api/installments', 'supervisor', {
      quoteId: quote.quoteId,
      quoteHash: quote.quoteHash,
      customerAgreed: true,
    });
    assert.equal(plan.statusCode, 200);
    const consent = await env.system.db
      .selectFrom('installment_consents')
      .selectAll()
      .where('plan_id', '=', plan.json().id)
      .executeTakeFirstOrThrow();
    const supervisor = await env.system.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'supervisor')
      .executeTakeFirstOrThrow();
    assert.equal(consent.quote_hash, quote.quoteHash);
    assert.equal(consent.agent_id, supervisor.id);
    assert.equal(consent.customer_answer, 'yes');
    const shown = JSON.parse(consent.quote_shown);
    assert.equal(shown.notice, quote.notice);
    assert.equal(shown.disclosure.aprPercent, '13.03');
    assert.equal(shown.disclosure.totalFeeFen, 86_400);
    assert.equal(shown.earlyRepayment, quote.earlyRepayment);
  });

  it('a cash installment goes only to the holder’s own settlement account and is at most the cash limit left (50% of the limit)', async () => {
    const a = await openAccount({ productCode: 'STD', name: '郑三', limitFen: 1_000_000 });
    await postNetworkTransaction(env.system, { cardId: a.cardId, kind: 'cash_advance', amountFen: 200_000 });
    const own = { accountNumber: '6217000010001234567', holderName: '郑三' };
    const quote = async (principalFen: number) =>
      (
        await post('/api/installments/quote', 'supervisor', {
          accountId: a.accountId,
          kind: 'cash',
          periods: 6,
          principalFen,
        })
      ).json();
    const accept = (q: { quoteId: string; quoteHash: string }, payoutAccount?: unknown) =>
      post('/api/installments', 'supervisor', {
        quoteId: q.quoteId,
        quoteHash: q.quoteHash,
        customerAgreed: true,
        payoutAccount,
      });
    // Cash limit 1,000,000 × 50% = 500,000; 200,000 already drawn → 300,000 left.
    const over = await quote(300_001);
    assert.equal((await accept(over, own)).json().error.code, 'CASH_LIMIT_EXCEEDED');
    const q = await quote(300_000);
    assert.equal((await accept(q)).json().error.code, 'PAYOUT_ACCOUNT_NOT_OWN');
    assert.equal((await accept(q, { ...own, holderName: '郑四' })).json().error.code, 'PAYOUT_ACCOUNT_NOT_OWN');
    assert.equal(
      (await accept(q, { accountNumber: a.pan, holderName: '郑三' })).json().error.code,
      'PAYOUT_ACCOUNT_NOT_OWN',
      'the credit card itself is not a settlement account',
    );
    const plan = await accept(q, own);
    assert.equal(plan.statusCode, 200);
    const payout = await env.system.db
      .selectFrom('payouts')
      .selectAll()
      .where('installment_plan_id', '=', plan.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(payout.amount_fen), 300_000);
    assert.equal(payout.payee_account_masked, '****4567');
    assert.doesNotMatch(payout.payee_account_enc, /6217000010001234567/);
    assert.deepEqual(await checkAccountLedger(env.system.db, a.accountId), []);
  });

  it('a cash installment counts against the daily cash cap (RMB 10,000) with the day’s cash advances, and is at most RMB 50,000', async () => {
    const a = await openAccount({ productCode: 'STD', name: '王五', limitFen: 5_000_000 });
    const own = { accountNumber: '6222020200112233445', holderName: '王五' };
    const quote = async (principalFen: number) =>
      (
        await post('/api/installments/quote', 'supervisor', {
          accountId: a.accountId,
          kind: 'cash',
          periods: 12,
          principalFen,
        })
      ).json();
    assert.equal((await quote(5_000_001)).error.code, 'INSTALLMENT_AMOUNT_OUT_OF_RANGE');
    await postNetworkTransaction(env.system, { cardId: a.cardId, kind: 'cash_advance', amountFen: 300_000 });
    const accept = (q: { quoteId: string; quoteHash: string }) =>
      post('/api/installments', 'supervisor', {
        quoteId: q.quoteId,
        quoteHash: q.quoteHash,
        customerAgreed: true,
        payoutAccount: own,
      });
    // Daily cap 1,000,000: 300,000 drawn today, so 700,001 is over and 700,000 is exactly at the cap.
    assert.equal((await accept(await quote(700_001))).json().error.code, 'CASH_LIMIT_EXCEEDED');
    assert.equal((await accept(await quote(700_000))).statusCode, 200);
    assert.equal((await accept(await quote(50_000))).json().error.code, 'CASH_LIMIT_EXCEEDED');
    // The cash installment also counts when the card draws cash the same day.
    await assert.rejects(
      postNetworkTransaction(env.system, { cardId: a.cardId, kind: 'cash_advance', amountFen: 10_000 }),
      { code: 'CASH_LIMIT_EXCEEDED' },
    );
  });

  it('charges the annual fee from activation, never before: a card that is not first-year-free pays its first fee on activation', async () => {
    await createProduct(env.system, {
      code: 'NOFREE',
      nameZh: '无首年免费卡',
      nameEn: 'No free first year',
      tier: 'standard',
      bin: '622599',
      terms: {
        limit: { minFen: 300_000, maxFen: 5_000_000, defaultFen: 1_000_000 },
        annualFee: { amountFen: 20_000, firstYearFree: false, waivePurchases: 6, waiverApprovalAboveFen: 10_000 },
      },
    });
    const a = await openAccount({ productCode: 'NOFREE', name: '钱六', limitFen: 1_000_000, activate: false });
    const fees = () =>
      env.system.db
        .selectFrom('transactions')
        .select(['id', 'amount_fen', 'posting_date'])
        .where('account_id', '=', a.accountId)
        .where('kind', '=', 'fee_annual')
        .execute();
    env.clock.advanceDays(3);
    await runCycle(env.system, { until: bankDate(env.clock.now()) });
    assert.deepEqual(await fees(), [], 'nothing is charged while the card is not activated');
    assert.equal((await accountRow(a.accountId)).next_annual_fee_date, null);
    await activateCard(env.system, { cardId: a.cardId });
    const today = bankDate(env.clock.now());
    const charged = await fees();
    assert.equal(charged.length, 1);
    assert.equal(Number(charged[0]?.amount_fen), 20_000);
    assert.equal(charged[0]?.posting_date, today);
    // The next fee falls on the first anniversary of the activation.
    assert.equal(
      (await accountRow(a.accountId)).next_annual_fee_date,
      `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    );
    assert.deepEqual(await checkAccountLedger(env.system.db, a.accountId), []);

    // Waiving it: RMB 200 is above the product's RMB 100, so a second, senior person must approve.
    for (const user of ['supervisor', 'senior_agent', 'agent']) await env.login(user);
    const asked = await post(`/api/accounts/${a.accountId}/annual-fee-adjustments`, 'supervisor', {
      feeTransactionId: charged[0]?.id,
      reason: '客户首年用卡良好,申请减免',
    });
    assert.equal(asked.json().status, 'pending_approval');
    const self = await post(`/api/annual-fee-adjustments/${asked.json().id}/decision`, 'supervisor', { approve: true });
    assert.equal(self.json().error.code, 'FEE_ADJUSTMENT_SELF_APPROVAL');
    const agent = await post(`/api/annual-fee-adjustments/${asked.json().id}/decision`, 'agent', { approve: true });
    assert.equal(agent.statusCode, 403);
    const approved = await post(`/api/annual-fee-adjustments/${asked.json().id}/decision`, 'senior_agent', {
      approve: true,
    });
    assert.equal(approved.json().status, 'applied');
    assert.equal(Number((await accountRow(a.accountId)).bucket_fees_fen), 0);
    const again = await post(`/api/accounts/${a.accountId}/annual-fee-adjustments`, 'supervisor', {
      feeTransactionId: charged[0]?.id,
      reason: '再次申请',
    });
    assert.equal(again.json().error.code, 'ANNUAL_FEE_ALREADY_ADJUSTED');
    const audited = await env.system.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', asked.json().id)
      .execute();
    assert.deepEqual(audited.map((r) => r.action).sort(), ['annual_fee.adjust_approve', 'annual_fee.adjust_request']);
    assert.deepEqual(await checkAccountLedger(env.system.db, a.accountId), []);
  });

  it('refunds a credit balance (溢缴款) to the holder’s own account once, so the card can then be closed', async () => {
    for (const user of ['supervisor']) await env.login(user);
    const a = await openAccount({ productCode: 'STD', name: '孙七', limitFen: 1_000_000 });
    await recordRepayment(env.system, { accountId: a.accountId, amountFen: 50_000, reference: 'OVERPAY-1' });
    assert.equal(Number((await accountRow(a.accountId)).overpayment_fen), 50_000);
    const close = () => post(`/api/cards/${a.cardId}/cancel`, 'supervisor', { reason: '客户申请销户' });
    assert.equal((await close()).json().error.code, 'ACCOUNT_HAS_BALANCE');
    const refund = (holderName: string) =>
      post(`/api/accounts/${a.accountId}/credit-balance/refund`, 'supervisor', {
        payoutAccount: { accountNumber: '6228480011223344556', holderName },
      });
    assert.equal((await refund('孙八')).json().error.code, 'PAYOUT_ACCOUNT_NOT_OWN');
    assert.equal(Number((await accountRow(a.accountId)).overpayment_fen), 50_000, 'a refused refund changes nothing');
    const done = await refund('孙七');
    assert.equal(done.statusCode, 200);
    assert.equal(done.json().amountFen, 50_000);
    assert.equal(done.json().payee, '****4556');
    const entry = await env.system.db
      .selectFrom('transactions')
      .select(['kind', 'amount_fen'])
      .where('id', '=', done.json().transactionId)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ kind: entry.kind, amount: Number(entry.amount_fen) }, { kind: 'credit_refund', amount: 50_000 });
    assert.equal(Number((await accountRow(a.accountId)).overpayment_fen), 0);
    assert.equal((await refund('孙七')).json().error.code, 'NO_CREDIT_BALANCE');
    const audits = await env.system.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'credit_balance.refund')
      .where('entity_id', '=', a.accountId)
      .execute();
    assert.equal(audits.length, 1);
    assert.deepEqual(await checkAccountLedger(env.system.db, a.accountId), []);
    assert.equal((await close()).json().status, 'closed');
  });
});
