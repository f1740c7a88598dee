import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import { call, contactsTestEnv, createCustomer, lastLoggedOtp, type TestCustomer } from './contacts.fixtures.ts';
import { deliverTelephonyCall, enterKeypadCode, startChatContact } from './index.ts';

async function phoneContact(env: TestEnv, as: string, customer: TestCustomer): Promise<string> {
  const body = await call<{ contact: { id: string } }>(
    env,
    as,
    'POST',
    '/api/contacts',
    { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
    201,
  );
  return body.contact.id;
}

function probe(env: TestEnv, as: string, customerId: string, need: string, headers: Record<string, string> = {}) {
  return env.request({ method: 'GET', url: `/api/probe/customers/${customerId}/${need}`, as, headers });
}

describe('customer-data access is tied to an active, verified contact', () => {
  let env: TestEnv;
  let customer: TestCustomer;
  let contactId: string;
  before(async () => {
    env = await contactsTestEnv();
    customer = await createCustomer(env.system);
    contactId = await phoneContact(env, 'agent', customer);
  });
  after(() => env.close());

  it('refuses an agent with no contact for the customer (403 CUSTOMER_ACCESS_DENIED)', async () => {
    const res = await probe(env, 'agent', customer.id, 'statement.read');
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'CUSTOMER_ACCESS_DENIED');
  });

  it('refuses another agent naming a contact they do not handle', async () => {
    const res = await probe(env, 'senior_agent', customer.id, 'statement.read', { 'x-contact-id': contactId });
    assert.equal(res.json().error.code, 'CUSTOMER_ACCESS_DENIED');
  });

  it('refuses a contact linked to a different customer', async () => {
    const other = await createCustomer(env.system, { name: '王芳' });
    const res = await probe(env, 'agent', other.id, 'card.freeze', { 'x-contact-id': contactId });
    assert.equal(res.json().error.code, 'CUSTOMER_ACCESS_DENIED');
  });

  it('allows the temporary block (freeze) before any verification, but the formal loss report needs the caller verified', async () => {
    const res = await probe(env, 'agent', customer.id, 'card.freeze', { 'x-contact-id': contactId });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { contactId, via: 'contact' });
    const formal = await probe(env, 'agent', customer.id, 'card.report_lost', { 'x-contact-id': contactId });
    assert.equal(formal.statusCode, 403);
    assert.deepEqual(formal.json().error.details, { need: 'card.report_lost', required: 'basic', current: 'none' });
  });

  it('asks for basic verification before statements, naming the level needed', async () => {
    const res = await probe(env, 'agent', customer.id, 'statement.read', { 'x-contact-id': contactId });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'VERIFICATION_REQUIRED');
    assert.deepEqual(res.json().error.details, { need: 'statement.read', required: 'basic', current: 'none' });
  });

  it('with basic verification reads statements but cannot raise a limit', async () => {
    await call(env, 'agent', 'POST', `/api/contacts/${contactId}/verify`, {
      method: 'name_id_last6',
      name: customer.name,
      idLast6: customer.idNumber.slice(-6),
    });
    assert.equal(
      (await probe(env, 'agent', customer.id, 'statement.read', { 'x-contact-id': contactId })).statusCode,
      200,
    );
    const limit = await probe(env, 'agent', customer.id, 'limit.permanent', { 'x-contact-id': contactId });
    assert.equal(limit.statusCode, 403);
    assert.equal(limit.json().error.code, 'VERIFICATION_REQUIRED');
    assert.equal(limit.json().error.details.required, 'strong');
  });

  it('reaches strong with a one-time code the caller keys in, never one the agent takes; then may raise a limit', async () => {
    const sent = await call<{ sentTo: string }>(env, 'agent', 'POST', `/api/contacts/${contactId}/verification/otp`);
    assert.equal(sent.sentTo, `${customer.phone.slice(0, 3)}****${customer.phone.slice(-4)}`);
    const code = lastLoggedOtp(env);
    // The scripts tell customers nobody will ask for a code: the agent cannot enter one, even the right one.
    const taken = await env.request({
      method: 'POST',
      url: `/api/contacts/${contactId}/verify`,
      as: 'agent',
      payload: { method: 'otp', code },
    });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'OTP_KEYPAD_ONLY');
    const attempts = await env.runtime.deps.db
      .selectFrom('verification_attempts')
      .select('method')
      .where('contact_id', '=', contactId)
      .where('method', '=', 'otp')
      .execute();
    assert.deepEqual(attempts, [], 'a refused entry is no attempt');
    // The caller keys it in: the telephony side hands the digits over as the system.
    const res = await enterKeypadCode(env.system, contactId, code);
    assert.deepEqual([res.success, res.level], [true, 'strong']);
    const row = await env.runtime.deps.db
      .selectFrom('contacts')
      .select(['verification_level', 'verification_methods'])
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow();
    assert.equal(row.verification_level, 'strong');
    assert.ok((JSON.parse(row.verification_methods) as string[]).includes('otp'));
    assert.equal(
      (await probe(env, 'agent', customer.id, 'limit.permanent', { 'x-contact-id': contactId })).statusCode,
      200,
    );
  });

  it('demo mode: the agent plays the caller keying the code in, on their own call only', async () => {
    const other = await createCustomer(env.system, { name: '罗琳' });
    const own = await phoneContact(env, 'agent', other);
    await call(env, 'agent', 'POST', `/api/contacts/${own}/verification/otp`);
    const code = lastLoggedOtp(env);
    // Asked again within the resend interval (the installment dialog's button, say): the same code stands.
    const again = await call<{ sentTo: string }>(env, 'agent', 'POST', `/api/contacts/${own}/verification/otp`);
    assert.equal(again.sentTo, `${other.phone.slice(0, 3)}****${other.phone.slice(-4)}`);
    const codes = await env.runtime.deps.db
      .selectFrom('otp_codes')
      .select('id')
      .where('contact_id', '=', own)
      .execute();
    assert.equal(codes.length, 1);
    const notYours = await env.request({
      method: 'POST',
      url: `/api/demo/contacts/${own}/keypad`,
      as: 'senior_agent',
      payload: { code },
    });
    assert.equal(notYours.json().error.code, 'CONTACT_NOT_HANDLED_BY_YOU');
    const wrong = await call<{ success: boolean; failuresLeft: number }>(
      env,
      'agent',
      'POST',
      `/api/demo/contacts/${own}/keypad`,
      { code: code === '000000' ? '111111' : '000000' },
    );
    assert.equal(wrong.success, false);
    const right = await call<{ success: boolean; level: string }>(
      env,
      'agent',
      'POST',
      `/api/demo/contacts/${own}/keypad`,
      { code },
    );
    assert.deepEqual([right.success, right.level], [true, 'basic']);
    const recorded = await env.runtime.deps.db
      .selectFrom('verification_attempts')
      .select(['success', 'actor_id'])
      .where('contact_id', '=', own)
      .orderBy('at')
      .execute();
    assert.deepEqual(recorded, [
      { success: 0, actor_id: null },
      { success: 1, actor_id: null },
    ]);
    // The attempts are the telephony side's; the agent who played the caller is in the audit trail.
    const played = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'demo.keypad_entry')
      .where('entity_id', '=', own)
      .execute();
    const agent = await env.runtime.deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'agent')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      played.map((r) => r.actor_id),
      [agent.id, agent.id],
    );
  });

  it('a code sent before the contact was linked to another customer is not the one "already sent" to the new one', async () => {
    const first = await createCustomer(env.system, { name: '孔明' });
    const second = await createCustomer(env.system, { name: '孔亮' });
    const id = await phoneContact(env, 'agent', first);
    await call(env, 'agent', 'POST', `/api/contacts/${id}/verification/otp`);
    await call(env, 'agent', 'POST', `/api/contacts/${id}/customer`, { customerId: second.id });
    const again = await call<{ sentTo: string }>(env, 'agent', 'POST', `/api/contacts/${id}/verification/otp`);
    assert.equal(again.sentTo, `${second.phone.slice(0, 3)}****${second.phone.slice(-4)}`);
    const right = await call<{ success: boolean }>(env, 'agent', 'POST', `/api/demo/contacts/${id}/keypad`, {
      code: lastLoggedOtp(env),
    });
    assert.equal(right.success, true);
  });

  it('sends no one-time code on a chat: with no keypad it could only be typed into the chat for the agent', async () => {
    const other = await createCustomer(env.system, { name: '钱多' });
    const chat = await startChatContact(env.system, {
      customerId: other.id,
      level: 'basic',
      firstMessage: '我要办分期',
    });
    await call(env, 'agent', 'POST', `/api/contacts/${chat.id}/accept`);
    const res = await env.request({ method: 'POST', url: `/api/contacts/${chat.id}/verification/otp`, as: 'agent' });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, 'VERIFICATION_METHOD_UNAVAILABLE');
    const codes = await env.runtime.deps.db
      .selectFrom('otp_codes')
      .select('id')
      .where('contact_id', '=', chat.id)
      .execute();
    assert.deepEqual(codes, []);
  });

  it('lets a supervisor in without a contact only with a written reason, audited as an override', async () => {
    const bare = await probe(env, 'supervisor', customer.id, 'statement.read');
    assert.equal(bare.json().error.code, 'REASON_REQUIRED');
    const ok = await probe(env, 'supervisor', customer.id, 'statement.read', {
      'x-access-reason': encodeURIComponent('complaint_handling: 客户投诉复核,需查看账单'),
    });
    assert.equal(ok.statusCode, 200);
    const audit = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select(['reason', 'customer_id'])
      .where('action', '=', 'customer.access_override')
      .execute();
    assert.deepEqual(audit, [{ reason: 'complaint_handling: 客户投诉复核,需查看账单', customer_id: customer.id }]);
  });

  it('writes every read of the contact and its transcript to the audit log', async () => {
    await call(
      env,
      'agent',
      'POST',
      `/api/contacts/${contactId}/turns`,
      { text: '请问账单金额是多少?', speaker: 'customer' },
      201,
    );
    await call(env, 'agent', 'GET', `/api/contacts/${contactId}`);
    await call(env, 'agent', 'GET', `/api/contacts/${contactId}/turns`);
    await call(env, 'qa', 'GET', `/api/contacts/${contactId}`);
    const reads = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'customer_id', 'contact_id'])
      .where('action', 'in', ['contact.read', 'contact.transcript_read'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      reads.map((r) => [r.action, r.actor_role, r.customer_id, r.contact_id]),
      [
        ['contact.read', 'agent', customer.id, contactId],
        ['contact.transcript_read', 'agent', customer.id, contactId],
        ['contact.read', 'qa', customer.id, contactId],
      ],
    );
    const stranger = await env.request({ method: 'GET', url: `/api/contacts/${contactId}`, as: 'senior_agent' });
    assert.equal(stranger.json().error.code, 'CONTACT_NOT_HANDLED_BY_YOU');
  });

  it('follows the configurable level table: an admin raising statements to strong takes effect at once', async () => {
    const forbidden = await env.request({
      method: 'PUT',
      url: '/api/contacts/settings',
      as: 'agent',
      payload: { accessLevels: { 'statement.read': 'strong' } },
    });
    assert.equal(forbidden.statusCode, 403);
    const other = await createCustomer(env.system, { name: '赵磊' });
    const id = await phoneContact(env, 'agent', other);
    await call(env, 'agent', 'POST', `/api/contacts/${id}/verify`, {
      method: 'name_id_last6',
      name: other.name,
      idLast6: other.idNumber.slice(-6),
    });
    assert.equal((await probe(env, 'agent', other.id, 'statement.read', { 'x-contact-id': id })).statusCode, 200);
    await call(env, 'admin', 'PUT', '/api/contacts/settings', { accessLevels: { 'statement.read': 'strong' } });
    const now = await probe(env, 'agent', other.id, 'statement.read', { 'x-contact-id': id });
    assert.equal(now.json().error.code, 'VERIFICATION_REQUIRED');
    const settings = await call<{ accessLevels: Record<string, string> }>(
      env,
      'agent',
      'GET',
      '/api/contacts/settings',
    );
    assert.equal(settings.accessLevels['statement.read'], 'strong');
    assert.equal(settings.accessLevels['card.freeze'], 'none', 'other needs keep their level');
  });
});

describe('verification lock-out', () => {
  let env: TestEnv;
  let customer: TestCustomer;
  before(async () => {
    env = await contactsTestEnv();
    customer = await createCustomer(env.system);
  });
  after(() => env.close());

  it('locks after three failures on one customer — across contacts — and unlocks after the lock time', async () => {
    const first = await phoneContact(env, 'agent', customer);
    const wrong = { method: 'name_id_last6', name: '某某', idLast6: '123456' };
    const results: Array<{ success: boolean; failuresLeft: number; lockedUntil: string | null }> = [];
    for (let i = 0; i < 3; i++) results.push(await call(env, 'agent', 'POST', `/api/contacts/${first}/verify`, wrong));
    assert.deepEqual(
      results.map((r) => r.failuresLeft),
      [2, 1, 0],
    );
    assert.ok(results[2]?.lockedUntil);
    // Hanging up and calling again does not reset the count.
    const second = await phoneContact(env, 'senior_agent', customer);
    const right = { method: 'name_id_last6', name: customer.name, idLast6: customer.idNumber.slice(-6) };
    const locked = await env.request({
      method: 'POST',
      url: `/api/contacts/${second}/verify`,
      as: 'senior_agent',
      payload: right,
    });
    assert.equal(locked.statusCode, 423);
    assert.equal(locked.json().error.code, 'VERIFICATION_LOCKED');
    const otp = await env.request({
      method: 'POST',
      url: `/api/contacts/${second}/verification/otp`,
      as: 'senior_agent',
    });
    assert.equal(otp.json().error.code, 'VERIFICATION_LOCKED');
    env.clock.advance(31 * 60_000);
    const ok = await call<{ success: boolean; level: string; failuresLeft: number }>(
      env,
      'senior_agent',
      'POST',
      `/api/contacts/${second}/verify`,
      right,
    );
    assert.deepEqual([ok.success, ok.level, ok.failuresLeft], [true, 'basic', 3]);
    const audit = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'contact.verification_locked')
      .execute();
    assert.equal(audit.length, 1);
  });

  it('verifies by caller number only when the telephony side delivered the call from the registered phone', async () => {
    const agent = await env.system.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'agent')
      .executeTakeFirstOrThrow();
    const delivered = (callerNumber: string) => deliverTelephonyCall(env.system, { callerNumber, agentId: agent.id });
    const matching = (await delivered(customer.phone)).contact.id;
    const res = await call<{ success: boolean; level: string }>(
      env,
      'agent',
      'POST',
      `/api/contacts/${matching}/verify`,
      {
        method: 'caller_number',
      },
    );
    assert.deepEqual([res.success, res.level], [true, 'basic']);
    const elsewhere = await delivered('13800000000');
    await call(env, 'agent', 'POST', `/api/contacts/${elsewhere.contact.id}/customer`, { customerId: customer.id });
    const other = await call<{ success: boolean }>(
      env,
      'agent',
      'POST',
      `/api/contacts/${elsewhere.contact.id}/verify`,
      {
        method: 'caller_number',
      },
    );
    assert.equal(other.success, false);
  });
});

describe('one customer on several calls at the same moment', () => {
  let env: TestEnv;
  before(async () => {
    env = await contactsTestEnv();
  });
  after(() => env.close());

  it('sends one code to the phone when codes are asked on several calls at once (the others: too soon)', async () => {
    const customer = await createCustomer(env.system, { name: '齐同' });
    const contacts = [
      await phoneContact(env, 'agent', customer),
      await phoneContact(env, 'agent', customer),
      await phoneContact(env, 'senior_agent', customer),
      await phoneContact(env, 'senior_agent', customer),
    ];
    const answers = await Promise.all(
      contacts.map((id) =>
        env.request({
          method: 'POST',
          url: `/api/contacts/${id}/verification/otp`,
          as: id === contacts[0] || id === contacts[1] ? 'agent' : 'senior_agent',
        }),
      ),
    );
    assert.deepEqual(
      answers.map((r) => r.statusCode).sort(),
      [200, 429, 429, 429],
      answers.map((r) => r.body).join('\n'),
    );
    const live = await env.runtime.deps.db
      .selectFrom('otp_codes')
      .select('id')
      .where('customer_id', '=', customer.id)
      .where('consumed_at', 'is', null)
      .execute();
    assert.equal(live.length, 1);
  });

  it('records no more failures than the lock allows when wrong answers come on several calls at once', async () => {
    const customer = await createCustomer(env.system, { name: '齐异' });
    const contacts = [];
    for (let i = 0; i < 4; i++)
      contacts.push(await phoneContact(env, i % 2 === 0 ? 'agent' : 'senior_agent', customer));
    const wrong = { method: 'name_id_last6', name: '某某', idLast6: '000000' };
    const answers = await Promise.all(
      contacts.flatMap((id, i) =>
        [0, 1].map(() =>
          env.request({
            method: 'POST',
            url: `/api/contacts/${id}/verify`,
            as: i % 2 === 0 ? 'agent' : 'senior_agent',
            payload: wrong,
          }),
        ),
      ),
    );
    assert.ok(answers.every((r) => r.statusCode === 200 || r.json().error.code === 'VERIFICATION_LOCKED'));
    const failures = await env.runtime.deps.db
      .selectFrom('verification_attempts')
      .select('id')
      .where('customer_id', '=', customer.id)
      .where('success', '=', 0)
      .execute();
    assert.equal(failures.length, 3, 'the lock after three failures holds');
  });
});
