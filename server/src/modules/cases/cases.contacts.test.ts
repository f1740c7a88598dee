import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { cardsModule, type FixedCustomer, findCustomerIdByPhone, fixedCustomer } from '../cards/index.ts';
import { contactsModule } from '../contacts/index.ts';
import { casesModule } from './index.ts';

/**
 * A complaint raised inside a contact (intents.md: "once raised, the contact's type becomes complaint
 * unless it is an emergency"): the contact is reclassified, its hand-over packet lists the case, and it
 * closes as `case_opened`. The customers are the card engine's documented demo customers.
 */
const MODULES = [cardsModule, contactsModule, casesModule];
const fixed = fixedCustomer;

interface ContactJson {
  id: string;
  type: string | null;
  intents: string[];
  outcome: string | null;
}

describe('complaints raised inside a contact', () => {
  let env: TestEnv;
  const LI = fixed('li_na');
  const ZHANG = fixed('zhang_wei');
  let li: string;
  let zhang: string;

  async function req(as: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers = {}) {
    return env.request({
      method,
      url,
      as,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  }

  /** A verified phone contact with the customer, handled by `as`. */
  async function verifiedCall(as: string, c: FixedCustomer): Promise<string> {
    const started = await req(as, 'POST', '/api/contacts', {
      channel: 'phone',
      direction: 'inbound',
      callerNumber: c.phone,
    });
    assert.equal(started.statusCode, 201, started.body);
    const id = started.json().contact.id as string;
    const v = await req(as, 'POST', `/api/contacts/${id}/verify`, {
      method: 'name_id_last6',
      name: c.name,
      idLast6: c.idNumber.slice(-6),
    });
    assert.equal(v.json().level, 'basic', v.body);
    return id;
  }

  async function complain(as: string, contactId: string, customerId: string, category: string, headers = {}) {
    return req(
      as,
      'POST',
      '/api/cases/complaints',
      {
        customerId,
        contactId,
        channel: 'phone',
        category,
        summary: '客户认为年费不应收取',
        demand: '退还年费',
      },
      { 'x-contact-id': contactId, ...headers },
    );
  }

  const contact = async (id: string) => (await req('supervisor', 'GET', `/api/contacts/${id}`)).json() as ContactJson;

  before(async () => {
    env = await createTestEnv({ modules: MODULES });
    li = (await findCustomerIdByPhone(env.system, LI.phone)) ?? '';
    zhang = (await findCustomerIdByPhone(env.system, ZHANG.phone)) ?? '';
    assert.ok(li && zhang);
  });
  after(() => env.close());

  it('makes a consultation a complaint, lists the case in the hand-over packet and closes as case_opened', async () => {
    const id = await verifiedCall('agent', LI);
    await req('agent', 'PUT', `/api/contacts/${id}/classification`, { intents: ['annual_fee'] });
    assert.equal((await contact(id)).type, 'consult');

    const opened = await complain('agent', id, li, 'annual_fee');
    assert.equal(opened.statusCode, 201, opened.body);
    const c = opened.json() as { id: string; number: string; contactId: string; dueDate: string };
    assert.equal(c.contactId, id);
    const after = await contact(id);
    assert.equal(after.type, 'complaint', 'a complaint about a fee question is a complaint');
    assert.deepEqual(after.intents, ['annual_fee']);

    // The agent reclassifying the need cannot make it a mere consultation again.
    const re = await req('agent', 'PUT', `/api/contacts/${id}/classification`, { intents: ['points_rewards'] });
    assert.equal(re.json().type, 'complaint');

    // The senior agent the call goes to sees the case number without asking the customer again.
    const t = await req('agent', 'POST', `/api/contacts/${id}/transfer`, {
      target: { kind: 'department', code: 'senior_agents' },
    });
    assert.equal(t.statusCode, 200, t.body);
    const packet = t.json().packet as { cases: Array<{ number: string; kind: string }>; riskFlags: string[] };
    assert.deepEqual(
      packet.cases.map((x) => [x.number, x.kind]),
      [[c.number, 'complaint']],
    );
    assert.ok(packet.riskFlags.includes('complaint'));
    const ack = await req('senior_agent', 'POST', `/api/contacts/${id}/handover/acknowledge`);
    assert.equal(ack.statusCode, 200, ack.body);

    for (const stage of ['handle', 'confirm']) {
      const s = await req('senior_agent', 'POST', `/api/contacts/${id}/stage`, { stage });
      assert.equal(s.statusCode, 200, s.body);
    }
    // The close dialog's default is "resolved at first contact": the case says otherwise.
    const closed = await req('senior_agent', 'POST', `/api/contacts/${id}/close`, {
      outcome: 'resolved_first_contact',
      satisfaction: 4,
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().outcome, 'case_opened');
    const audit = await env.system.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'contact.close')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(audit.details).requestedOutcome, 'resolved_first_contact');
  });

  it('keeps an emergency an emergency when a complaint is raised in it', async () => {
    const id = await verifiedCall('agent', ZHANG);
    await req('agent', 'PUT', `/api/contacts/${id}/classification`, { intents: ['card_loss_report'] });
    const opened = await complain('agent', id, zhang, 'complaint_service');
    assert.equal(opened.statusCode, 201, opened.body);
    const after = await contact(id);
    assert.equal(after.type, 'emergency');
    assert.deepEqual(after.intents, ['card_loss_report', 'complaint_service']);
    // The emergency intent dropped later, the complaint still stands.
    const re = await req('agent', 'PUT', `/api/contacts/${id}/classification`, { intents: ['annual_fee'] });
    assert.equal(re.json().type, 'complaint');
  });

  it('refuses a complaint naming a contact of another customer, opening nothing', async () => {
    const id = await verifiedCall('senior_agent', ZHANG);
    const count = async () =>
      Number(
        (
          await env.system.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('customer_id', '=', li)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // A supervisor acting on 李娜 with a written reason, but naming 张伟's contact.
    const res = await req(
      'supervisor',
      'POST',
      '/api/cases/complaints',
      { customerId: li, contactId: id, channel: 'phone', category: 'complaint_fee', summary: '年费', demand: '退还' },
      { 'x-access-reason': encodeURIComponent('complaint_handling: 投诉复核,回访客户核实诉求') },
    );
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, 'CONTACT_CUSTOMER_MISMATCH');
    assert.equal(await count(), before);
    assert.equal((await contact(id)).type, null, 'the other customer’s contact is untouched');
  });
});
