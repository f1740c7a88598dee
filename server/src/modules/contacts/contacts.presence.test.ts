import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import { call, contactsTestEnv, createCustomer } from './contacts.fixtures.ts';
import { startChatContact } from './index.ts';

interface State {
  state: string;
  reason: string | null;
  since: string | null;
  until: string | null;
}
interface LiveAgentView {
  userId: string;
  displayName: string;
  presence: string;
  presenceSince: string | null;
}

/**
 * Agent states (issue 21 §3): only a ready agent is offered the next contact; closing a contact puts the
 * agent in wrap-up for the set time (by the injected clock); the live view shows each agent's state and
 * since when; one agent handles at most the set number of chats at once.
 */
describe('agent states gate "next customer"', () => {
  let env: TestEnv;
  before(async () => {
    env = await contactsTestEnv();
    for (const name of ['周敏', '吴刚', '郑爽']) {
      const c = await createCustomer(env.system, { name });
      await startChatContact(env.system, { customerId: c.id, level: 'basic', firstMessage: '在吗' });
      env.clock.advance(1000);
    }
  });
  after(() => env.close());
  const waitingIds = async () =>
    (await call<Array<{ contactId: string }>>(env, 'agent', 'GET', '/api/queues/general/contacts')).map(
      (w) => w.contactId,
    );

  it('an agent starts ready; a not-ready agent is refused the next contact (AGENT_NOT_READY)', async () => {
    assert.equal((await call<State>(env, 'agent', 'GET', '/api/me/state')).state, 'ready');
    const set = await call<State>(env, 'agent', 'PUT', '/api/me/state', { state: 'not_ready', reason: 'meeting' });
    assert.equal(set.state, 'not_ready');
    assert.equal(set.reason, 'meeting');
    const before = await waitingIds();
    const res = await env.request({ method: 'POST', url: '/api/queues/general/take', as: 'agent' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'AGENT_NOT_READY');
    assert.deepEqual(await waitingIds(), before, 'a refused take changes nothing');
  });

  it('the live view carries each agent’s presence and since when', async () => {
    const live = await call<{ agents: LiveAgentView[] }>(env, 'supervisor', 'GET', '/api/supervisor/live');
    const agent = live.agents.find((a) => a.presence === 'not_ready');
    assert.ok(agent, 'the not-ready agent is shown as such');
    assert.equal(agent.presenceSince, env.clock.now().toISOString());
    assert.ok(live.agents.filter((a) => a !== agent).every((a) => a.presence === 'ready'));
  });

  it('a ready agent takes the next contact; closing it starts wrap-up, which ends after the set time', async () => {
    await call(env, 'agent', 'PUT', '/api/me/state', { state: 'ready' });
    const head = (await waitingIds())[0];
    const taken = await call<{ id: string }>(env, 'agent', 'POST', '/api/queues/general/take');
    assert.equal(taken.id, head);
    await call(env, 'agent', 'PUT', `/api/contacts/${taken.id}/classification`, { intents: ['annual_fee'] });
    await call(env, 'agent', 'POST', `/api/contacts/${taken.id}/close`, {
      outcome: 'resolved_first_contact',
      skipConfirmationReason: '客户已离开',
    });
    const wrap = await call<State>(env, 'agent', 'GET', '/api/me/state');
    assert.equal(wrap.state, 'wrap_up');
    assert.equal(wrap.until, new Date(env.clock.now().getTime() + 30_000).toISOString());
    const refused = await env.request({ method: 'POST', url: '/api/queues/general/take', as: 'agent' });
    assert.equal(refused.json().error.code, 'AGENT_NOT_READY');
    env.clock.advance(30_000);
    assert.equal((await call<State>(env, 'agent', 'GET', '/api/me/state')).state, 'ready');
    const next = (await waitingIds())[0];
    assert.equal((await call<{ id: string }>(env, 'agent', 'POST', '/api/queues/general/take')).id, next);
  });

  it('refuses a chat beyond the per-agent limit of concurrent chats (a setting)', async () => {
    const settings = await call<{ desk: Record<string, number> }>(env, 'admin', 'GET', '/api/contacts/settings');
    await call(env, 'admin', 'PUT', '/api/contacts/settings', { desk: { ...settings.desk, maxConcurrentChats: 1 } });
    const res = await env.request({
      method: 'POST',
      url: `/api/contacts/${(await waitingIds())[0]}/accept`,
      as: 'agent',
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'CHAT_LIMIT_REACHED');
  });

  it('holds the limit when two chats are taken at the same moment', async () => {
    // The agent handles one chat now; with a limit of two, two accepts at once leave room for one of them.
    for (const name of ['冯雪', '陈默']) {
      const c = await createCustomer(env.system, { name });
      await startChatContact(env.system, { customerId: c.id, level: 'basic', firstMessage: '在吗' });
      env.clock.advance(1000);
    }
    const settings = await call<{ desk: Record<string, number> }>(env, 'admin', 'GET', '/api/contacts/settings');
    await call(env, 'admin', 'PUT', '/api/contacts/settings', { desk: { ...settings.desk, maxConcurrentChats: 2 } });
    const [a, b] = (await waitingIds()).slice(-2);
    const answers = await Promise.all(
      [a, b].map((id) => env.request({ method: 'POST', url: `/api/contacts/${id}/accept`, as: 'agent' })),
    );
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 409]);
    assert.equal(answers.find((r) => r.statusCode === 409)?.json().error.code, 'CHAT_LIMIT_REACHED');
  });

  it('holds the limit when a chat comes by a hand-over, to the queue or to the agent by name', async () => {
    // The agent is at the limit of two (the test above); a chat another agent hands over is refused too.
    const settings = await call<{ desk: Record<string, number> }>(env, 'admin', 'GET', '/api/contacts/settings');
    await call(env, 'admin', 'PUT', '/api/contacts/settings', { desk: { ...settings.desk, maxConcurrentChats: 2 } });
    const me = await call<{ id: string }>(env, 'agent', 'GET', '/api/auth/me');
    for (const target of [
      { kind: 'queue', code: 'general' },
      { kind: 'user', userId: me.id },
    ]) {
      const c = await createCustomer(env.system, { name: '何平' });
      await startChatContact(env.system, { customerId: c.id, level: 'basic', firstMessage: '在吗' });
      env.clock.advance(1000);
      const id = (await waitingIds()).at(-1) ?? '';
      await call(env, 'senior_agent', 'POST', `/api/contacts/${id}/accept`);
      await call(env, 'senior_agent', 'POST', `/api/contacts/${id}/transfer`, { target, note: '请接手' });
      const res = await env.request({ method: 'POST', url: `/api/contacts/${id}/handover/acknowledge`, as: 'agent' });
      assert.equal(res.statusCode, 409, `${target.kind}: ${res.body}`);
      assert.equal(res.json().error.code, 'CHAT_LIMIT_REACHED');
    }
  });

  it('refuses a state outside the four', async () => {
    const res = await env.request({ method: 'PUT', url: '/api/me/state', as: 'agent', payload: { state: 'away' } });
    assert.equal(res.statusCode, 400);
  });
});
