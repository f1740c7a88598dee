import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../../test/context.ts';
import { customerEndsChat, startChatContact } from '../index.ts';
import { call, contactsTestEnv, createCustomer } from './fixtures.ts';

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
describe('wallboard: service level, answer and abandon rates, longest wait', () => {
  let env: TestEnv;
  before(async () => {
    env = await contactsTestEnv();
    // A new bank day: the demo's waiting chats belong to yesterday.
    env.clock.advance(24 * 3600_000);
  });
  after(() => env.close());

  it('counts today’s contacts against the 20-second threshold (a setting)', async () => {
    const ids: string[] = [];
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
});
