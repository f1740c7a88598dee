import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BotMetrics, ChatState, TurnAssist } from '@carddesk/contracts';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { call, lastLoggedOtp } from '../../../test/fixtures.ts';
import { bankDate } from '../../platform/clock.ts';
import { fixedCustomer } from '../cards/index.ts';
import { getArticle } from '../knowledge/index.ts';

/**
 * The assistant seen from the desk: agent assist on each customer message of a chat a person handles, the
 * customers' wrong-answer reports and the supervisor's figures computed from stored chats, and the admin's
 * routing setting.
 */
const phoneOf = (key: string) => fixedCustomer(key).phone;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function startChat(env: TestEnv, phone: string, message?: string) {
  await call(env, undefined, 'POST', '/api/chat/otp', { phone });
  const code = lastLoggedOtp(env);
  return call<{ token: string; contactId: string }>(
    env,
    undefined,
    'POST',
    '/api/chat/sessions',
    { phone, code, ...(message ? { message } : {}) },
    201,
  );
}
async function say(env: TestEnv, token: string, text: string): Promise<ChatState> {
  await call(env, undefined, 'POST', '/api/chat/messages', { text }, 201, auth(token));
  return call<ChatState>(env, undefined, 'GET', '/api/chat/messages', undefined, 200, auth(token));
}
const end = (env: TestEnv, token: string, body: Record<string, unknown> = {}) =>
  call(env, undefined, 'POST', '/api/chat/end', body, 200, auth(token));
const lastTurn = (s: ChatState) => s.turns[s.turns.length - 1];

async function accept(env: TestEnv, contactId: string): Promise<void> {
  await env.login('agent');
  await call(env, 'agent', 'PUT', '/api/me/state', { state: 'ready' });
  await call(env, 'agent', 'POST', `/api/contacts/${contactId}/accept`);
}

describe('chat assistant at the desk', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
    await env.login('agent');
    // Away from the demo's own contacts: the figures below count only this file's chats.
    env.clock.advance(90 * 86_400_000);
  });
  after(() => env.close());

  const day0 = () => bankDate(env.clock.now());
  let from = '';
  const hour = 3_600_000;

  it('measures containment, hand-over reasons, wrong-answer reports and satisfaction from the stored chats', async () => {
    from = day0();
    // A: answered by the assistant, the answer reported wrong, ended and rated 4: closed by the bot, contained.
    const a = await startChat(env, phoneOf('zhang_wei'));
    const answered = await say(env, a.token, '信用卡的年费是怎么收的?');
    const answer = lastTurn(answered);
    assert.equal(answer?.source?.kind, 'faq', answer?.text);
    const report = await call<{ seq: number; reported: boolean }>(
      env,
      undefined,
      'POST',
      `/api/chat/messages/${answer?.seq}/report`,
      undefined,
      200,
      auth(a.token),
    );
    assert.deepEqual(report, { seq: answer?.seq, reported: true });
    // A second tap counts once; the greeting (no source) and a customer turn cannot be reported.
    await call(env, undefined, 'POST', `/api/chat/messages/${answer?.seq}/report`, undefined, 200, auth(a.token));
    const state = await call<ChatState>(env, undefined, 'GET', '/api/chat/messages', undefined, 200, auth(a.token));
    assert.deepEqual(state.reported, [answer?.seq], 'the customer’s page shows it reported after a reload');
    const greeting = answered.turns.find((t) => t.speaker === 'bot' && !t.source);
    const refused = await env.request({
      method: 'POST',
      url: `/api/chat/messages/${greeting?.seq}/report`,
      headers: auth(a.token),
    });
    assert.equal(refused.statusCode, 404);
    assert.equal(refused.json().error.code, 'BOT_ANSWER_NOT_FOUND');
    const audited = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select(['actor_role'])
      .where('action', '=', 'bot.answer_reported')
      .where('contact_id', '=', a.contactId)
      .execute();
    assert.deepEqual(
      audited.map((r) => r.actor_role),
      ['customer'],
      'one report, by the customer',
    );
    await end(env, a.token, { rating: 4, resolved: true });

    // B: answered, ended, rated 2 — but the same customer is back two days later (C): not contained.
    env.clock.advance(hour);
    const b = await startChat(env, phoneOf('liu_yang'), '信用卡的年费是怎么收的?');
    await end(env, b.token, { rating: 2 });

    // D: nothing the assistant can answer; the customer takes the offered person: handed over, unanswered.
    env.clock.advance(hour);
    const d = await startChat(env, phoneOf('li_na'), '今天北京天气怎么样,适合去爬山吗');
    await say(env, d.token, '是');

    // C: two days after B the same customer asks for a person; a person handles it and the customer rates 5.
    env.clock.advance(48 * hour);
    const c = await startChat(env, phoneOf('liu_yang'), '帮我找个人工');
    await accept(env, c.contactId);
    await end(env, c.token, { rating: 5 });

    const to = day0();
    await env.login('supervisor');
    const m = await call<BotMetrics>(env, 'supervisor', 'GET', `/api/bot/metrics?from=${from}&to=${to}`);
    assert.equal(m.chats, 4);
    assert.equal(m.closedByBot, 2, 'A and B, ended while the assistant served them');
    assert.equal(m.contained, 1, 'B is followed by C within 7 days');
    assert.equal(m.containmentRate, 0.25);
    assert.equal(m.handedOver, 2);
    assert.deepEqual(m.handoverReasons, [
      { reason: 'customer_request', count: 1 },
      { reason: 'unanswered', count: 1 },
    ]);
    assert.equal(m.answers, 2, 'the FAQ answers of A and B');
    assert.equal(m.wrongReports, 1);
    assert.equal(m.wrongReportRate, 0.5);
    assert.deepEqual(m.satisfaction.bot, { rated: 2, average: 3 });
    assert.deepEqual(m.satisfaction.person, { rated: 1, average: 5 });
    // A period before these chats counts none of them; an agent may not read the figures.
    const earlier = await call<BotMetrics>(env, 'supervisor', 'GET', `/api/bot/metrics?from=2020-01-01&to=2020-01-31`);
    assert.equal(earlier.chats, 0);
    await call(env, 'agent', 'GET', `/api/bot/metrics?from=${from}&to=${to}`, undefined, 403);
    await call(env, 'supervisor', 'GET', `/api/bot/metrics?from=${to}&to=${from}`, undefined, from === to ? 200 : 400);
    // Closing C for the next test's agent.
    for (const stage of ['need', 'handle', 'confirm']) {
      await call(env, 'agent', 'POST', `/api/contacts/${c.contactId}/stage`, { stage });
    }
    await call(env, 'agent', 'PUT', `/api/contacts/${c.contactId}/classification`, { intents: ['human_agent'] });
    await call(env, 'agent', 'POST', `/api/contacts/${c.contactId}/close`, { outcome: 'resolved_first_contact' });
  });

  it('shows the agent, for each customer message, its intent, the FAQ answer and the operation it calls for', async () => {
    env.clock.advance(30 * hour);
    const s = await startChat(env, phoneOf('zhang_wei'), '帮我找个人工');
    await accept(env, s.contactId);
    await say(env, s.token, '我的卡丢了');
    const lost = await say(env, s.token, '信用卡的年费是怎么收的?');
    const customerTurns = lost.turns.filter((t) => t.speaker === 'customer');
    const [lostSeq, feeSeq] = customerTurns.slice(-2).map((t) => t.seq);
    const first = await call<TurnAssist>(env, 'agent', 'GET', `/api/contacts/${s.contactId}/turns/${lostSeq}/assist`);
    assert.equal(first.seq, lostSeq);
    assert.equal(first.intent, 'card_loss_report');
    assert.equal(first.operation, 'emergency.report');
    const second = await call<TurnAssist>(env, 'agent', 'GET', `/api/contacts/${s.contactId}/turns/${feeSeq}/assist`);
    assert.equal(second.intent, 'annual_fee');
    assert.ok(second.answer, 'an FAQ answer to send');
    const faq = await getArticle(env.system, second.answer.id);
    assert.equal(faq.intent, 'annual_fee', 'the FAQ of the message’s intent');
    assert.equal(second.operation, null, 'a question, no operation');
    // Only customer messages; only those who may read the chat.
    const botTurn = lost.turns.find((t) => t.speaker !== 'customer');
    await env.login('senior_agent');
    const notCustomer = await env.request({
      method: 'GET',
      url: `/api/contacts/${s.contactId}/turns/${botTurn?.seq}/assist`,
      as: 'agent',
    });
    assert.equal(notCustomer.statusCode, 404);
    assert.equal(notCustomer.json().error.code, 'ASSIST_TURN_NOT_CUSTOMER');
    const other = await env.request({
      method: 'GET',
      url: `/api/contacts/${s.contactId}/turns/${feeSeq}/assist`,
      as: 'senior_agent',
    });
    assert.equal(other.statusCode, 403, 'another agent does not handle this chat');
  });

  it('lets the admin set who answers first, audited', async () => {
    await env.login('admin');
    await env.login('supervisor');
    const now = await call<{ chat: { default: string } }>(env, 'admin', 'GET', '/api/bot/settings');
    assert.equal(now.chat.default, 'bot');
    const routing = {
      chat: { default: 'bot', windows: [{ from: '22:00', to: '08:00', mode: 'person' }] },
      phone: { default: 'person', windows: [] },
    };
    const saved = await call(env, 'admin', 'PUT', '/api/bot/settings', routing);
    assert.deepEqual(saved, routing);
    assert.deepEqual(await call(env, 'admin', 'GET', '/api/bot/settings'), routing);
    const bad = await env.request({
      method: 'PUT',
      url: '/api/bot/settings',
      as: 'admin',
      payload: { ...routing, chat: { default: 'bot', windows: [{ from: '25:00', to: '08:00', mode: 'person' }] } },
    });
    assert.equal(bad.statusCode, 400);
    const audits = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select(['actor_role', 'details'])
      .where('action', '=', 'bot.routing_update')
      .execute();
    assert.equal(audits.length, 1);
    assert.equal(audits[0]?.actor_role, 'admin');
    await call(env, 'supervisor', 'PUT', '/api/bot/settings', routing, 403);
  });
});
