import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import { cardFacts, findCustomerIdByPhone, fixedCustomer, limitChangeIds } from '../cards/index.ts';
import { call, contactsTestEnv } from './contacts.fixtures.ts';

/**
 * The card engine's real routes called from inside a contact (`X-Contact-Id`), as the workstation calls
 * them: what the contact's verification unlocks is what the card engine lets through (issue 4 §4). The
 * customer is the card engine's documented demo customer 张伟, seeded with cards, statements and history
 * (the card engine exports no customer factory; its demo data is the documented fixture).
 */
const ZHANG = fixedCustomer('zhang_wei');

describe('card operations from inside a contact', () => {
  let env: TestEnv;
  let customerId: string;
  let cardId: string;
  let accountId: string;
  let contactId: string;
  let inContact: Record<string, string>;
  before(async () => {
    assert.ok(ZHANG, 'the card engine documents 张伟');
    env = await contactsTestEnv();
    const id = await findCustomerIdByPhone(env.system, ZHANG.phone);
    assert.ok(id);
    customerId = id;
    const [card] = await cardFacts(env.system.db, { customerId, last4: ZHANG.last4 });
    assert.ok(card);
    cardId = card.id;
    accountId = card.accountId;
    const started = await call<{ contact: { id: string; verification: { level: string } }; screenPop: unknown }>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: ZHANG.phone },
      201,
    );
    assert.ok(started.screenPop, 'the caller number pops the customer');
    assert.equal(started.contact.verification.level, 'none');
    contactId = started.contact.id;
    inContact = { 'x-contact-id': contactId };
  });
  after(() => env.close());

  it('freezes the card before any verification, recording the contact with the operation', async () => {
    const res = await env.request({
      method: 'POST',
      url: `/api/cards/${cardId}/freeze`,
      as: 'agent',
      headers: { ...inContact, 'idempotency-key': 'freeze-zhang-1' },
      payload: { reason: '客户称卡片遗失在出租车上' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'frozen');
    const audit = await env.system.db
      .selectFrom('audit_log')
      .select(['contact_id', 'customer_id'])
      .where('action', '=', 'card.freeze')
      .where('entity_id', '=', cardId)
      .execute();
    assert.deepEqual(audit, [{ contact_id: contactId, customer_id: customerId }]);
  });

  it('refuses the same freeze to an agent with no contact for the customer', async () => {
    const res = await env.request({
      method: 'POST',
      url: `/api/cards/${cardId}/freeze`,
      as: 'senior_agent',
      payload: { reason: '未在联络中' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'CUSTOMER_ACCESS_DENIED');
  });

  it('asks for basic verification before the statements, then lists them', async () => {
    const before = await env.request({
      method: 'GET',
      url: `/api/customers/${customerId}/statements`,
      as: 'agent',
      headers: inContact,
    });
    assert.equal(before.statusCode, 403);
    assert.equal(before.json().error.code, 'VERIFICATION_REQUIRED');
    assert.equal(before.json().error.details.required, 'basic');

    const verified = await call<{ success: boolean; level: string }>(
      env,
      'agent',
      'POST',
      `/api/contacts/${contactId}/verify`,
      { method: 'name_id_last6', name: ZHANG?.name, idLast6: ZHANG?.idNumber.slice(-6) },
    );
    assert.deepEqual([verified.success, verified.level], [true, 'basic']);
    const statements = await call<Array<{ accountId: string; statementDate: string }>>(
      env,
      'agent',
      'GET',
      `/api/customers/${customerId}/statements`,
      undefined,
      200,
      inContact,
    );
    assert.ok(statements.length > 0, 'the seeded history has statements');
    assert.ok(statements.every((s) => s.accountId === accountId));
    const reads = await env.system.db
      .selectFrom('audit_log')
      .select('contact_id')
      .where('customer_id', '=', customerId)
      .where('action', '=', 'statements.read')
      .execute();
    assert.ok(reads.length > 0 && reads.every((r) => r.contact_id === contactId), 'the read is audited in the contact');
  });

  it('refuses a permanent limit increase at basic (VERIFICATION_REQUIRED, strong) and records nothing', async () => {
    const changes = () => limitChangeIds(env.system.db, accountId);
    const before = (await changes()).length;
    const res = await env.request({
      method: 'POST',
      url: `/api/accounts/${accountId}/limit/permanent`,
      as: 'agent',
      headers: inContact,
      payload: { newLimitFen: (ZHANG?.creditLimitFen ?? 0) + 1_000_000, reason: '客户申请提额' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'VERIFICATION_REQUIRED');
    assert.deepEqual(res.json().error.details, { need: 'limit.permanent', required: 'strong', current: 'basic' });
    assert.equal((await changes()).length, before);
  });
});
