import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { addDays, bankDate } from '../../platform/clock.ts';
import {
  accountDisputedFen,
  cardFacts,
  cardsModule,
  checkAccountLedger,
  findCustomerIdByPhone,
  fixedCustomer,
  ledgerDisputes,
  statementDatesOf,
  transactionFacts,
} from '../cards/index.ts';
import { casesModule, countCaseEvents } from '../cases/index.ts';
import { contactsModule } from '../contacts/index.ts';
import { emergencyModule } from './index.ts';

/**
 * The dates of a fraud report: the customer reviews at least two statement cycles (≥ 60 days) before the
 * report; each card's chargeback network comes from its BIN range; the bank's own claim window counts
 * from the statement date, and the scheme's internal limit is never told to the customer as theirs.
 */
const MODULES = [cardsModule, contactsModule, casesModule, emergencyModule];
const ZHANG = fixedCustomer('zhang_wei');
const OVERRIDE = { 'x-access-reason': encodeURIComponent('fraud_investigation: 客户来电挂失,核对交易') };

describe('fraud report dates', () => {
  let env: TestEnv;
  let customerId: string;
  let card: { id: string; bin: string; statementDay: number };

  before(async () => {
    env = await createTestEnv({ modules: MODULES });
    assert.ok(ZHANG);
    customerId = (await findCustomerIdByPhone(env.system, ZHANG.phone)) ?? '';
    const [row] = await cardFacts(env.system.db, { customerId, last4: ZHANG.last4 });
    assert.ok(row);
    card = { id: row.id, bin: row.bin, statementDay: row.statementDay };
  });
  after(() => env.close());

  const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>, as = 'supervisor') =>
    env.request({ method, url, as, headers: OVERRIDE, ...(payload ? { payload } : {}) });

  it('lists the card’s transactions of at least two statement cycles (≥ 60 days) before the report, not 30 days', async () => {
    const report = await req('POST', '/api/emergency/reports', { customerId, cardId: card.id, kind: 'stolen' });
    assert.equal(report.statusCode, 201, report.body);
    const listed = await req('GET', `/api/emergency/reports/${report.json().id}/transactions`);
    assert.equal(listed.statusCode, 200, listed.body);
    const dates = (listed.json().transactions as { txnDate: string }[]).map((t) => t.txnDate).sort();
    const today = bankDate(env.clock.now());
    // The card's own history back to 60 days before the report (the seeded demo has three months of it).
    const expected = await transactionFacts(env.system.db, {
      cardId: card.id,
      kinds: ['purchase', 'cash_advance'],
      txnDateFrom: addDays(today, -60),
    });
    assert.ok(
      expected.some((t) => t.txnDate < addDays(today, -30)),
      'the demo card has purchases 30–60 days back',
    );
    for (const t of expected) assert.ok(dates.includes(t.txnDate), `${t.txnDate} is listed`);
    assert.ok(dates[0] !== undefined && dates[0] < addDays(today, -30), 'older than the old 30-day window');
  });

  it('takes the network from the card’s BIN range, counts the bank’s window from the statement date and never tells the customer the scheme’s limit', async () => {
    // The bank files this BIN under Visa: the card's scheme limit is then Visa's (120 days from processing).
    const put = await env.request({
      method: 'PUT',
      url: '/api/emergency/settings',
      as: 'admin',
      payload: { binNetworks: [{ prefix: card.bin, network: 'visa' }] },
    });
    assert.equal(put.statusCode, 200, put.body);
    const reports = await env.system.db
      .selectFrom('emergency_reports')
      .select('id')
      .where('card_id', '=', card.id)
      .executeTakeFirstOrThrow();
    const listed = await req('GET', `/api/emergency/reports/${reports.id}/transactions`);
    const billed = (
      listed.json().transactions as { id: string; statementId: string | null; postingDate: string }[]
    ).find((t) => t.statementId !== null);
    assert.ok(billed, 'a transaction already on a statement');
    const statementDate = (await statementDatesOf(env.system.db, [billed.id])).get(billed.id);
    assert.ok(statementDate, 'the statement the transaction is on');
    const statement = { statement_date: statementDate };
    const marked = await req('POST', `/api/emergency/reports/${reports.id}/unrecognised`, {
      transactionIds: [billed.id],
    });
    assert.equal(marked.statusCode, 201, marked.body);
    const t = marked.json().transactions[0];
    assert.equal(t.chargebackNetwork, 'visa');
    // Visa default: 120 days from processing (internal to the bank).
    assert.equal(t.chargebackDeadline, addDays(billed.postingDate, 120));
    // The bank's own window: 60 days from the statement date (card-rules.md §4), not from posting.
    assert.equal(t.bankClaimDeadline, addDays(statement.statement_date, 60));
    const checklist: string = marked.json().checklist;
    assert.match(checklist, new RegExp(t.bankClaimDeadline));
    assert.doesNotMatch(checklist, new RegExp(t.chargebackDeadline), 'the scheme limit is not the customer’s deadline');
    const stored = await env.system.db
      .selectFrom('fraud_case_transactions')
      .select(['network', 'statement_date'])
      .where('transaction_id', '=', billed.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { network: 'visa', statement_date: statement.statement_date });
  });

  it('sets the disputed amount aside until the fraud case is decided, and writes it off when the bank is liable', async () => {
    const [dispute] = await ledgerDisputes(env.system.db);
    assert.ok(dispute);
    assert.equal(dispute.status, 'pending');
    assert.equal(await accountDisputedFen(env.system.db, dispute.accountId), dispute.amountFen);
    assert.deepEqual(await checkAccountLedger(env.system.db, dispute.accountId), []);
    const fraudCase = await env.system.db
      .selectFrom('fraud_case_transactions')
      .select('case_id')
      .where('transaction_id', '=', dispute.transactionId)
      .executeTakeFirstOrThrow();
    const url = `/api/emergency/fraud-cases/${fraudCase.case_id}/decision`;
    const byAgent = await env.request({ method: 'POST', url, as: 'agent', payload: { outcome: 'bank_liable' } });
    assert.equal(byAgent.statusCode, 403);
    const decided = await env.request({
      method: 'POST',
      url,
      as: 'fraud_handler',
      payload: { outcome: 'bank_liable' },
    });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal(decided.json().transactions[0].status, 'written_off');
    const [credit] = await transactionFacts(env.system.db, {
      kinds: ['fraud_credit'],
      relatedTxnId: dispute.transactionId,
    });
    assert.ok(credit);
    assert.equal(credit.amountFen, -dispute.amountFen);
    assert.equal(await accountDisputedFen(env.system.db, dispute.accountId), 0);
    assert.deepEqual(await checkAccountLedger(env.system.db, dispute.accountId), []);
  });
  it('SPC 2021 No. 10 Art. 7: a decided fraud case is not decided again the other way, and the ledger and the case keep the one outcome', async () => {
    const [dispute] = await ledgerDisputes(env.system.db, { status: 'written_off' });
    assert.ok(dispute);
    const fraudCase = await env.system.db
      .selectFrom('fraud_case_transactions')
      .select('case_id')
      .where('transaction_id', '=', dispute.transactionId)
      .executeTakeFirstOrThrow();
    const url = `/api/emergency/fraud-cases/${fraudCase.case_id}/decision`;
    const events = () => countCaseEvents(env.system.db, fraudCase.case_id, 'liability_decided');
    const before = await events();
    // The bank was found liable: the amount was written off. Answering "customer liable" now must not report
    // an outcome the ledger does not hold.
    const flipped = await env.request({
      method: 'POST',
      url,
      as: 'fraud_handler',
      payload: { outcome: 'customer_liable' },
    });
    assert.equal(flipped.statusCode, 409, flipped.body);
    assert.equal(flipped.json().error.code, 'DISPUTE_ALREADY_DECIDED');
    assert.equal(await events(), before, 'no second decision recorded on the case');
    const [row] = await ledgerDisputes(env.system.db, { transactionId: dispute.transactionId });
    assert.equal(row?.status, 'written_off');
    // The same decision again (a retry) answers what was decided and posts nothing more.
    const retried = await env.request({
      method: 'POST',
      url,
      as: 'fraud_handler',
      payload: { outcome: 'bank_liable' },
    });
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal(await events(), before, 'a retry records no second decision');
    const credits = await transactionFacts(env.system.db, {
      kinds: ['fraud_credit'],
      relatedTxnId: dispute.transactionId,
    });
    assert.equal(credits.length, 1, 'one write-off');
    assert.deepEqual(await checkAccountLedger(env.system.db, dispute.accountId), []);
  });
});
