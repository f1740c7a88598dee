import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import type { LiveEvent } from '../../platform/events/bus.ts';
import { call, contactsTestEnv, createCustomer, lastLoggedOtp, type TestCustomer } from './contacts.fixtures.ts';

interface Contact {
  id: string;
  status: string;
  stage: string;
  customerId: string | null;
  agent: { agentNo: string | null } | null;
  verification: { level: string; methods: string[] };
  type: string | null;
  intents: string[];
  outcome: string | null;
  satisfaction: number | null;
  stages: Array<{ stage: string; at: string }>;
  scripts: { greeting: string; closing: string };
}

describe('a whole phone contact: screen pop → greeting → verification → statement → confirmation → closing', () => {
  let env: TestEnv;
  let customer: TestCustomer;
  let contactId: string;
  before(async () => {
    env = await contactsTestEnv();
    customer = await createCustomer(env.system);
  });
  after(() => env.close());

  it('pops the caller’s customer, masked, and offers the greeting with the agent ID', async () => {
    const res = await env.request({
      method: 'POST',
      url: '/api/contacts',
      as: 'agent',
      payload: { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.ok(!res.body.includes(customer.phone), 'the caller number never appears unmasked');
    assert.ok(!res.body.includes(customer.name), 'the name never appears unmasked');
    const body = res.json() as { contact: Contact; screenPop: { customerId: string; maskedName: string } };
    contactId = body.contact.id;
    assert.equal(body.screenPop.customerId, customer.id);
    assert.equal(body.screenPop.maskedName, '张**');
    assert.equal(body.contact.customerId, customer.id);
    assert.equal(body.contact.verification.level, 'none', 'identified is not verified');
    assert.match(body.contact.scripts.greeting, /8001/);
    assert.match(body.contact.scripts.closing, /感谢您的来电/);
    assert.deepEqual(
      body.contact.stages.map((s) => s.stage),
      ['greeting'],
    );
  });

  it('counts a wrong answer, then verifies to basic with name and the last six of the ID number', async () => {
    env.clock.advance(20_000);
    const wrong = await call<{ success: boolean; failuresLeft: number }>(
      env,
      'agent',
      'POST',
      `/api/contacts/${contactId}/verify`,
      { method: 'name_id_last6', name: customer.name, idLast6: '000000' },
    );
    assert.equal(wrong.success, false);
    assert.equal(wrong.failuresLeft, 2);
    env.clock.advance(15_000);
    const ok = await call<{ success: boolean; level: string }>(
      env,
      'agent',
      'POST',
      `/api/contacts/${contactId}/verify`,
      {
        method: 'name_id_last6',
        name: customer.name,
        idLast6: customer.idNumber.slice(-6),
      },
    );
    assert.equal(ok.success, true);
    assert.equal(ok.level, 'basic');
    const attempts = await env.runtime.deps.db
      .selectFrom('verification_attempts')
      .select(['method', 'success'])
      .where('contact_id', '=', contactId)
      .orderBy('at')
      .execute();
    assert.deepEqual(
      attempts.map((a) => a.success),
      [0, 1],
    );
    const audit = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('contact_id', '=', contactId)
      .where('action', 'like', 'contact.verify%')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['contact.verify_failed', 'contact.verify'],
    );
    for (const a of audit) assert.ok(!a.details.includes(customer.idNumber.slice(-6)), 'answers are not logged');
  });

  it('understands the need, classifies it, and reads the statement inside the verified contact', async () => {
    env.clock.advance(30_000);
    await call(env, 'agent', 'POST', `/api/contacts/${contactId}/stage`, { stage: 'need' });
    const classified = await call<Contact>(env, 'agent', 'PUT', `/api/contacts/${contactId}/classification`, {
      intents: ['statement_query'],
    });
    assert.equal(classified.type, 'consult');
    env.clock.advance(30_000);
    await call(env, 'agent', 'POST', `/api/contacts/${contactId}/stage`, { stage: 'handle' });
    const grant = await call<{ contactId: string; via: string }>(
      env,
      'agent',
      'GET',
      `/api/probe/customers/${customer.id}/statement.read`,
      undefined,
      200,
      { 'x-contact-id': contactId },
    );
    assert.deepEqual(grant, { contactId, via: 'contact' });
  });

  it('confirms satisfaction and closes with the outcome, every stage time recorded in order', async () => {
    env.clock.advance(60_000);
    await call(env, 'agent', 'POST', `/api/contacts/${contactId}/stage`, { stage: 'confirm' });
    env.clock.advance(10_000);
    const closed = await call<Contact>(env, 'agent', 'POST', `/api/contacts/${contactId}/close`, {
      outcome: 'resolved_first_contact',
      satisfaction: 5,
    });
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'resolved_first_contact');
    // A score typed by the agent is not the customer's: it is not recorded (the survey asks the customer).
    assert.equal(closed.satisfaction, null);
    assert.deepEqual(
      closed.stages.map((s) => s.stage),
      ['greeting', 'verify', 'need', 'handle', 'confirm', 'closing'],
    );
    const times = closed.stages.map((s) => Date.parse(s.at));
    for (let i = 1; i < times.length; i++) assert.ok((times[i] ?? 0) > (times[i - 1] ?? 0), 'stage times ascend');
  });

  it('no longer grants access once the contact is closed', async () => {
    const res = await env.request({
      method: 'GET',
      url: `/api/probe/customers/${customer.id}/statement.read`,
      as: 'agent',
      headers: { 'x-contact-id': contactId },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'CUSTOMER_ACCESS_DENIED');
  });
});

describe('a chat handed over to the disputes department', () => {
  let env: TestEnv;
  let customer: TestCustomer;
  let chatToken: string;
  let contactId: string;
  const events: LiveEvent[] = [];
  before(async () => {
    env = await contactsTestEnv();
    customer = await createCustomer(env.system, { name: '李娜' });
    env.runtime.deps.events.subscribe((e) => events.push(e));
  });
  after(() => env.close());

  it('lets the card holder start a chat with a one-time code that is never in the answer', async () => {
    const otp = await env.request({ method: 'POST', url: '/api/chat/otp', payload: { phone: customer.phone } });
    assert.equal(otp.statusCode, 200);
    const code = lastLoggedOtp(env);
    assert.ok(!otp.body.includes(code));
    const session = await call<{ token: string; contactId: string }>(
      env,
      undefined,
      'POST',
      '/api/chat/sessions',
      { phone: customer.phone, code, message: '上周有一笔消费被重复扣款了' },
      201,
    );
    chatToken = session.token;
    contactId = session.contactId;
    const queues = await call<Array<{ code: string; waiting: number }>>(env, 'agent', 'GET', '/api/queues');
    assert.ok((queues.find((q) => q.code === 'general')?.waiting ?? 0) >= 1);
  });

  it('is taken by an agent, who greets with the agent ID and classifies it', async () => {
    const taken = await call<Contact>(env, 'agent', 'POST', `/api/contacts/${contactId}/accept`);
    assert.equal(taken.status, 'active');
    assert.equal(taken.verification.level, 'basic');
    assert.deepEqual(taken.verification.methods, ['otp']);
    const seen = await call<{ turns: Array<{ speaker: string; text: string }> }>(
      env,
      undefined,
      'GET',
      '/api/chat/messages',
      undefined,
      200,
      {
        authorization: `Bearer ${chatToken}`,
      },
    );
    assert.match(seen.turns.find((t) => t.speaker === 'agent')?.text ?? '', /8001/);
    await call(env, 'agent', 'PUT', `/api/contacts/${contactId}/classification`, { intents: ['transaction_dispute'] });
    await call(
      env,
      'agent',
      'POST',
      `/api/contacts/${contactId}/turns`,
      { text: '您好,这类情况需要争议处理中心为您核实。' },
      201,
    );
  });

  it('transfers with a packet; the agent loses access, the department sees who, how verified, what was said', async () => {
    const handover = await call<{ id: string; packet: Record<string, unknown> }>(
      env,
      'agent',
      'POST',
      `/api/contacts/${contactId}/transfer`,
      { target: { kind: 'department', code: 'disputes' }, note: '客户称 11-20 一笔 388 元消费被扣两次' },
    );
    assert.ok(handover.id);
    assert.ok(events.some((e) => e.topic === 'queue:disputes' && e.type === 'queue.transfer'));
    const agentNow = await env.request({
      method: 'GET',
      url: `/api/probe/customers/${customer.id}/statement.read`,
      as: 'agent',
      headers: { 'x-contact-id': contactId },
    });
    assert.equal(agentNow.statusCode, 403);

    const mine = await call<Array<{ contactId: string }>>(env, 'dept_handler', 'GET', '/api/handovers');
    assert.ok(mine.some((h) => h.contactId === contactId));
    const view = await call<{
      packet: {
        customer: { id: string; maskedName: string };
        verification: { level: string; methods: string[] };
        intents: Array<{ code: string }>;
        note: string;
        recentTurns: Array<{ speaker: string; text: string }>;
        actions: Array<{ action: string }>;
        riskFlags: string[];
        from: { agentNo: string };
      };
    }>(env, 'dept_handler', 'GET', `/api/contacts/${contactId}/handover`);
    const p = view.packet;
    assert.deepEqual(p.customer, { id: customer.id, maskedName: '李*' });
    assert.equal(p.verification.level, 'basic');
    assert.deepEqual(p.verification.methods, ['otp']);
    assert.deepEqual(
      p.intents.map((i) => i.code),
      ['transaction_dispute'],
    );
    assert.match(p.note, /扣两次/);
    assert.ok(p.recentTurns.some((t) => t.speaker === 'customer' && t.text.includes('重复扣款')));
    assert.ok(p.actions.some((a) => a.action === 'contact.classify'));
    assert.equal(p.from.agentNo, '8001');

    const other = await env.request({ method: 'GET', url: `/api/contacts/${contactId}/handover`, as: 'fraud_handler' });
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.code, 'HANDOVER_NOT_FOR_YOU');
    const grab = await env.request({ method: 'POST', url: `/api/contacts/${contactId}/accept`, as: 'senior_agent' });
    assert.equal(grab.json().error.code, 'HANDOVER_PENDING');
  });

  it('is acknowledged by the disputes handler, who then works the customer in the same contact', async () => {
    const before = await env.request({
      method: 'GET',
      url: `/api/probe/customers/${customer.id}/transactions.read`,
      as: 'dept_handler',
      headers: { 'x-contact-id': contactId },
    });
    assert.equal(before.statusCode, 403, 'nothing before acknowledging');
    const acked = await call<Contact>(env, 'dept_handler', 'POST', `/api/contacts/${contactId}/handover/acknowledge`);
    assert.equal(acked.status, 'active');
    assert.equal(acked.verification.level, 'basic', 'the customer is not verified again');
    const grant = await call<{ via: string }>(
      env,
      'dept_handler',
      'GET',
      `/api/probe/customers/${customer.id}/transactions.read`,
      undefined,
      200,
      { 'x-contact-id': contactId },
    );
    assert.equal(grant.via, 'contact');
    const row = await env.runtime.deps.db
      .selectFrom('contact_transfers')
      .select(['status', 'acknowledged_by'])
      .where('contact_id', '=', contactId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'acknowledged');
    assert.ok(events.some((e) => e.topic === `contact:${contactId}` && e.type === 'contact.handover_acknowledged'));
    const ack = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('contact_id', '=', contactId)
      .where('action', 'in', ['contact.transfer', 'contact.handover_read', 'contact.handover_ack'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      ack.map((a) => a.action),
      ['contact.transfer', 'contact.handover_read', 'contact.handover_ack'],
    );
  });
});

describe('a promise that is missed escalates', () => {
  let env: TestEnv;
  let customer: TestCustomer;
  let promiseId: string;
  const events: LiveEvent[] = [];
  before(async () => {
    env = await contactsTestEnv();
    customer = await createCustomer(env.system);
    env.runtime.deps.events.subscribe((e) => events.push(e));
  });
  after(() => env.close());

  it('records the promise with its deadline and owner, and shows it in the 360 view', async () => {
    const { contact } = await call<{ contact: Contact }>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
      201,
    );
    const promise = await call<{ id: string; deadlineAt: string; status: string }>(
      env,
      'agent',
      'POST',
      `/api/contacts/${contact.id}/promises`,
      { description: '核实年费扣收原因,24 小时内回电告知', dueInHours: 24 },
      201,
    );
    promiseId = promise.id;
    assert.equal(promise.deadlineAt, new Date(env.clock.now().getTime() + 24 * 3_600_000).toISOString());
    const section = env.runtime.deps.customerViews.find((v) => v.section === 'promises');
    const open = (await section?.load(env.system, customer.id)) as Array<{ id: string; overdue: boolean }>;
    assert.deepEqual(
      open.map((p) => [p.id, p.overdue]),
      [[promiseId, false]],
    );
    await call(env, 'agent', 'PUT', `/api/contacts/${contact.id}/classification`, { intents: ['annual_fee'] });
    // The promise was recorded on this contact: "follow-up promised" may close it.
    await call(env, 'agent', 'POST', `/api/contacts/${contact.id}/close`, {
      outcome: 'follow_up_promised',
      skipConfirmationReason: '客户需等待核实结果',
    });
  });

  it('reminds the owner before the deadline', async () => {
    env.clock.advance(22.5 * 3_600_000);
    await env.runtime.worker.runDue();
    const row = await env.runtime.deps.db
      .selectFrom('promises')
      .select(['reminded_at', 'escalated_at'])
      .where('id', '=', promiseId)
      .executeTakeFirstOrThrow();
    assert.ok(row.reminded_at);
    assert.equal(row.escalated_at, null);
    assert.ok(events.some((e) => e.type === 'promise.due_soon'));
  });

  it('escalates to the supervisor when the deadline passes with the promise still open', async () => {
    env.clock.advance(2 * 3_600_000);
    await env.runtime.worker.runDue();
    // A day has passed: staff sign in again (sessions last 12 hours).
    await env.login('agent');
    await env.login('supervisor');
    const alerts = await call<Array<{ kind: string; subjectId: string }>>(
      env,
      'supervisor',
      'GET',
      '/api/supervisor/alerts',
    );
    assert.ok(alerts.some((a) => a.kind === 'promise_missed' && a.subjectId === promiseId));
    assert.ok(events.some((e) => e.topic === 'supervisor' && e.type === 'alert.promise_missed'));
    const overdue = await call<Array<{ id: string; overdue: boolean; escalatedAt: string | null }>>(
      env,
      'supervisor',
      'GET',
      '/api/promises?scope=all&overdue=1',
    );
    const mine = overdue.find((p) => p.id === promiseId);
    assert.equal(mine?.overdue, true);
    assert.ok(mine?.escalatedAt);
    const agentView = await env.request({ method: 'GET', url: '/api/promises?scope=all', as: 'agent' });
    assert.equal(agentView.statusCode, 403, 'only supervisors list everyone’s promises');
  });

  it('stops escalating once kept, and a kept promise leaves the 360 view', async () => {
    const kept = await call<{ status: string }>(env, 'agent', 'POST', `/api/promises/${promiseId}/fulfil`, {
      note: '已回电告知客户年费已减免',
    });
    assert.equal(kept.status, 'fulfilled');
    const again = await env.request({
      method: 'POST',
      url: `/api/promises/${promiseId}/fulfil`,
      as: 'agent',
      payload: { note: '再次办结' },
    });
    assert.equal(again.json().error.code, 'PROMISE_NOT_OPEN');
    const section = env.runtime.deps.customerViews.find((v) => v.section === 'promises');
    assert.deepEqual(await section?.load(env.system, customer.id), []);
  });
});
