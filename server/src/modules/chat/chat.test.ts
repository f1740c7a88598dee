import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { call, createCustomer, lastLoggedOtp, type TestCustomer } from '../../../test/fixtures.ts';
import { DEFAULT_BOT_ROUTING, setBotRouting } from '../bot/index.ts';
import { cardsModule } from '../cards/index.ts';
import { contactFacts, contactsModule, storedOtpHashes } from '../contacts/index.ts';
import { chatModule } from './index.ts';

/** Opens the customer socket and collects what it receives. */
async function openCustomerSocket(env: TestEnv, token: string) {
  const ws = await (env.app as unknown as { injectWS(path: string): Promise<import('ws').WebSocket> }).injectWS(
    '/api/chat/ws',
  );
  const received: Array<{ type: string; data?: { speaker?: string; text?: string; agentNo?: string } }> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (raw: Buffer) => {
    received.push(JSON.parse(raw.toString('utf8')));
    for (const w of waiters.splice(0)) w();
  });
  const next = (pred: (m: (typeof received)[number]) => boolean) =>
    new Promise<(typeof received)[number]>((resolve) => {
      const check = () => {
        const hit = received.find(pred);
        if (hit) resolve(hit);
        else waiters.push(check);
      };
      check();
    });
  ws.send(JSON.stringify({ type: 'auth', token }));
  await next((m) => m.type === 'ready');
  return { ws, received, next };
}

async function startChat(env: TestEnv, customer: TestCustomer, message?: string) {
  await call(env, undefined, 'POST', '/api/chat/otp', { phone: customer.phone });
  const code = lastLoggedOtp(env);
  return call<{ token: string; contactId: string; expiresAt: string }>(
    env,
    undefined,
    'POST',
    '/api/chat/sessions',
    { phone: customer.phone, code, ...(message ? { message } : {}) },
    201,
  );
}

describe('customer chat', () => {
  let env: TestEnv;
  let customer: TestCustomer;
  before(async () => {
    env = await createTestEnv({ modules: [cardsModule, contactsModule, chatModule] });
    // These tests are about the chat with a person; the assistant's own tests are in modules/bot.
    await setBotRouting(env.system, { ...DEFAULT_BOT_ROUTING, chat: { default: 'person', windows: [] } });
    customer = await createCustomer(env.system, { name: '陈静' });
  });
  after(() => env.close());

  it('answers the same for a customer’s phone and an unknown one, and never returns the code', async () => {
    const known = await env.request({ method: 'POST', url: '/api/chat/otp', payload: { phone: customer.phone } });
    const unknown = await env.request({ method: 'POST', url: '/api/chat/otp', payload: { phone: '13711112222' } });
    assert.equal(known.statusCode, 200);
    assert.equal(unknown.statusCode, 200);
    assert.deepEqual(known.json(), unknown.json());
    assert.ok(!known.body.includes(lastLoggedOtp(env)));
    const stored = await storedOtpHashes(env.runtime.deps.db);
    for (const hash of stored) assert.ok(!/^\d{6}$/.test(hash), 'only a keyed hash is stored');
    const again = await env.request({ method: 'POST', url: '/api/chat/otp', payload: { phone: customer.phone } });
    assert.equal(again.json().error.code, 'OTP_TOO_SOON');
  });

  it('shows demo codes only to a signed-in staff member through the demo outbox', async () => {
    const anonymous = await env.request({ method: 'GET', url: '/api/demo/otp' });
    assert.equal(anonymous.statusCode, 401);
    const outbox = await call<Array<{ to: string; code: string; purpose: string }>>(
      env,
      'agent',
      'GET',
      '/api/demo/otp',
    );
    const masked = `${customer.phone.slice(0, 3)}****${customer.phone.slice(-4)}`;
    assert.deepEqual(
      outbox.filter((o) => o.to === masked).map((o) => [o.to, o.code, o.purpose]),
      [[`${customer.phone.slice(0, 3)}****${customer.phone.slice(-4)}`, lastLoggedOtp(env), 'chat_login']],
    );
  });

  it('refuses a wrong code, and after five wrong codes the right one no longer works', async () => {
    env.clock.advance(61_000);
    await call(env, undefined, 'POST', '/api/chat/otp', { phone: customer.phone });
    const code = lastLoggedOtp(env);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await env.request({
        method: 'POST',
        url: '/api/chat/sessions',
        payload: { phone: customer.phone, code: wrong },
      });
      assert.equal(res.json().error.code, 'OTP_INVALID');
    }
    const late = await env.request({
      method: 'POST',
      url: '/api/chat/sessions',
      payload: { phone: customer.phone, code },
    });
    assert.equal(late.json().error.code, 'OTP_INVALID');
  });

  it('runs a whole chat: queue, agent greeting live over the socket, plain-text messages, end and rating', async () => {
    env.clock.advance(61_000);
    const session = await startChat(env, customer, '<b>我的账单</b>怎么还没收到?');
    const socket = await openCustomerSocket(env, session.token);
    const waiting = await call<Array<{ contactId: string; verificationLevel: string }>>(
      env,
      'agent',
      'GET',
      '/api/queues/general/contacts',
    );
    assert.ok(waiting.some((w) => w.contactId === session.contactId && w.verificationLevel === 'basic'));

    await call(env, 'agent', 'POST', `/api/contacts/${session.contactId}/accept`);
    const joined = await socket.next((m) => m.type === 'agent_joined');
    assert.equal(joined.data?.agentNo, '8001');
    const greeting = await socket.next((m) => m.type === 'message' && m.data?.speaker === 'agent');
    assert.match(greeting.data?.text ?? '', /8001/);

    await call(
      env,
      'agent',
      'POST',
      `/api/contacts/${session.contactId}/turns`,
      { text: '您的账单已于 11 月 5 日寄出。' },
      201,
    );
    await socket.next((m) => m.type === 'message' && (m.data?.text ?? '').includes('寄出'));
    const sent = await call<{ text: string }>(
      env,
      undefined,
      'POST',
      '/api/chat/messages',
      { text: '卡号 6222600260001072444 对吗?' },
      201,
      { authorization: `Bearer ${session.token}` },
    );
    assert.ok(!sent.text.includes('6222600260001072444'), 'a card number typed in chat is masked before storage');
    const state = await call<{ turns: Array<{ speaker: string; text: string }>; agentNo: string }>(
      env,
      undefined,
      'GET',
      '/api/chat/messages',
      undefined,
      200,
      { authorization: `Bearer ${session.token}` },
    );
    assert.equal(state.turns[0]?.text, '<b>我的账单</b>怎么还没收到?', 'stored and returned as plain text');
    assert.equal(state.agentNo, '8001');

    const internal = socket.received.map((m) => m.type);
    assert.ok(
      !internal.some((t) => t.startsWith('contact.') || t === 'event'),
      'no internal events reach the customer',
    );

    await call(env, 'agent', 'POST', `/api/contacts/${session.contactId}/stage`, { stage: 'need' });
    await call(env, 'agent', 'POST', `/api/contacts/${session.contactId}/stage`, { stage: 'handle' });
    await call(env, 'agent', 'POST', `/api/contacts/${session.contactId}/stage`, { stage: 'confirm' });
    await call(env, 'agent', 'PUT', `/api/contacts/${session.contactId}/classification`, {
      intents: ['statement_query'],
    });
    await call(env, 'agent', 'POST', `/api/contacts/${session.contactId}/close`, { outcome: 'resolved_first_contact' });
    await socket.next((m) => m.type === 'closed');
    await call(env, undefined, 'POST', '/api/chat/end', { rating: 4, comment: '回复很快' }, 200, {
      authorization: `Bearer ${session.token}`,
    });
    socket.ws.terminate();
    const row = await contactFacts(env.runtime.deps.db, session.contactId);
    assert.ok(row);
    assert.deepEqual(
      { satisfaction: row.satisfaction, satisfaction_comment: row.satisfactionComment, status: row.status },
      { satisfaction: 4, satisfaction_comment: '回复很快', status: 'closed' },
    );
    const after = await env.request({
      method: 'GET',
      url: '/api/chat/messages',
      headers: { authorization: `Bearer ${session.token}` },
    });
    assert.equal(after.json().error.code, 'CHAT_SESSION_INVALID', 'the token ends with the chat');
  });

  it('closes a chat nobody answered as abandoned when the customer leaves', async () => {
    env.clock.advance(61_000);
    const session = await startChat(env, customer);
    await call(env, undefined, 'POST', '/api/chat/end', {}, 200, { authorization: `Bearer ${session.token}` });
    const row = await contactFacts(env.runtime.deps.db, session.contactId);
    assert.ok(row);
    assert.deepEqual({ status: row.status, outcome: row.outcome }, { status: 'closed', outcome: 'abandoned' });
  });

  it('refuses a staff token on the customer side and a chat token on the staff side', async () => {
    const staff = await env.login('agent');
    const res = await env.request({
      method: 'GET',
      url: '/api/chat/messages',
      headers: { authorization: `Bearer ${staff}` },
    });
    assert.equal(res.json().error.code, 'CHAT_SESSION_INVALID');
    env.clock.advance(61_000);
    const session = await startChat(env, customer);
    const staffSide = await env.request({
      method: 'GET',
      url: '/api/queues',
      headers: { authorization: `Bearer ${session.token}` },
    });
    assert.equal(staffSide.statusCode, 401);
  });
});
