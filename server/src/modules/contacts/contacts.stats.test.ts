import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import { bankDate } from '../../platform/clock.ts';
import type { LiveEvent } from '../../platform/events/bus.ts';
import { call, contactsTestEnv, createCustomer } from './contacts.fixtures.ts';
import { seedContactsDemo } from './seed.ts';

interface Stats {
  total: number;
  byDay: Array<{ date: string; total: number; byType: Record<string, number> }>;
  intentTotals: Array<{ intent: string; count: number }>;
  closed: number;
  firstContactResolutionRate: number | null;
  averageSatisfaction: number | null;
  averageHandlingSeconds: number | null;
}

describe('dashboard figures, live view and demo history', () => {
  let env: TestEnv;
  const events: LiveEvent[] = [];
  before(async () => {
    env = await contactsTestEnv();
    // The demo history needs customers. When the card engine seeded some, the environment already seeded
    // contacts and this second run is a no-op; otherwise it seeds them now, as the first start would.
    for (let i = 0; i < 6; i++) await createCustomer(env.system, { name: `客户${i}` });
    await seedContactsDemo(env.system, { customers: 30, months: 2, seed: 11 });
    await seedContactsDemo(env.system, { customers: 30, months: 2, seed: 11 });
    env.runtime.deps.events.subscribe((e) => events.push(e));
  });
  after(() => env.close());

  it('derives volumes, first-contact resolution, satisfaction and handling time from the rows', async () => {
    const to = bankDate(env.clock.now());
    const from = bankDate(new Date(env.clock.now().getTime() - 30 * 86_400_000));
    const stats = await call<Stats>(env, 'supervisor', 'GET', `/api/contacts/stats?from=${from}&to=${to}`);
    const rows = await env.runtime.deps.db
      .selectFrom('contacts')
      .selectAll()
      .where('started_at', '>=', new Date(`${from}T00:00:00+08:00`).toISOString())
      .execute();
    assert.ok(rows.length > 10, 'the demo history is there');
    assert.equal(stats.total, rows.length);
    assert.equal(
      stats.byDay.reduce((s, d) => s + d.total, 0),
      rows.length,
    );
    const complaints = rows.filter((r) => r.type === 'complaint').length;
    assert.equal(
      stats.byDay.reduce((s, d) => s + (d.byType.complaint ?? 0), 0),
      complaints,
    );
    const statementQueries = rows.filter((r) => (JSON.parse(r.intents) as string[]).includes('statement_query')).length;
    assert.equal(stats.intentTotals.find((i) => i.intent === 'statement_query')?.count ?? 0, statementQueries);
    const closed = rows.filter((r) => r.status === 'closed');
    const judged = closed.filter((r) => r.outcome && r.outcome !== 'abandoned');
    const fcr = judged.filter((r) => r.outcome === 'resolved_first_contact').length / judged.length;
    assert.equal(stats.closed, closed.length);
    assert.equal(stats.firstContactResolutionRate, Math.round(fcr * 10_000) / 10_000);
    const rated = rows.filter((r) => r.satisfaction !== null);
    const avg = rated.reduce((s, r) => s + (r.satisfaction ?? 0), 0) / rated.length;
    assert.equal(stats.averageSatisfaction, Math.round(avg * 100) / 100);
    const handled = closed.filter((r) => r.accepted_at && r.closed_at);
    const aht = handled.reduce(
      (s, r) => s + (Date.parse(r.closed_at ?? '') - Date.parse(r.accepted_at ?? '')) / 1000,
      0,
    );
    assert.equal(stats.averageHandlingSeconds, Math.round(aht / handled.length));
  });

  it('refuses a reversed or over-long range, and agents may not read the dashboard', async () => {
    const reversed = await env.request({
      method: 'GET',
      url: '/api/contacts/stats?from=2026-11-02&to=2026-11-01',
      as: 'supervisor',
    });
    assert.equal(reversed.json().error.code, 'STATS_RANGE_INVALID');
    const long = await env.request({
      method: 'GET',
      url: '/api/contacts/stats?from=2024-01-01&to=2026-11-01',
      as: 'supervisor',
    });
    assert.equal(long.json().error.code, 'STATS_RANGE_INVALID');
    const agent = await env.request({
      method: 'GET',
      url: '/api/contacts/stats?from=2026-11-01&to=2026-11-02',
      as: 'agent',
    });
    assert.equal(agent.statusCode, 403);
  });

  it('seeds two waiting chats and open promises, one of them overdue', async () => {
    const queues = await call<Array<{ code: string; waiting: number; longestWaitSeconds: number }>>(
      env,
      'agent',
      'GET',
      '/api/queues',
    );
    const general = queues.find((q) => q.code === 'general');
    assert.equal(general?.waiting, 2);
    assert.equal(general?.longestWaitSeconds, 240);
    assert.ok(
      queues.some((q) => q.code === 'disputes'),
      'every department is a queue',
    );
    const promises = await call<Array<{ overdue: boolean }>>(env, 'supervisor', 'GET', '/api/promises?scope=all');
    assert.equal(promises.length, 3);
    assert.equal(promises.filter((p) => p.overdue).length, 1);
  });

  it('shows queues and agents live: who is busy with what', async () => {
    const customer = await createCustomer(env.system, { name: '周强' });
    const { contact } = await call<{ contact: { id: string } }>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
      201,
    );
    const live = await call<{
      queues: Array<{ code: string; waiting: number }>;
      agents: Array<{
        agentNo: string | null;
        state: string;
        floorStaff: boolean;
        contacts: Array<{ contactId: string }>;
      }>;
    }>(env, 'supervisor', 'GET', '/api/supervisor/live');
    const agent = live.agents.find((a) => a.agentNo === '8001');
    assert.equal(agent?.state, 'busy');
    assert.deepEqual(
      agent?.contacts.map((c) => c.contactId),
      [contact.id],
    );
    assert.equal(live.agents.find((a) => a.agentNo === '8201')?.state, 'idle', 'the supervisor is signed in');
    // The floor table lists who serves the queues: the agent is floor staff, the supervisor watches it.
    assert.equal(live.agents.find((a) => a.agentNo === '8001')?.floorStaff, true);
    assert.equal(live.agents.find((a) => a.agentNo === '8201')?.floorStaff, false);
    const denied = await env.request({ method: 'GET', url: '/api/supervisor/live', as: 'agent' });
    assert.equal(denied.statusCode, 403);
    await call(env, 'agent', 'PUT', `/api/contacts/${contact.id}/classification`, { intents: ['annual_fee'] });
    await call(env, 'agent', 'POST', `/api/contacts/${contact.id}/close`, {
      outcome: 'abandoned',
      skipConfirmationReason: '测试结束',
    });
  });

  it('tells the supervisor once when an agent handles a run of hostile or complaint contacts', async () => {
    const close = async (intents: string[], hostile = false) => {
      const customer = await createCustomer(env.system, { name: '投诉客户' });
      const { contact } = await call<{ contact: { id: string } }>(
        env,
        'senior_agent',
        'POST',
        '/api/contacts',
        { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
        201,
      );
      await call(env, 'senior_agent', 'PUT', `/api/contacts/${contact.id}/classification`, { intents, hostile });
      env.clock.advance(5 * 60_000);
      await call(env, 'senior_agent', 'POST', `/api/contacts/${contact.id}/close`, {
        outcome: 'case_opened',
        skipConfirmationReason: '客户情绪激动,已转投诉',
      });
    };
    const wellbeing = async () =>
      (
        await call<Array<{ kind: string; details: { agentNo: string } }>>(
          env,
          'supervisor',
          'GET',
          '/api/supervisor/alerts',
        )
      ).filter((a) => a.kind === 'wellbeing' && a.details.agentNo === '8101');
    await close(['complaint_service']);
    await close(['statement_query'], true);
    assert.equal((await wellbeing()).length, 0, 'two are not a run');
    await close(['complaint_fee']);
    assert.equal((await wellbeing()).length, 1);
    assert.ok(events.some((e) => e.topic === 'supervisor' && e.type === 'alert.wellbeing'));
    await close(['complaint_marketing']);
    assert.equal((await wellbeing()).length, 1, 'the same run is reported once');
    await close(['statement_query']);
    await close(['complaint_service']);
    await close(['complaint_service']);
    assert.equal((await wellbeing()).length, 1, 'a calm contact breaks the run; a new run needs three again');
    await close(['complaint_fee']);
    assert.equal((await wellbeing()).length, 2);
  });

  it('adds recent contacts to the customer 360 view', async () => {
    const customerId = (
      await env.runtime.deps.db
        .selectFrom('contacts')
        .select('customer_id')
        .where('customer_id', 'is not', null)
        .executeTakeFirstOrThrow()
    ).customer_id as string;
    const section = env.runtime.deps.customerViews.find((v) => v.section === 'contacts');
    const recent = (await section?.load(env.system, customerId)) as Array<{ startedAt: string; channel: string }>;
    const count = await env.runtime.deps.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    assert.equal(recent.length, Math.min(20, Number(count.n)));
    const times = recent.map((r) => r.startedAt);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
  });
});
