import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { cardsModule, findCustomerIdByPhone, fixedCustomer, getCustomerSummary } from '../cards/index.ts';
import { casesModule } from '../cases/index.ts';
import { contactsModule, contactTranscript } from '../contacts/index.ts';
import { emergencyModule } from './index.ts';

/**
 * The emergency lane and the contact it happens in: the block makes the contact an emergency (whatever it
 * was classified as), which sends it ahead of everyone in the risk department's queue when it is handed
 * over, and the hand-over packet tells the receiver which card was blocked and which case was opened.
 */
const MODULES = [cardsModule, contactsModule, casesModule, emergencyModule];
const fixed = fixedCustomer;

interface Packet {
  type: string;
  intents: Array<{ code: string }>;
  cases: Array<{ number: string; kind: string }>;
  emergencies: Array<{ action: string; cardLast4: string; kind: string }>;
  riskFlags: string[];
}

describe('the emergency lane inside a contact', () => {
  let env: TestEnv;
  const ZHANG = fixed('zhang_wei');
  const LI = fixed('li_na');
  let zhang: string;
  let li: string;
  let cardId: string;
  let contactId: string;
  let reportId: string;

  async function req(as: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers = {}) {
    return env.request({
      method,
      url,
      as,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  }

  async function phoneCall(as: string, phone: string): Promise<string> {
    const res = await req(as, 'POST', '/api/contacts', { channel: 'phone', direction: 'inbound', callerNumber: phone });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().contact.id as string;
  }

  before(async () => {
    env = await createTestEnv({ modules: MODULES });
    zhang = (await findCustomerIdByPhone(env.system, ZHANG.phone)) ?? '';
    li = (await findCustomerIdByPhone(env.system, LI.phone)) ?? '';
    assert.ok(zhang && li);
    const card = (await getCustomerSummary(env.system, zhang)).cards.find((c) => c.last4 === ZHANG.last4);
    assert.ok(card);
    cardId = card.id;
  });
  after(() => env.close());

  it('refuses a block naming a contact of another customer, blocking nothing', async () => {
    const liCall = await phoneCall('senior_agent', LI.phone);
    const res = await req(
      'supervisor',
      'POST',
      '/api/emergency/reports',
      { customerId: zhang, cardId, kind: 'fraud' },
      { 'x-contact-id': liCall, 'x-access-reason': encodeURIComponent('fraud_investigation: 风险监控发现可疑交易') },
    );
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, 'CONTACT_CUSTOMER_MISMATCH');
    const summary = await getCustomerSummary(env.system, zhang);
    assert.equal(summary.cards.find((c) => c.id === cardId)?.status, 'active');
    const turns = await contactTranscript(env.system.db, liCall);
    assert.equal(turns.length, 0, 'nothing about 张伟 lands in 李娜’s transcript');
  });

  it('makes a contact classified as a question an emergency when the card is frozen in it', async () => {
    contactId = await phoneCall('agent', ZHANG.phone);
    await req('agent', 'PUT', `/api/contacts/${contactId}/classification`, { intents: ['annual_fee'] });
    const res = await req(
      'agent',
      'POST',
      '/api/emergency/reports',
      { customerId: zhang, cardId, kind: 'fraud' },
      { 'x-contact-id': contactId },
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().action, 'frozen');
    reportId = res.json().id;
    const view = (await req('agent', 'GET', `/api/contacts/${contactId}`)).json();
    assert.equal(view.type, 'emergency');
    assert.deepEqual(view.intents, ['annual_fee', 'fraud_report']);
    // The agent's later reclassification cannot take the emergency away.
    const re = await req('agent', 'PUT', `/api/contacts/${contactId}/classification`, { intents: ['points_rewards'] });
    assert.equal(re.json().type, 'emergency');
  });

  it('opens the fraud case on the channel the customer used', async () => {
    await req('agent', 'POST', `/api/contacts/${contactId}/verify`, {
      method: 'name_id_last6',
      name: ZHANG.name,
      idLast6: ZHANG.idNumber.slice(-6),
    });
    const list = await req('agent', 'GET', `/api/emergency/reports/${reportId}/transactions`, undefined, {
      'x-contact-id': contactId,
    });
    assert.equal(list.statusCode, 200, list.body);
    const txns = list.json().transactions as Array<{ id: string }>;
    assert.ok(txns.length > 0);
    const marked = await req(
      'agent',
      'POST',
      `/api/emergency/reports/${reportId}/unrecognised`,
      { transactionIds: [txns[0]?.id] },
      { 'x-contact-id': contactId },
    );
    assert.equal(marked.statusCode, 201, marked.body);
    assert.equal(marked.json().case.channel, 'phone');
    assert.equal(marked.json().case.contactId, contactId);
  });

  it('sends the contact ahead of the risk department’s queue with the block and the case in its packet', async () => {
    // Someone else was handed to the risk department first.
    const earlier = await phoneCall('senior_agent', LI.phone);
    await req('senior_agent', 'PUT', `/api/contacts/${earlier}/classification`, { intents: ['transaction_query'] });
    const first = await req('senior_agent', 'POST', `/api/contacts/${earlier}/transfer`, {
      target: { kind: 'department', code: 'fraud_risk' },
    });
    assert.equal(first.statusCode, 200, first.body);
    env.clock.advance(120_000);
    const t = await req('agent', 'POST', `/api/contacts/${contactId}/transfer`, {
      target: { kind: 'department', code: 'fraud_risk' },
      note: '客户称未在外地消费',
    });
    assert.equal(t.statusCode, 200, t.body);

    const waiting = (await req('fraud_handler', 'GET', '/api/queues/fraud_risk/contacts')).json() as Array<{
      contactId: string;
      priority: string;
    }>;
    assert.deepEqual(
      waiting.map((w) => [w.contactId, w.priority]),
      [
        [contactId, 'emergency'],
        [earlier, 'normal'],
      ],
    );
    const packet = (await req('fraud_handler', 'GET', `/api/contacts/${contactId}/handover`)).json().packet as Packet;
    assert.equal(packet.type, 'emergency');
    assert.deepEqual(
      packet.emergencies.map((e) => [e.kind, e.action, e.cardLast4]),
      [['fraud', 'frozen', ZHANG.last4]],
    );
    assert.equal(packet.cases.length, 1);
    assert.match(packet.cases[0]?.number ?? '', /^FR\d{8}-\d{4}$/);
    assert.equal(packet.cases[0]?.kind, 'fraud');
    assert.ok(packet.riskFlags.includes('emergency') && packet.riskFlags.includes('suspected_fraud'));

    const taken = await req('fraud_handler', 'POST', '/api/queues/fraud_risk/take');
    assert.equal(taken.statusCode, 200, taken.body);
    assert.equal(taken.json().id, contactId);
  });

  it('marks the customer’s next call an emergency too when the same card is reported again that day', async () => {
    const again = await phoneCall('senior_agent', ZHANG.phone);
    const res = await req(
      'senior_agent',
      'POST',
      '/api/emergency/reports',
      { customerId: zhang, cardId, kind: 'fraud' },
      { 'x-contact-id': again },
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().id, reportId, 'one report per card and day');
    const view = (await req('senior_agent', 'GET', `/api/contacts/${again}`)).json();
    assert.deepEqual([view.type, view.intents], ['emergency', ['fraud_report']]);
  });
});
