import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { cardFacts, cardsModule, findCustomerIdByPhone, getCustomerSummary } from '../cards/index.ts';
import { casesModule, countCaseEvents } from '../cases/index.ts';
import { contactsModule, contactTranscript, startChatContact } from '../contacts/index.ts';
import { emergencyModule } from './index.ts';

const MODULES = [cardsModule, contactsModule, casesModule, emergencyModule];

describe('emergency lane, end to end', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: MODULES });
  });
  after(() => env.close());

  it('“我的卡丢了” in a new chat → card temporarily blocked in one call → transactions marked → fraud case for the risk department → formal loss report with the replacement', async () => {
    // A demo card holder with recent transactions (the card engine's documented customer 张伟).
    const customerId = await findCustomerIdByPhone(env.system, '13800138000');
    assert.ok(customerId, 'demo customer seeded by the card engine');
    const summary = await getCustomerSummary(env.system, customerId);
    const card = summary.cards.find((c) => c.isPrimary && c.status === 'active');
    assert.ok(card);

    // The customer opens a chat and writes that the card is lost; an agent takes it.
    const chat = await startChatContact(env.system, { customerId, level: 'basic', firstMessage: '我的卡丢了' });
    // Triage read the emergency while the chat waited: it is ahead of the queue before anyone answers.
    assert.equal(chat.type, 'emergency');
    const queue = await env.request({ method: 'GET', url: '/api/queues/general/contacts', as: 'agent' });
    assert.equal(queue.json()[0].contactId, chat.id);
    const accepted = await env.request({ method: 'POST', url: `/api/contacts/${chat.id}/accept`, as: 'agent' });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const inContact = { 'x-contact-id': chat.id };

    // One call, no verification step by the agent: the card is stopped at once — as a temporary block
    // (临时挂失) — and the customer is told; nothing is ordered before the formal report.
    const report = await env.request({
      method: 'POST',
      url: '/api/emergency/reports',
      as: 'agent',
      headers: { ...inContact, 'idempotency-key': 'lost-1' },
      payload: { customerId, cardId: card.id, kind: 'lost' },
    });
    assert.equal(report.statusCode, 201, report.body);
    const r = report.json();
    assert.equal(r.action, 'frozen');
    assert.match(r.confirmation, new RegExp(`尾号 ${card.last4}.*临时挂失`));
    assert.equal(r.replacementCardId, null);
    assert.equal(r.nextStep, 'formal_loss_report');
    const after = await getCustomerSummary(env.system, customerId);
    assert.equal(after.cards.find((c) => c.id === card.id)?.status, 'frozen');
    // A retry (lost answer) does not report twice.
    const retry = await env.request({
      method: 'POST',
      url: '/api/emergency/reports',
      as: 'agent',
      headers: { ...inContact, 'idempotency-key': 'lost-1' },
      payload: { customerId, cardId: card.id, kind: 'lost' },
    });
    assert.equal(retry.json().id, r.id);
    const reports = await env.system.db
      .selectFrom('emergency_reports')
      .select('id')
      .where('card_id', '=', card.id)
      .execute();
    assert.equal(reports.length, 1);

    // The customer's recent transactions, with the lost-card protection window evaluated.
    const list = await env.request({
      method: 'GET',
      url: `/api/emergency/reports/${r.id}/transactions`,
      as: 'agent',
      headers: inContact,
    });
    assert.equal(list.statusCode, 200, list.body);
    const { protection, transactions } = list.json() as {
      protection: { covered: boolean; hours: number };
      transactions: { id: string; amountFen: number; suspicious: boolean; inProtectionWindow: boolean }[];
    };
    assert.ok(transactions.length > 0, 'recent card transactions to review');
    assert.equal(typeof protection.covered, 'boolean');
    const marked = (
      transactions.filter((t) => t.suspicious).length > 0 ? transactions.filter((t) => t.suspicious) : transactions
    ).slice(0, 2);

    // Unknown transaction ids are refused and nothing is opened.
    const bad = await env.request({
      method: 'POST',
      url: `/api/emergency/reports/${r.id}/unrecognised`,
      as: 'agent',
      headers: inContact,
      payload: { transactionIds: ['NOT-A-TXN'] },
    });
    assert.equal(bad.json().error.code, 'EMERGENCY_TRANSACTION_NOT_ELIGIBLE');

    const disputed = await env.request({
      method: 'POST',
      url: `/api/emergency/reports/${r.id}/unrecognised`,
      as: 'agent',
      headers: inContact,
      payload: { transactionIds: marked.map((t) => t.id) },
    });
    assert.equal(disputed.statusCode, 201, disputed.body);
    const d = disputed.json();
    assert.match(d.case.number, /^FR\d{8}-\d{4}$/);
    assert.equal(d.case.department, 'fraud_risk');
    assert.equal(d.case.priority, 'urgent');
    assert.equal(d.transactions.length, marked.length);
    for (const t of d.transactions) {
      assert.equal(t.chargebackNetwork, 'unionpay');
      assert.ok(t.chargebackDeadline > t.txnDate);
    }
    assert.match(d.checklist, /报警/);
    assert.match(d.checklist, new RegExp(d.case.number));
    const again = await env.request({
      method: 'POST',
      url: `/api/emergency/reports/${r.id}/unrecognised`,
      as: 'agent',
      headers: inContact,
      payload: { transactionIds: [marked[0]?.id] },
    });
    assert.equal(again.json().error.code, 'EMERGENCY_ALREADY_DISPUTED');

    // The fraud department sees the case and may open it; the disputes department may not.
    const inbox = await env.request({ method: 'GET', url: '/api/cases?open=true&kind=fraud', as: 'fraud_handler' });
    assert.ok((inbox.json() as { items: { id: string }[] }).items.some((c) => c.id === d.case.id));
    const opened = await env.request({ method: 'GET', url: `/api/cases/${d.case.id}`, as: 'fraud_handler' });
    assert.equal(opened.statusCode, 200, opened.body);
    assert.ok(opened.json().messages.some((m: { kind: string }) => m.kind === 'emergency_checklist'));
    const other = await env.request({ method: 'GET', url: `/api/cases/${d.case.id}`, as: 'dept_handler' });
    assert.equal(other.statusCode, 403);

    // The chat customer signed in (basic verification): the formal loss report blocks the card for good and
    // orders the replacement; asking again returns the same one, not a second.
    const formal = await env.request({
      method: 'POST',
      url: `/api/emergency/reports/${r.id}/formal-report`,
      as: 'agent',
      headers: inContact,
    });
    assert.equal(formal.statusCode, 200, formal.body);
    assert.equal(formal.json().action, 'reported_lost');
    assert.ok(formal.json().replacementCardId);
    assert.equal(
      (await getCustomerSummary(env.system, customerId)).cards.find((c) => c.id === card.id)?.status,
      'lost',
    );
    const formalAgain = await env.request({
      method: 'POST',
      url: `/api/emergency/reports/${r.id}/formal-report`,
      as: 'agent',
      headers: inContact,
    });
    assert.equal(formalAgain.json().replacementCardId, formal.json().replacementCardId);

    // The customer sees the confirmations and the checklist in the chat.
    const turns = await contactTranscript(env.system.db, chat.id);
    assert.ok(turns.some((t) => t.text.includes('临时挂失')));
    assert.ok(turns.some((t) => t.text.includes('正式挂失')));
    assert.ok(turns.some((t) => t.text.includes('挂失后续事项清单')));

    // A follow-up task checks the case until it is closed.
    env.clock.advance(25 * 3_600_000);
    await env.runtime.worker.runDue();
    assert.equal(await countCaseEvents(env.system.db, d.case.id, 'follow_up_check'), 1);
  });
});

describe('emergency lane settings', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: MODULES });
  });
  after(() => env.close());

  const put = (payload: Record<string, unknown>, as = 'admin') =>
    env.request({ method: 'PUT', url: '/api/emergency/settings', as, payload });

  it('starts from the fact sheet’s figures and is for administrators only', async () => {
    const res = await env.request({ method: 'GET', url: '/api/emergency/settings', as: 'admin' });
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.equal(s.cardNetwork, 'unionpay');
    assert.deepEqual(
      s.chargebackRules.map((r: { network: string; days: number }) => [r.network, r.days]),
      [
        ['amex', 120],
        ['bank', 60],
        ['jcb', 120],
        ['mastercard', 90],
        ['unionpay', 150],
        ['visa', 120],
      ],
    );
    assert.ok(
      s.binNetworks.some((b: { prefix: string; network: string }) => b.prefix === '62' && b.network === 'unionpay'),
    );
    assert.deepEqual(s.lostCardProtection, [{ productCode: '*', hours: 72, maxCoverFen: null }]);
    assert.equal((await env.request({ method: 'GET', url: '/api/emergency/settings', as: 'agent' })).statusCode, 403);
    assert.equal((await put({ cardNetwork: 'mastercard' }, 'supervisor')).statusCode, 403);
  });

  it('refuses settings the lane could not work with, and changes nothing', async () => {
    const before = (await env.request({ method: 'GET', url: '/api/emergency/settings', as: 'admin' })).json();
    for (const bad of [
      { cardNetwork: 'diners' }, // no chargeback rule for it
      { binNetworks: [{ prefix: '36', network: 'diners' }] }, // a BIN range of a network without a rule
      { lostCardProtection: [{ productCode: 'GOLD', hours: 168, maxCoverFen: null }] }, // no '*' row
      {
        lostCardProtection: [
          { productCode: '*', hours: 72, maxCoverFen: null },
          { productCode: 'NOPE', hours: 1, maxCoverFen: null },
        ],
      },
    ]) {
      const res = await put(bad);
      assert.equal(res.statusCode, 400, JSON.stringify(bad));
      assert.equal(res.json().error.code, 'EMERGENCY_SETTING_INVALID');
    }
    // A retrieval period longer than the limit it is part of fails the request's own schema.
    const res = await put({
      chargebackRules: [{ network: 'unionpay', nameZh: '银联', basis: 'processing', days: 20, retrievalDays: 30 }],
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    const after = (await env.request({ method: 'GET', url: '/api/emergency/settings', as: 'admin' })).json();
    assert.deepEqual(after, before);
  });

  it('applies a product’s own lost-card cover to its loss reports, with the ceiling the agent can quote', async () => {
    const [card] = await cardFacts(env.system.db, { productCodes: ['GOLD', 'PLAT'], status: 'active' });
    assert.ok(card);
    const res = await put({
      lostCardProtection: [
        { productCode: '*', hours: 72, maxCoverFen: null },
        { productCode: card.productCode, hours: 168, maxCoverFen: 1_000_000 },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);

    const chat = await startChatContact(env.system, {
      customerId: card.customerId,
      level: 'basic',
      firstMessage: '我的卡被偷了',
    });
    await env.request({ method: 'POST', url: `/api/contacts/${chat.id}/accept`, as: 'agent' });
    const report = await env.request({
      method: 'POST',
      url: '/api/emergency/reports',
      as: 'agent',
      headers: { 'x-contact-id': chat.id },
      payload: { customerId: card.customerId, cardId: card.id, kind: 'stolen' },
    });
    assert.equal(report.statusCode, 201, report.body);
    const { protection } = report.json();
    assert.equal(protection.covered, true);
    assert.equal(protection.hours, 168);
    assert.equal(protection.maxCoverFen, 1_000_000);
    assert.equal(Date.parse(protection.to) - Date.parse(protection.from), 168 * 3_600_000);

    const audited = await env.system.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'emergency.settings_update')
      .execute();
    assert.equal(audited.length, 1);
  });
});
