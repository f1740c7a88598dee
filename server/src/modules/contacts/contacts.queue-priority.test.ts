import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import type { LiveEvent } from '../../platform/events/bus.ts';
import { setCustomerFlags } from '../cards/index.ts';
import { call, contactsTestEnv, createCustomer } from './contacts.fixtures.ts';
import { addCustomerTurn, markEmergency, startChatContact } from './index.ts';

interface Waiting {
  contactId: string;
  type: string | null;
  priority: string;
  firstMessage: string | null;
  flags: string[];
}

/**
 * Emergencies jump the queue (guide §3.3; issue 5 "jumps the queue"): once the emergency lane marks a
 * contact, every queue view lists it first, agents take it first, and reclassifying cannot lower it.
 */
describe('emergency contacts go first in every queue', () => {
  let env: TestEnv;
  let older: string;
  let urgent: string;
  const events: LiveEvent[] = [];
  before(async () => {
    env = await contactsTestEnv();
    env.runtime.deps.events.subscribe((e) => events.push(e));
    const a = await createCustomer(env.system, { name: '周敏' });
    await setCustomerFlags(env.system, a.id, { vip: true, vulnerable: true, note: '高龄客户,请放慢语速' });
    const b = await createCustomer(env.system, { name: '吴刚' });
    older = (await startChatContact(env.system, { customerId: a.id, level: 'basic', firstMessage: '问下年费' })).id;
    env.clock.advance(60_000);
    urgent = (await startChatContact(env.system, { customerId: b.id, level: 'basic', firstMessage: '在吗?' })).id;
    // What the emergency lane does when it blocks the card (here before anyone took the chat).
    await inTransaction(env.system, (tctx) =>
      markEmergency(tctx, urgent, {
        customerId: b.id,
        intents: ['card_loss_report'],
        reportId: 'REPORT-1',
        details: { kind: 'stolen', action: 'reported_lost', cardLast4: '4321' },
      }),
    );
    env.clock.advance(60_000);
  });
  after(() => env.close());

  it('shows each waiting contact’s first message and its VIP / care / risk flags', async () => {
    const waiting = await call<Waiting[]>(env, 'agent', 'GET', '/api/queues/general/contacts');
    const a = waiting.find((w) => w.contactId === older);
    const b = waiting.find((w) => w.contactId === urgent);
    assert.equal(a?.firstMessage, '问下年费');
    assert.deepEqual(a?.flags, ['vip', 'care']);
    assert.equal(b?.firstMessage, '在吗?');
    assert.deepEqual(b?.flags, ['fraud']);
    // The care note itself is personal: it is not in the queue.
    assert.ok(!JSON.stringify(waiting).includes('放慢语速'));
  });

  it('lists the emergency first in the queue, the live view and the queue counts', async () => {
    const waiting = await call<Waiting[]>(env, 'agent', 'GET', '/api/queues/general/contacts');
    assert.equal(waiting[0]?.contactId, urgent, 'the newer emergency is ahead of every older contact');
    assert.equal(waiting[0]?.priority, 'emergency');
    assert.ok(waiting.findIndex((w) => w.contactId === older) > 0);
    assert.ok(waiting.slice(1).every((w) => w.type !== 'emergency'));

    const queues = await call<Array<{ code: string; waiting: number; emergencyWaiting: number }>>(
      env,
      'agent',
      'GET',
      '/api/queues',
    );
    const general = queues.find((q) => q.code === 'general');
    assert.equal(general?.emergencyWaiting, 1);
    assert.equal(general?.waiting, waiting.length);

    const live = await call<{ waiting: Waiting[] }>(env, 'supervisor', 'GET', '/api/supervisor/live');
    assert.equal(live.waiting[0]?.contactId, urgent);
    assert.equal(live.waiting.length, waiting.length);
  });

  it('told the queue’s listeners after the commit, once', async () => {
    const priority = events.filter((e) => e.type === 'queue.priority');
    assert.deepEqual(
      priority.map((e) => [e.topic, (e.data as { contactId: string }).contactId]),
      [['queue:general', urgent]],
    );
  });

  it('records the mark once: a retry of the same report changes nothing', async () => {
    const customerId = (
      await env.system.db
        .selectFrom('contacts')
        .select('customer_id')
        .where('id', '=', urgent)
        .executeTakeFirstOrThrow()
    ).customer_id as string;
    await inTransaction(env.system, (tctx) =>
      markEmergency(tctx, urgent, {
        customerId,
        intents: ['card_loss_report'],
        reportId: 'REPORT-1',
        details: { kind: 'stolen', action: 'reported_lost', cardLast4: '4321' },
      }),
    );
    const links = await env.system.db
      .selectFrom('contact_links')
      .select('id')
      .where('contact_id', '=', urgent)
      .execute();
    assert.equal(links.length, 1);
  });

  it('refuses an agent picking another contact while the emergency waits, changing nothing', async () => {
    const res = await env.request({ method: 'POST', url: `/api/contacts/${older}/accept`, as: 'agent' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'EMERGENCY_WAITING');
    assert.equal(res.json().error.details.contactId, urgent);
    const row = await env.system.db
      .selectFrom('contacts')
      .select(['status', 'agent_id'])
      .where('id', '=', older)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'waiting', agent_id: null });
  });

  it('gives “next customer” the emergency, then the longest waiting', async () => {
    const first = await call<{ id: string; type: string }>(env, 'agent', 'POST', '/api/queues/general/take');
    assert.deepEqual([first.id, first.type], [urgent, 'emergency']);
    const oldest = await env.system.db
      .selectFrom('contacts')
      .select('id')
      .where('status', '=', 'waiting')
      .where('queue_code', '=', 'general')
      .orderBy('queued_at')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const second = await call<{ id: string }>(env, 'senior_agent', 'POST', '/api/queues/general/take');
    assert.equal(second.id, oldest.id);
  });

  it('keeps the emergency type when the agent reclassifies the contact with a milder intent', async () => {
    const view = await call<{ type: string; intents: string[] }>(
      env,
      'agent',
      'PUT',
      `/api/contacts/${urgent}/classification`,
      { intents: ['annual_fee'] },
    );
    assert.deepEqual([view.type, view.intents], ['emergency', ['annual_fee']]);
  });

  it('serves a department queue the same way: its emergency hand-over is acknowledged first', async () => {
    const c = await createCustomer(env.system, { name: '郑洁' });
    const normal = (await startChatContact(env.system, { customerId: c.id, level: 'basic' })).id;
    await call(env, 'supervisor', 'POST', `/api/contacts/${normal}/accept`);
    await call(env, 'supervisor', 'PUT', `/api/contacts/${normal}/classification`, {
      intents: ['transaction_dispute'],
    });
    await call(env, 'supervisor', 'POST', `/api/contacts/${normal}/transfer`, {
      target: { kind: 'department', code: 'disputes' },
    });
    env.clock.advance(30_000);
    await call(env, 'agent', 'POST', `/api/contacts/${urgent}/transfer`, {
      target: { kind: 'department', code: 'disputes' },
    });
    const waiting = await call<Waiting[]>(env, 'dept_handler', 'GET', '/api/queues/disputes/contacts');
    assert.deepEqual(
      waiting.map((w) => w.contactId),
      [urgent, normal],
    );
    const skip = await env.request({
      method: 'POST',
      url: `/api/contacts/${normal}/handover/acknowledge`,
      as: 'dept_handler',
    });
    assert.equal(skip.json().error.code, 'EMERGENCY_WAITING');
    const taken = await call<{ id: string; status: string }>(env, 'dept_handler', 'POST', '/api/queues/disputes/take');
    assert.deepEqual([taken.id, taken.status], [urgent, 'active']);
    const next = await call<{ id: string }>(env, 'dept_handler', 'POST', '/api/queues/disputes/take');
    assert.equal(next.id, normal);
    const empty = await env.request({ method: 'POST', url: '/api/queues/disputes/take', as: 'dept_handler' });
    assert.equal(empty.json().error.code, 'QUEUE_EMPTY');
  });

  it('refuses “next customer” from a queue the actor does not work, or one that does not exist', async () => {
    const foreign = await env.request({ method: 'POST', url: '/api/queues/fraud_risk/take', as: 'dept_handler' });
    assert.equal(foreign.statusCode, 403);
    const missing = await env.request({ method: 'POST', url: '/api/queues/no_such_queue/take', as: 'agent' });
    assert.equal(missing.json().error.code, 'QUEUE_NOT_FOUND');
  });

  it('triages a waiting chat: a customer writing of a lost card goes ahead as the NLU read it', async () => {
    const c = await createCustomer(env.system, { name: '孙丽' });
    const question = await startChatContact(env.system, {
      customerId: c.id,
      level: 'basic',
      firstMessage: '我想查一下这个月的账单金额',
    });
    assert.equal(question.type, null, 'a statement question waits in its turn');
    const lost = await startChatContact(env.system, { customerId: c.id, level: 'basic', firstMessage: '你好' });
    assert.equal(lost.type, null);
    await addCustomerTurn(env.system, lost.id, '我的信用卡丢了,钱包被偷了,怎么办');
    const row = await env.system.db
      .selectFrom('contacts')
      .select(['type', 'intents', 'intents_source', 'raised_type'])
      .where('id', '=', lost.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      type: 'emergency',
      intents: '["card_loss_report"]',
      intents_source: 'nlu',
      raised_type: null,
    });
    const waiting = await call<Waiting[]>(env, 'agent', 'GET', '/api/queues/general/contacts');
    const at = (id: string) => waiting.findIndex((w) => w.contactId === id);
    assert.ok(at(lost.id) >= 0 && at(lost.id) < at(question.id), 'ahead of the earlier question');
    assert.ok(waiting.slice(0, at(lost.id)).every((w) => w.type === 'emergency'));
    const audited = await env.system.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'contact.triage')
      .where('entity_id', '=', lost.id)
      .execute();
    assert.equal(audited.length, 1);
  });
});
