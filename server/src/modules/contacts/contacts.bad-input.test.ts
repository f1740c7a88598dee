import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import { call, contactsTestEnv, createCustomer, type TestCustomer } from './contacts.fixtures.ts';

/** A snapshot of everything a refused request must leave untouched. */
async function snapshot(env: TestEnv, contactId: string) {
  const db = env.runtime.deps.db;
  const contact = await db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
  const stages = await db.selectFrom('contact_stages').select('stage').where('contact_id', '=', contactId).execute();
  const transfers = await db.selectFrom('contact_transfers').select('id').where('contact_id', '=', contactId).execute();
  const audit = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contact_id', '=', contactId)
    .where('action', 'not like', '%read%')
    .executeTakeFirstOrThrow();
  return { contact, stages: stages.length, transfers: transfers.length, audit: Number(audit.n) };
}

describe('bad input gets a coded error and changes nothing', () => {
  let env: TestEnv;
  let customer: TestCustomer;
  let contactId: string;
  before(async () => {
    env = await contactsTestEnv();
    customer = await createCustomer(env.system);
    const body = await call<{ contact: { id: string } }>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
      201,
    );
    contactId = body.contact.id;
  });
  after(() => env.close());

  async function refused(
    as: string,
    method: 'POST' | 'PUT',
    url: string,
    payload: Record<string, unknown>,
    status: number,
    code: string,
  ) {
    const before = await snapshot(env, contactId);
    const res = await env.request({ method, url, as, payload });
    assert.equal(res.statusCode, status, res.body);
    assert.equal(res.json().error.code, code);
    assert.deepEqual(await snapshot(env, contactId), before);
    return res.json().error;
  }

  it('refuses an unknown stage', async () => {
    await refused(
      'agent',
      'POST',
      `/api/contacts/${contactId}/stage`,
      { stage: 'banana' },
      409,
      'INVALID_STAGE_TRANSITION',
    );
  });

  it('refuses a stage the flow does not allow next, saying which are allowed', async () => {
    const error = await refused(
      'agent',
      'POST',
      `/api/contacts/${contactId}/stage`,
      { stage: 'confirm' },
      409,
      'INVALID_STAGE_TRANSITION',
    );
    assert.deepEqual(error.details, { from: 'greeting', to: 'confirm', allowed: ['verify', 'need'] });
  });

  it('refuses stage changes from someone who does not handle the contact', async () => {
    await refused(
      'senior_agent',
      'POST',
      `/api/contacts/${contactId}/stage`,
      { stage: 'need' },
      403,
      'CONTACT_NOT_HANDLED_BY_YOU',
    );
  });

  it('refuses intents outside the vocabulary', async () => {
    await refused(
      'agent',
      'PUT',
      `/api/contacts/${contactId}/classification`,
      { intents: ['buy_bitcoin'] },
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses transferring to a missing department', async () => {
    await refused(
      'agent',
      'POST',
      `/api/contacts/${contactId}/transfer`,
      { target: { kind: 'department', code: 'no_such_dept' } },
      404,
      'DEPARTMENT_NOT_FOUND',
    );
  });

  it('refuses transferring to oneself', async () => {
    const me = await env.runtime.deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'agent')
      .executeTakeFirstOrThrow();
    await refused(
      'agent',
      'POST',
      `/api/contacts/${contactId}/transfer`,
      { target: { kind: 'user', userId: me.id } },
      400,
      'TRANSFER_TARGET_INVALID',
    );
  });

  it('refuses a promise with a deadline in the past', async () => {
    await refused(
      'agent',
      'POST',
      `/api/contacts/${contactId}/promises`,
      { description: '回电告知', deadline: new Date(env.clock.now().getTime() - 60_000).toISOString() },
      400,
      'PROMISE_DEADLINE_INVALID',
    );
  });

  it('refuses to close a contact that skipped confirmation without a reason', async () => {
    await refused(
      'agent',
      'POST',
      `/api/contacts/${contactId}/close`,
      { outcome: 'resolved_first_contact' },
      422,
      'CONFIRMATION_SKIPPED',
    );
  });

  it('refuses to close an unclassified contact: at least one intent is required', async () => {
    await refused(
      'agent',
      'POST',
      `/api/contacts/${contactId}/close`,
      { outcome: 'resolved_first_contact', skipConfirmationReason: '客户挂断电话' },
      422,
      'CONTACT_UNCLASSIFIED',
    );
  });

  it('refuses the outcome "follow-up promised" without a promise recorded on that contact', async () => {
    const classified = await env.request({
      method: 'PUT',
      url: `/api/contacts/${contactId}/classification`,
      as: 'agent',
      payload: { intents: ['annual_fee'] },
    });
    assert.equal(classified.statusCode, 200, classified.body);
    await refused(
      'agent',
      'POST',
      `/api/contacts/${contactId}/close`,
      { outcome: 'follow_up_promised', skipConfirmationReason: '客户需等待核实结果' },
      422,
      'CONTACT_PROMISE_REQUIRED',
    );
  });

  it('closes with a reason for the skipped confirmation, once; a retry with the same key replays the answer', async () => {
    const headers = { 'idempotency-key': 'close-1' };
    const payload = { outcome: 'resolved_first_contact', skipConfirmationReason: '客户挂断电话' };
    const first = await env.request({
      method: 'POST',
      url: `/api/contacts/${contactId}/close`,
      as: 'agent',
      payload,
      headers,
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().confirmationSkipReason, '客户挂断电话');
    const replay = await env.request({
      method: 'POST',
      url: `/api/contacts/${contactId}/close`,
      as: 'agent',
      payload,
      headers,
    });
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body, first.body);
    const closes = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('reason')
      .where('contact_id', '=', contactId)
      .where('action', '=', 'contact.close')
      .execute();
    assert.deepEqual(closes, [{ reason: '客户挂断电话' }]);
  });

  it('refuses closing twice', async () => {
    await refused(
      'agent',
      'POST',
      `/api/contacts/${contactId}/close`,
      { outcome: 'resolved_first_contact', skipConfirmationReason: '再次结束' },
      409,
      'CONTACT_CLOSED',
    );
  });

  it('answers CONTACT_NOT_FOUND for an unknown contact', async () => {
    const res = await env.request({ method: 'GET', url: '/api/contacts/nope', as: 'agent' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'CONTACT_NOT_FOUND');
  });

  it('refuses a malformed caller number and creates nothing', async () => {
    const before = await env.runtime.deps.db.selectFrom('contacts').select('id').execute();
    const res = await env.request({
      method: 'POST',
      url: '/api/contacts',
      as: 'agent',
      payload: { channel: 'phone', direction: 'inbound', callerNumber: '12345' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal((await env.runtime.deps.db.selectFrom('contacts').select('id').execute()).length, before.length);
  });
});
