import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import { call, contactsTestEnv, createCustomer } from './contacts.fixtures.ts';
import { customerEndsChat, startChatContact } from './index.ts';

interface Live {
  serviceLevel: number | null;
  answerRate: number | null;
  abandonRate: number | null;
  longestWaitSeconds: number;
  today: { offered: number; answered: number; answeredInTime: number; abandoned: number };
  thresholds: { serviceLevelSeconds: number };
}

/**
 * The wallboard's figures (issue 21 §4), from today's queued contacts by the injected clock: one chat
 * answered within 20 s, one after 40 s, one abandoned in the queue, one still waiting.
 */
interface Page {
  items: Array<{
    id: string;
    status: string;
    waitSeconds: number | null;
    callerNumberMasked: string | null;
    agent: { displayName: string } | null;
  }>;
  total: number;
}

describe('wallboard: service level, answer and abandon rates, longest wait', () => {
  let env: TestEnv;
  const ids: string[] = [];
  before(async () => {
    env = await contactsTestEnv();
    // A new bank day: the demo's waiting chats belong to yesterday.
    env.clock.advance(24 * 3600_000);
  });
  after(() => env.close());

  it('counts today’s contacts against the 20-second threshold (a setting)', async () => {
    for (const name of ['周敏', '吴刚', '郑爽', '王芳']) {
      const c = await createCustomer(env.system, { name });
      ids.push((await startChatContact(env.system, { customerId: c.id, level: 'basic', firstMessage: '在吗' })).id);
    }
    env.clock.advance(10_000);
    await call(env, 'agent', 'POST', `/api/contacts/${ids[0]}/accept`);
    env.clock.advance(30_000);
    await call(env, 'senior_agent', 'POST', `/api/contacts/${ids[1]}/accept`);
    await customerEndsChat(env.system, ids[2] ?? '', {});
    env.clock.advance(5_000);

    const live = await call<Live>(env, 'supervisor', 'GET', '/api/supervisor/live');
    assert.equal(live.thresholds.serviceLevelSeconds, 20);
    assert.deepEqual(live.today, { offered: 4, answered: 2, answeredInTime: 1, abandoned: 1 });
    // 1 in time ÷ (2 answered + 1 abandoned + 1 waiting beyond 20 s).
    assert.equal(live.serviceLevel, 0.25);
    assert.equal(live.answerRate, 0.6667);
    assert.equal(live.abandonRate, 0.3333);
    // The oldest waiting contact is the demo's chat from yesterday.
    assert.ok(live.longestWaitSeconds >= 24 * 3600);
  });

  it('drills each figure down to the contacts behind it (GET /api/supervisor/contacts)', async () => {
    const list = async (query: string, as = 'supervisor') =>
      call<Page>(env, as, 'GET', `/api/supervisor/contacts?basis=queued&${query}`);
    const idsOf = (p: Page) => p.items.map((c) => c.id).sort();
    // The service level's numerator: answered within the threshold; what it lacks: late, abandoned, still waiting.
    assert.deepEqual(idsOf(await list('answeredWithin=20')), [ids[0]]);
    const missed = await list('missedWithin=20');
    assert.deepEqual(idsOf(missed), [ids[1], ids[2], ids[3]].sort());
    assert.equal(missed.total, 3);
    assert.deepEqual(idsOf(await list('answered=true')), [ids[0], ids[1]].sort());
    const abandoned = await list('abandoned=true');
    assert.deepEqual(idsOf(abandoned), [ids[2]]);
    assert.equal(abandoned.items[0]?.status, 'closed');
    // Waiting now, with the seconds waited so far; the answered ones name their agent.
    const waiting = await list('status=waiting');
    assert.deepEqual(idsOf(waiting), [ids[3]]);
    assert.equal(waiting.items[0]?.waitSeconds, 45);
    const answered = await list('answered=true');
    assert.ok(answered.items.every((c) => c.agent !== null));
    // Pages: the total counts every match, the page holds `limit` of them, newest first.
    const first = await list('missedWithin=20&limit=2');
    const second = await list('missedWithin=20&limit=2&offset=2');
    assert.equal(first.total, 3);
    assert.equal(first.items.length, 2);
    assert.deepEqual([...idsOf(first), ...idsOf(second)].sort(), idsOf(missed));
    // Yesterday's waiting chat joined its queue before today: outside today's figures.
    const yesterday = await list('status=waiting&from=2000-01-01');
    assert.ok(yesterday.total > 1);
    // Only who sees the live floor may read the list; it is recorded.
    await call(env, 'agent', 'GET', '/api/supervisor/contacts', undefined, 403);
    await call(env, 'supervisor', 'GET', '/api/supervisor/contacts?from=2026-01-02&to=2025-01-01', undefined, 400);
    const records = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'contact.list')
      .execute();
    assert.ok(records.length >= 8);
  });

  it('a phone contact shows its caller number only masked', async () => {
    const c = await createCustomer(env.system, { name: '孙丽' });
    await call(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: c.phone },
      201,
    );
    const res = await env.request({ method: 'GET', url: '/api/supervisor/contacts?channel=phone', as: 'supervisor' });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(!res.body.includes(c.phone), 'no caller number in the clear');
    const page = res.json() as Page;
    assert.equal(page.items[0]?.callerNumberMasked, `${c.phone.slice(0, 3)}****${c.phone.slice(-4)}`);
  });
});
