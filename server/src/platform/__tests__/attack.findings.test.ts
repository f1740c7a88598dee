import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { FIXED_CUSTOMERS, findCustomerIdByPhone } from '../../modules/cards/index.ts';
import { findAuthDataInText } from '../pii/auth-data.ts';

/**
 * Regression tests for the holes a live attack on the hardened server found after issue 15: each
 * reproduces the attack on the seeded demo data and expects it refused.
 */
let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(async () => {
  await env?.close();
});

const ZHANG = FIXED_CUSTOMERS.find((f) => f.key === 'zhang_wei') as (typeof FIXED_CUSTOMERS)[number];

/** A phone contact with the customer handled by `as`, verified to basic with name and ID digits. */
async function verifiedCall(as: string, c: typeof ZHANG): Promise<string> {
  const started = await env.request({
    method: 'POST',
    url: '/api/contacts',
    as,
    payload: { channel: 'phone', direction: 'inbound', callerNumber: c.phone },
  });
  assert.equal(started.statusCode, 201, started.body);
  const id = started.json().contact.id as string;
  const v = await env.request({
    method: 'POST',
    url: `/api/contacts/${id}/verify`,
    as,
    payload: { method: 'name_id_last6', name: c.name, idLast6: c.idNumber.slice(-6) },
  });
  assert.equal(v.json().level, 'basic', v.body);
  return id;
}

describe('attack: staff record repayments nobody paid', () => {
  it('attack: an agent in a verified call cannot post a repayment (credit from nothing)', async () => {
    const customerId = await findCustomerIdByPhone(env.system, ZHANG.phone);
    assert.ok(customerId);
    const account = await env.system.db
      .selectFrom('accounts')
      .select('id')
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    const contactId = await verifiedCall('agent', ZHANG);
    const postings = () =>
      env.system.db
        .selectFrom('transactions')
        .select('id')
        .where('account_id', '=', account.id)
        .where('kind', '=', 'repayment')
        .execute();
    const before = await postings();
    for (const as of ['agent', 'senior_agent', 'supervisor', 'dept_handler']) {
      const res = await env.request({
        method: 'POST',
        url: `/api/accounts/${account.id}/repayments`,
        as,
        headers: { 'x-contact-id': contactId, 'x-access-reason': 'customer_callback: 客户来电要求登记还款' },
        payload: { amountFen: 1_000_000_000, channel: 'transfer', reference: `FAKE-${as}` },
      });
      assert.equal(res.statusCode, 403, `${as}: ${res.body}`);
    }
    assert.deepEqual(await postings(), before, 'a refused repayment posts nothing');
  });
});
