import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { paymentSystemActor } from '../../platform/auth/actor.ts';
import { issueSystemCredential } from '../../platform/auth/system-credentials.ts';
import { bankDate } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { idCheckChar } from '../../platform/pii/validators.ts';
import type { ModuleDef } from '../module.ts';
import { runCycle } from './billing/cycle.service.ts';
import {
  cardsModule,
  checkCustomerFactor,
  findCustomerIdByPhone,
  getCustomerSummary,
  getRegisteredPhone,
} from './index.ts';
import { postNetworkTransaction, recordRepayment } from './ledger/account.service.ts';
import { checkAccountLedger } from './ledger/invariants.ts';
import { requestPermanentLimit } from './limits/limit.service.ts';

const withCheck = (first17: string) => first17 + idCheckChar(first17);
const wrongCheck = (first17: string) => first17 + (idCheckChar(first17) === '0' ? '1' : '0');
const REASON = { 'x-access-reason': encodeURIComponent('customer_callback: 客户来电核实账户信息') };
const asSupervisor = { as: 'supervisor', headers: REASON };

// A module contributing a 360 section, as the contacts and cases modules do.
// Stands in for the cases module: a section the 360 contract declares, and one it does not.
const caseItem = {
  id: 'case-1',
  number: 'TS-0001',
  kind: 'complaint',
  state: 'handling',
  stateLabel: '处理中',
  category: 'complaint_fee',
  receivedDate: '2026-11-20',
  dueDate: '2026-12-05',
  promisedDate: null,
  overdue: false,
};
const sectionsModule: ModuleDef = {
  name: 'test-sections',
  customerViews: [
    { section: 'cases', load: async () => [caseItem] },
    { section: 'undeclared', load: async (_ctx, id) => [{ customerId: id, secret: 'not in the contract' }] },
  ],
};

describe('cards API', () => {
  let env: TestEnv;
  let zhang: string;
  let card: string;
  let account: string;
  /** The payment system's own credential (issued as a deployment would, `carddesk payment-key create`). */
  let paymentSystem: Record<string, string>;

  before(async () => {
    env = await createTestEnv({ modules: [cardsModule, sectionsModule] });
    const key = await issueSystemCredential(env.system, { kind: 'payment_system', name: 'test-payments' });
    paymentSystem = { 'x-api-key': key.secret };
    const stored = await env.system.db.selectFrom('system_credentials').selectAll().executeTakeFirstOrThrow();
    assert.notEqual(stored.secret_hash, key.secret, 'only a hash of the key is kept');
    const id = await findCustomerIdByPhone(env.system, '13800138000');
    assert.ok(id);
    zhang = id;
    const c = await env.system.db
      .selectFrom('cards')
      .select(['id', 'account_id'])
      .where('customer_id', '=', zhang)
      .where('last4', '=', '1234')
      .executeTakeFirstOrThrow();
    card = c.id;
    account = c.account_id;
  });
  after(() => env.close());

  const auditCount = async (action: string) =>
    Number(
      (
        await env.system.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('seeds the documented demo customer 张伟 (13800138000, card ending 1234) with history that balances', async () => {
    const summary = await getCustomerSummary(env.system, zhang);
    assert.equal(summary.maskedName, '张*');
    assert.equal(summary.maskedPhone, '138****8000');
    assert.equal(summary.cards[0]?.last4, '1234');
    assert.deepEqual(await checkAccountLedger(env.system.db, account), []);
    const suspicious = await env.system.db
      .selectFrom('transactions')
      .select('id')
      .where('account_id', '=', account)
      .where('suspicious', '=', 1)
      .execute();
    assert.ok(suspicious.length >= 2);
  });

  it('checks identity factors without revealing them', async () => {
    assert.equal(await checkCustomerFactor(env.system, zhang, { kind: 'name', value: '张伟' }), true);
    assert.equal(await checkCustomerFactor(env.system, zhang, { kind: 'name', value: '张玮' }), false);
    assert.equal(await checkCustomerFactor(env.system, zhang, { kind: 'card_last4', value: '1234' }), true);
    assert.equal(await checkCustomerFactor(env.system, zhang, { kind: 'birth_date', value: '1985-03-15' }), true);
    assert.equal(await checkCustomerFactor(env.system, zhang, { kind: 'phone', value: '+86 138-0013-8000' }), true);
    assert.equal(await checkCustomerFactor(env.system, zhang, { kind: 'id_last6', value: '000000' }), false);
    assert.equal(await getRegisteredPhone(env.system, zhang), '13800138000');
  });

  it('finds a customer by phone, ID number, card last four and name with masked results, and audits the search', async () => {
    const before = await auditCount('customer.search');
    for (const q of ['13800138000', '1234', '张伟']) {
      const res = await env.request({ method: 'POST', url: '/api/customers/search', payload: { q }, as: 'agent' });
      assert.equal(res.statusCode, 200, q);
      const hit = res.json().hits.find((h: { id: string }) => h.id === zhang);
      assert.ok(hit, q);
      assert.equal(hit.maskedPhone, '138****8000');
      assert.doesNotMatch(res.body, /13800138000/);
    }
    assert.equal(await auditCount('customer.search'), before + 3);
    const bad = await env.request({
      method: 'POST',
      url: '/api/customers/search',
      payload: { q: 'hello!' },
      as: 'agent',
    });
    assert.equal(bad.json().error.code, 'SEARCH_QUERY_INVALID');
    const qa = await env.request({
      method: 'POST',
      url: '/api/customers/search',
      payload: { q: '13800138000' },
      as: 'qa',
    });
    assert.equal(qa.statusCode, 403);
  });

  it('serves the 360 view with contributed sections to a supervisor with a reason, audited; refuses an agent outside a contact', async () => {
    const res = await env.request({ method: 'GET', url: `/api/customers/${zhang}`, ...asSupervisor });
    assert.equal(res.statusCode, 200);
    const v = res.json();
    assert.equal(v.customer.maskedIdNumber.slice(0, 4), '1101');
    assert.ok(v.accounts[0].availableCreditFen > 0);
    assert.ok(v.latestStatements.length >= 1);
    assert.ok(v.recentTransactions.length > 0);
    assert.ok(v.installmentPlans.some((p: { status: string }) => p.status === 'active'));
    assert.deepEqual(v.cases, [caseItem]);
    // The response schema is the contract: a section it does not name never reaches the client.
    assert.equal(v.undeclared, undefined);
    assert.doesNotMatch(res.body, /not in the contract/);
    assert.doesNotMatch(res.body, /110105198503150/);
    const agent = await env.request({ method: 'GET', url: `/api/customers/${zhang}`, as: 'agent' });
    assert.equal(agent.json().error.code, 'CUSTOMER_ACCESS_DENIED');
    const noReason = await env.request({ method: 'GET', url: `/api/customers/${zhang}`, as: 'supervisor' });
    assert.equal(noReason.json().error.code, 'REASON_REQUIRED');
  });

  it('freezes at once and idempotently: the second freeze changes nothing and writes no second audit record', async () => {
    const before = await auditCount('card.freeze');
    const first = await env.request({
      method: 'POST',
      url: `/api/cards/${card}/freeze`,
      ...asSupervisor,
      payload: { reason: '客户出差,临时锁卡' },
    });
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().status, 'frozen');
    const second = await env.request({
      method: 'POST',
      url: `/api/cards/${card}/freeze`,
      ...asSupervisor,
      payload: {},
    });
    assert.equal(second.json().status, 'frozen');
    assert.equal(await auditCount('card.freeze'), before + 1);
    await assert.rejects(postNetworkTransaction(env.system, { cardId: card, kind: 'purchase', amountFen: 1_000 }), {
      code: 'CARD_NOT_USABLE',
    });
    const un = await env.request({ method: 'POST', url: `/api/cards/${card}/unfreeze`, ...asSupervisor });
    assert.equal(un.json().status, 'active');
  });

  it('the desk does not post repayments: an agent, a senior agent and a supervisor get 403 REPAYMENT_PAYMENT_SYSTEM_ONLY and nothing is posted', async () => {
    const before = await auditCount('repayment.record');
    for (const as of ['agent', 'senior_agent', 'supervisor']) {
      const res = await env.request({
        method: 'POST',
        url: `/api/accounts/${account}/repayments`,
        as,
        headers: REASON,
        payload: { amountFen: 1_000, reference: `DESK-${as}` },
      });
      assert.equal(res.statusCode, 403, as);
      assert.equal(res.json().error.code, 'REPAYMENT_PAYMENT_SYSTEM_ONLY', as);
    }
    const posted = await env.system.db
      .selectFrom('transactions')
      .select('id')
      .where('reference', 'like', 'DESK-%')
      .execute();
    assert.deepEqual(posted, []);
    assert.equal(await auditCount('repayment.record'), before);
    const forged = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/repayments`,
      headers: { 'x-api-key': 'cdk_not-a-key' },
      payload: { amountFen: 1_000 },
    });
    assert.equal(forged.statusCode, 401);
  });

  it('the payment system posts a repayment with its own credential, once per reference, and it is allocated', async () => {
    const payload = { amountFen: 50_000, reference: 'BANK-TRX-1' };
    const a = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/repayments`,
      headers: paymentSystem,
      payload,
    });
    const b = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/repayments`,
      headers: paymentSystem,
      payload,
    });
    assert.equal(a.statusCode, 200);
    assert.equal(b.json().replayed, true);
    assert.equal(a.json().transaction.id, b.json().transaction.id);
    const total = Object.values(a.json().allocation as Record<string, number>).reduce((s, x) => s + x, 0);
    assert.equal(total, 50_000);
    const bad = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/repayments`,
      headers: paymentSystem,
      payload: { amountFen: -5 },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(await checkAccountLedger(env.system.db, account), []);
  });

  it('every money operation is idempotent under retry: a repayment without the transfer reference is refused and nothing is credited, so two identical posts cannot credit twice', async () => {
    const url = `/api/accounts/${account}/repayments`;
    const balance = async () =>
      Number(
        (
          await env.system.db
            .selectFrom('accounts')
            .select('balance_fen')
            .where('id', '=', account)
            .executeTakeFirstOrThrow()
        ).balance_fen,
      );
    const before = await balance();
    const auditsBefore = await auditCount('repayment.record');
    for (const payload of [{ amountFen: 7_700 }, { amountFen: 7_700 }, { amountFen: 7_700, reference: '  ' }]) {
      const res = await env.request({ method: 'POST', url, headers: paymentSystem, payload });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    }
    // The service is the payment system's only way in: it refuses the same, whoever calls it.
    await assert.rejects(
      recordRepayment({ ...env.system, actor: paymentSystemActor() }, {
        accountId: account,
        amountFen: 7_700,
      } as unknown as Parameters<typeof recordRepayment>[1]),
      { code: 'REPAYMENT_REFERENCE_REQUIRED' },
    );
    assert.equal(await balance(), before);
    assert.equal(await auditCount('repayment.record'), auditsBefore);
    // With its reference, the same transfer sent twice is credited once.
    const payload = { amountFen: 7_700, reference: 'BANK-TRX-RETRY' };
    const a = await env.request({ method: 'POST', url, headers: paymentSystem, payload });
    const b = await env.request({ method: 'POST', url, headers: paymentSystem, payload });
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(b.json().replayed, true);
    assert.equal(b.json().transaction.id, a.json().transaction.id);
    assert.equal(await balance(), before - 7_700);
    assert.deepEqual(await checkAccountLedger(env.system.db, account), []);
  });

  it('a payment-system reference names one transfer: the same reference with another amount is refused, not answered as credited', async () => {
    const url = `/api/accounts/${account}/repayments`;
    const first = await env.request({
      method: 'POST',
      url,
      headers: paymentSystem,
      payload: { amountFen: 20_000, reference: 'BANK-TRX-2' },
    });
    assert.equal(first.statusCode, 200, first.body);
    const before = await env.system.db
      .selectFrom('accounts')
      .select('balance_fen')
      .where('id', '=', account)
      .executeTakeFirstOrThrow();
    // RMB 300 under the reference of a RMB 200 transfer: answering "replayed" would tell the payment system
    // that RMB 300 was credited while the account holds RMB 200 from it.
    const other = await env.request({
      method: 'POST',
      url,
      headers: paymentSystem,
      payload: { amountFen: 30_000, reference: 'BANK-TRX-2' },
    });
    assert.equal(other.statusCode, 409, other.body);
    assert.equal(other.json().error.code, 'REPAYMENT_REFERENCE_CONFLICT');
    const after = await env.system.db
      .selectFrom('accounts')
      .select('balance_fen')
      .where('id', '=', account)
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.balance_fen), Number(before.balance_fen));
    assert.deepEqual(await checkAccountLedger(env.system.db, account), []);
  });

  it('replays a repayment sent again with the same Idempotency-Key', async () => {
    const headers = { ...paymentSystem, 'idempotency-key': 'pay-once-123' };
    const a = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/repayments`,
      headers,
      payload: { amountFen: 1_000, reference: 'BANK-TRX-IDEM' },
    });
    const b = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/repayments`,
      headers,
      payload: { amountFen: 1_000, reference: 'BANK-TRX-IDEM' },
    });
    assert.equal(b.headers['idempotent-replayed'], 'true');
    assert.equal(a.json().transaction.id, b.json().transaction.id);
  });

  it('quotes an installment with APR before accepting it, accepts it once, and pays it off early', async () => {
    const purchase = await postNetworkTransaction(env.system, {
      cardId: card,
      kind: 'purchase',
      amountFen: 1_200_000,
      merchant: 'Apple Store',
      category: 'electronics',
    });
    const q = await env.request({
      method: 'POST',
      url: '/api/installments/quote',
      ...asSupervisor,
      payload: { accountId: account, kind: 'transaction', periods: 12, sourceId: purchase.id },
    });
    assert.equal(q.statusCode, 200);
    assert.equal(q.json().aprPercent, '13.03');
    assert.equal(q.json().perPeriodPaymentFen, 107_200);
    const bad = await env.request({
      method: 'POST',
      url: '/api/installments/quote',
      ...asSupervisor,
      payload: { accountId: account, kind: 'transaction', periods: 7, sourceId: purchase.id },
    });
    assert.equal(bad.json().error.code, 'INSTALLMENT_TERM_NOT_ALLOWED');
    const plan = await env.request({
      method: 'POST',
      url: '/api/installments',
      ...asSupervisor,
      payload: { quoteId: q.json().quoteId, quoteHash: q.json().quoteHash, customerAgreed: true },
    });
    assert.equal(plan.json().status, 'active');
    const again = await env.request({
      method: 'POST',
      url: '/api/installments',
      ...asSupervisor,
      payload: { quoteId: q.json().quoteId, quoteHash: q.json().quoteHash, customerAgreed: true },
    });
    assert.equal(again.json().id, plan.json().id);
    const twice = await env.request({
      method: 'POST',
      url: '/api/installments/quote',
      ...asSupervisor,
      payload: { accountId: account, kind: 'transaction', periods: 12, sourceId: purchase.id },
    });
    assert.equal(twice.json().error.code, 'INSTALLMENT_NOT_ELIGIBLE');
    const acc = await env.system.db
      .selectFrom('accounts')
      .select('unbilled_installment_fen')
      .where('id', '=', account)
      .executeTakeFirstOrThrow();
    assert.ok(Number(acc.unbilled_installment_fen) >= 1_200_000);
    const pre = await env.request({
      method: 'POST',
      url: `/api/installments/${plan.json().id}/prepay`,
      ...asSupervisor,
    });
    assert.equal(pre.json().status, 'prepaid');
    assert.equal(pre.json().billedNowFen, 1_200_000);
    const done = await env.request({
      method: 'POST',
      url: `/api/installments/${plan.json().id}/prepay`,
      ...asSupervisor,
    });
    assert.equal(done.json().error.code, 'INSTALLMENT_NOT_ACTIVE');
    assert.deepEqual(await checkAccountLedger(env.system.db, account), []);
  });

  it('tells the periods the product offers and the amount that may be split before any quote', async () => {
    const purchase = await postNetworkTransaction(env.system, {
      cardId: card,
      kind: 'purchase',
      amountFen: 345_600,
      merchant: '京东商城',
      category: 'electronics',
    });
    const options = async (acc: string, query: string) => {
      const res = await env.request({
        method: 'GET',
        url: `/api/accounts/${acc}/installment-options?${query}`,
        ...asSupervisor,
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as {
        eligible: boolean;
        reason: string | null;
        minFen: number;
        maxFen: number;
        suggestedFen: number | null;
        periods: number[];
      };
    };
    // A purchase is split whole: its amount is the range and the amount prefilled.
    const txn = await options(account, `kind=transaction&sourceId=${purchase.id}`);
    assert.deepEqual([txn.eligible, txn.minFen, txn.maxFen, txn.suggestedFen], [true, 345_600, 345_600, 345_600]);
    // Cash: the regulatory range, nothing prefilled; the periods are the product's own.
    const cash = await options(account, 'kind=cash');
    assert.deepEqual([cash.minFen, cash.maxFen, cash.suggestedFen], [50_000, 5_000_000, null]);
    const terms = async (acc: string) => {
      const row = await env.system.db
        .selectFrom('accounts')
        .innerJoin('products', 'products.id', 'accounts.product_id')
        .select('products.code')
        .where('accounts.id', '=', acc)
        .executeTakeFirstOrThrow();
      return row.code;
    };
    const periodsOf = (code: string) => (code === 'STD' ? [6, 12, 24] : [6, 12, 18, 24]);
    assert.deepEqual(cash.periods, periodsOf(await terms(account)));
    // A gold card offers 18 periods, and the quote for 18 is made on its rate.
    const gold = await env.system.db
      .selectFrom('accounts')
      .innerJoin('products', 'products.id', 'accounts.product_id')
      .select('accounts.id')
      .where('products.code', '=', 'GOLD')
      .where('accounts.status', '=', 'active')
      .executeTakeFirstOrThrow();
    const goldCash = await options(gold.id, 'kind=cash');
    assert.ok(goldCash.periods.includes(18));
    const q = await env.request({
      method: 'POST',
      url: '/api/installments/quote',
      ...asSupervisor,
      payload: { accountId: gold.id, kind: 'cash', periods: 18, principalFen: 1_000_000 },
    });
    assert.equal(q.statusCode, 200, q.body);
    assert.equal(q.json().periods, 18);
    // Without the purchase there is nothing to split: said before the quote, as a code the desk words.
    const none = await options(account, 'kind=transaction');
    assert.deepEqual([none.eligible, none.reason], [false, 'no_purchase']);
  });

  it('refuses an expired quote', async () => {
    const purchase = await postNetworkTransaction(env.system, {
      cardId: card,
      kind: 'purchase',
      amountFen: 600_000,
      merchant: '宜家家居',
      category: 'furniture',
    });
    const q = await env.request({
      method: 'POST',
      url: '/api/installments/quote',
      ...asSupervisor,
      payload: { accountId: account, kind: 'transaction', periods: 6, sourceId: purchase.id },
    });
    env.clock.advance(31 * 60_000);
    const late = await env.request({
      method: 'POST',
      url: '/api/installments',
      ...asSupervisor,
      payload: { quoteId: q.json().quoteId, quoteHash: q.json().quoteHash, customerAgreed: true },
    });
    assert.equal(late.json().error.code, 'INSTALLMENT_QUOTE_EXPIRED');
  });

  it('computes the issue’s calculator example: 12,000 yuan over 12 periods at 0.006 → APR 13.03%, EAR 13.84%', async () => {
    const res = await env.request({
      method: 'POST',
      url: '/api/calculators/installment',
      as: 'agent',
      payload: { principalFen: 1_200_000, periods: 12, feeRatePerPeriod: '0.006' },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.totalFeeFen, 86_400);
    assert.equal(body.aprPercent, '13.03');
    assert.equal(body.earPercent, '13.84');
    assert.equal(body.schedule.length, 12);
    const rev = await env.request({
      method: 'POST',
      url: '/api/calculators/revolving-interest',
      as: 'agent',
      payload: {
        through: '2026-10-31',
        events: [
          { date: '2026-10-01', amountFen: 100_000 },
          { date: '2026-10-11', amountFen: -50_000 },
        ],
      },
    });
    assert.equal(rev.json().interestFen, 1_025);
    // The annualised rate is answered before the daily rate (PBoC Announcement〔2021〕No. 3).
    const keys = Object.keys(rev.json());
    assert.ok(keys.indexOf('simpleAnnualPercent') < keys.indexOf('dailyRate'));
    assert.ok(Object.keys(body).indexOf('aprPercent') < Object.keys(body).indexOf('feeRatePerPeriod'));
  });

  it('grants a temporary limit inside its window and refuses one that is too long', async () => {
    const today = bankDate(env.clock.now());
    const ok = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/limit/temporary`,
      ...asSupervisor,
      payload: { extraFen: 1_000_000, validUntil: '2026-12-20' },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().validFrom, today);
    const long = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/limit/temporary`,
      ...asSupervisor,
      payload: { extraFen: 1_000_000, validUntil: '2027-06-01' },
    });
    assert.equal(long.json().error.code, 'LIMIT_WINDOW_INVALID');
  });

  it('refuses a temporary limit ending on a date that does not exist, which left the account unable to post anything', async () => {
    const before = await env.system.db
      .selectFrom('accounts')
      .select(['temp_limit_fen', 'temp_limit_until'])
      .where('id', '=', account)
      .executeTakeFirstOrThrow();
    // 40 December: stored, every later posting on the account failed (date arithmetic on it throws).
    const bad = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/limit/temporary`,
      ...asSupervisor,
      payload: { extraFen: 100_000, validUntil: '2026-12-40' },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
    const after = await env.system.db
      .selectFrom('accounts')
      .select(['temp_limit_fen', 'temp_limit_until'])
      .where('id', '=', account)
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, before);
    const repaid = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/repayments`,
      headers: paymentSystem,
      payload: { amountFen: 1_000, reference: 'BANK-TRX-AFTER-BAD-DATE' },
    });
    assert.equal(repaid.statusCode, 200, repaid.body);
  });

  it('sends a large permanent increase requested by an agent to a senior agent for approval', async () => {
    const gold = await env.system.db
      .selectFrom('accounts')
      .innerJoin('products', 'products.id', 'accounts.product_id')
      .select(['accounts.id'])
      .where('products.code', '=', 'GOLD')
      .where('accounts.activated_on', '<', '2026-04-01')
      .executeTakeFirstOrThrow();
    // Arrange a customer who qualifies: limit RMB 50,000, well used, never late.
    await env.system.db
      .updateTable('accounts')
      .set({ credit_limit_fen: 5_000_000, overdue_since: null, min_due_unpaid_fen: 0, last_limit_increase_on: null })
      .where('id', '=', gold.id)
      .execute();
    await env.system.db
      .updateTable('statements')
      .set({ status: 'paid_in_full', new_balance_fen: 4_000_000 })
      .where('account_id', '=', gold.id)
      .execute();
    // An agent inside a verified contact (the contacts module's grant), built directly for this service test.
    const agentCtx: Ctx = {
      ...env.system,
      actor: {
        kind: 'user',
        userId: 'agent-user',
        username: 'agent',
        role: 'agent',
        departmentId: null,
        agentNo: '8001',
      },
      access: { require: async () => ({ contactId: 'contact-1', via: 'contact' }) },
    };
    const tooBig = requestPermanentLimit(agentCtx, { accountId: gold.id, newLimitFen: 7_500_001 });
    await assert.rejects(tooBig, { code: 'LIMIT_OUT_OF_RANGE' });
    const change = await requestPermanentLimit(agentCtx, { accountId: gold.id, newLimitFen: 7_500_000 });
    assert.equal(change.status, 'pending_approval');
    const unchanged = await env.system.db
      .selectFrom('accounts')
      .select('credit_limit_fen')
      .where('id', '=', gold.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(unchanged.credit_limit_fen), 5_000_000);
    const pending = await env.request({ method: 'GET', url: '/api/limit-changes/pending', as: 'senior_agent' });
    assert.ok(pending.json().some((c: { id: string }) => c.id === change.id));
    const agentTries = await env.request({
      method: 'POST',
      url: `/api/limit-changes/${change.id}/decision`,
      as: 'agent',
      payload: { approve: true },
    });
    assert.equal(agentTries.statusCode, 403);
    const ok = await env.request({
      method: 'POST',
      url: `/api/limit-changes/${change.id}/decision`,
      as: 'senior_agent',
      payload: { approve: true },
    });
    assert.equal(ok.json().status, 'applied');
    const raised = await env.system.db
      .selectFrom('accounts')
      .select('credit_limit_fen')
      .where('id', '=', gold.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(raised.credit_limit_fen), 7_500_000);
    // The next increase waits three months from the approved one.
    await assert.rejects(requestPermanentLimit(agentCtx, { accountId: gold.id, newLimitFen: 8_000_000 }), {
      code: 'LIMIT_INCREASE_TOO_EARLY',
    });
  });

  it('refuses a permanent increase within six months of activation', async () => {
    const res = await env.request({
      method: 'POST',
      url: '/api/applications',
      as: 'agent',
      payload: {
        productCode: 'GOLD',
        name: '赵敏',
        idNumber: withCheck('11010519900101003'),
        phone: '13912345678',
        address: '北京市朝阳区建国路1号',
        annualIncomeFen: 30_000_000,
        requestedLimitFen: 5_000_000,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const dup = await env.request({
      method: 'POST',
      url: '/api/applications',
      as: 'agent',
      payload: {
        productCode: 'GOLD',
        name: '赵敏',
        idNumber: withCheck('11010519900101003'),
        phone: '13912345678',
        address: '北京市朝阳区建国路1号',
        annualIncomeFen: 30_000_000,
        requestedLimitFen: 5_000_000,
      },
    });
    assert.equal(dup.json().error.code, 'APPLICATION_DUPLICATE');
    const decided = await env.request({
      method: 'POST',
      url: `/api/applications/${res.json().id}/decision`,
      as: 'supervisor',
      payload: { approve: true },
    });
    assert.equal(decided.json().status, 'card_issued');
    assert.equal(decided.json().grantedLimitFen, 9_000_000);
    const newCard = decided.json().cardId as string;
    const act = await env.request({ method: 'POST', url: `/api/cards/${newCard}/activate`, ...asSupervisor });
    assert.equal(act.json().status, 'active');
    const acc = await env.system.db
      .selectFrom('cards')
      .select('account_id')
      .where('id', '=', newCard)
      .executeTakeFirstOrThrow();
    const inc = await env.request({
      method: 'POST',
      url: `/api/accounts/${acc.account_id}/limit/permanent`,
      ...asSupervisor,
      payload: { newLimitFen: 10_000_000 },
    });
    assert.equal(inc.json().error.code, 'LIMIT_INCREASE_TOO_EARLY');
    assert.match(JSON.stringify(inc.json().error.details), /2027-05-02/);
  });

  it('refuses underage applicants and invalid ID numbers', async () => {
    const young = await env.request({
      method: 'POST',
      url: '/api/applications',
      as: 'agent',
      payload: {
        productCode: 'STD',
        name: '小明',
        idNumber: withCheck('11010520100101001'),
        phone: '13912345679',
        address: '北京市朝阳区建国路2号',
        annualIncomeFen: 0,
        requestedLimitFen: 100_000,
      },
    });
    assert.equal(young.json().error.code, 'APPLICANT_UNDERAGE');
    const bad = await env.request({
      method: 'POST',
      url: '/api/applications',
      as: 'agent',
      payload: {
        productCode: 'STD',
        name: '小红',
        idNumber: wrongCheck('11010519920202002'),
        phone: '13912345679',
        address: '北京市朝阳区建国路2号',
        annualIncomeFen: 0,
        requestedLimitFen: 100_000,
      },
    });
    assert.equal(bad.json().error.code, 'ID_NUMBER_INVALID');
  });

  it('tells how far the customer is from the annual-fee waiver and redeems points for a statement credit', async () => {
    const fee = await env.request({ method: 'GET', url: `/api/cards/${card}/annual-fee-waiver`, ...asSupervisor });
    assert.equal(fee.statusCode, 200);
    assert.equal(fee.json().purchasesNeeded, 6);
    const pts = await env.request({ method: 'GET', url: `/api/accounts/${account}/points`, ...asSupervisor });
    const balance = pts.json().balance as number;
    assert.ok(balance >= 1_000, `demo customer has points (${balance})`);
    const red = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/points`,
      ...asSupervisor,
      payload: { itemCode: 'CREDIT_10' },
    });
    assert.equal(red.json().balance, balance - 1_000);
    const tooMuch = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/points`,
      ...asSupervisor,
      payload: { itemCode: 'LUGGAGE', quantity: 100 },
    });
    assert.equal(tooMuch.json().error.code, 'POINTS_INSUFFICIENT');
    assert.deepEqual(await checkAccountLedger(env.system.db, account), []);
  });

  it('cancels only with nothing owed', async () => {
    const res = await env.request({
      method: 'POST',
      url: `/api/cards/${card}/cancel`,
      ...asSupervisor,
      payload: { reason: '不再使用' },
    });
    assert.equal(res.json().error.code, 'ACCOUNT_HAS_BALANCE');
  });

  it('reports a loss at once, orders a replacement, and retires the old card when the new one is activated', async () => {
    const lost = await env.request({
      method: 'POST',
      url: `/api/cards/${card}/report-lost`,
      ...asSupervisor,
      payload: { kind: 'stolen' },
    });
    assert.equal(lost.statusCode, 200);
    assert.equal(lost.json().card.status, 'stolen');
    const again = await env.request({
      method: 'POST',
      url: `/api/cards/${card}/report-lost`,
      ...asSupervisor,
      payload: { kind: 'lost' },
    });
    assert.equal(again.json().replacementCardId, lost.json().replacementCardId);
    const unfreeze = await env.request({ method: 'POST', url: `/api/cards/${card}/unfreeze`, ...asSupervisor });
    assert.equal(unfreeze.json().error.code, 'CARD_TRANSITION_NOT_ALLOWED');
    const act = await env.request({
      method: 'POST',
      url: `/api/cards/${lost.json().replacementCardId}/activate`,
      ...asSupervisor,
    });
    assert.equal(act.json().status, 'active');
    assert.notEqual(act.json().last4, '1234');
  });

  it('moves the books forward with the cycle: statements on the statement day, then grace checks', async () => {
    const before = Number(
      (
        await env.system.db
          .selectFrom('statements')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    env.clock.advanceDays(40);
    const report = await runCycle(env.system, { until: bankDate(env.clock.now()), maxAccounts: 1000 });
    assert.ok(report.statements > 0);
    const after = Number(
      (
        await env.system.db
          .selectFrom('statements')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    assert.equal(after - before, report.statements);
    const again = await runCycle(env.system, { until: bankDate(env.clock.now()) });
    assert.equal(again.accounts, 0);
    for (const a of await env.system.db.selectFrom('accounts').select('id').execute()) {
      assert.deepEqual(await checkAccountLedger(env.system.db, a.id), [], a.id);
    }
  });

  it('runs the nightly billing job from the scheduler', async () => {
    env.clock.advanceDays(2);
    const jobs = await env.system.db
      .selectFrom('jobs')
      .select(['kind', 'status'])
      .where('kind', '=', 'cards.cycle')
      .execute();
    assert.ok(jobs.length >= 1);
    const ran = await env.runtime.worker.runDue();
    assert.ok(ran >= 1);
    const done = await env.system.db
      .selectFrom('jobs')
      .select('status')
      .where('kind', '=', 'cards.cycle')
      .where('status', '=', 'done')
      .execute();
    assert.ok(done.length >= 1);
  });
});
