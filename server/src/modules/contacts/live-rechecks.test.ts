import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import type { TestEnv } from '../../../test/context.ts';
import { call, contactsTestEnv, createCustomer, lastLoggedOtp, type TestCustomer } from './contacts.fixtures.ts';

type Message = Record<string, unknown>;

/** A socket that keeps streaming never closes: the limit turns that hang into a failure. */
const LIMIT = { timeout: 20_000 };

/** A real WebSocket client that collects messages and lets a test wait for one matching a predicate. */
async function socket(url: string) {
  const ws = new WebSocket(url);
  const seen: Message[] = [];
  const waiters: Array<() => void> = [];
  let closeCode: number | undefined;
  ws.on('message', (raw) => {
    seen.push(JSON.parse(String(raw)) as Message);
    for (const w of waiters.splice(0)) w();
  });
  ws.on('close', (code) => {
    closeCode = code;
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waitFor = <T>(probe: () => T | undefined) =>
    new Promise<T>((resolve) => {
      const check = () => {
        const hit = probe();
        if (hit !== undefined) resolve(hit);
        else waiters.push(check);
      };
      check();
    });
  return {
    seen,
    send: (msg: unknown) => ws.send(JSON.stringify(msg)),
    next: (match: (m: Message) => boolean) => waitFor(() => seen.find(match)),
    closed: () => waitFor(() => closeCode),
    close: () => ws.close(),
  };
}

async function staffSocket(base: string, token: string) {
  const s = await socket(`${base}/api/ws`);
  s.send({ type: 'auth', token });
  await s.next((m) => m.type === 'ready');
  return s;
}

async function subscribe(s: Awaited<ReturnType<typeof socket>>, topics: string[], contactId?: string) {
  const before = s.seen.length;
  s.send({ type: 'subscribe', topics, ...(contactId ? { contactId } : {}) });
  const answer = await s.next((m) => m.type === 'subscribed' && s.seen.indexOf(m) >= before);
  return answer as { topics: string[]; denied: string[] };
}

async function startChat(env: TestEnv, customer: TestCustomer) {
  await call(env, undefined, 'POST', '/api/chat/otp', { phone: customer.phone });
  const code = lastLoggedOtp(env);
  return call<{ token: string; contactId: string }>(
    env,
    undefined,
    'POST',
    '/api/chat/sessions',
    { phone: customer.phone, code, message: '我想问一下账单' },
    201,
  );
}

describe('live subscriptions are re-checked on every delivery', () => {
  let env: TestEnv;
  let base: string;
  const publish = (topic: string, type: string, data: unknown = {}) =>
    env.runtime.deps.events.publish({ topic, type, data, at: env.clock.now().toISOString() });

  before(async () => {
    env = await contactsTestEnv();
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const address = env.app.server.address();
    assert.ok(address && typeof address === 'object');
    base = `ws://127.0.0.1:${address.port}`;
  });
  after(() => env.close());

  it('finding 5: staff events stop after logout', LIMIT, async () => {
    const token = await env.login('agent');
    const s = await staffSocket(base, token);
    assert.deepEqual((await subscribe(s, ['queue:general'])).topics, ['queue:general']);
    publish('queue:general', 'probe', { n: 1 });
    await s.next((m) => m.type === 'event' && (m.data as { n: number }).n === 1);
    await call(env, undefined, 'POST', '/api/auth/logout', undefined, 204, { authorization: `Bearer ${token}` });
    publish('queue:general', 'probe', { n: 2 });
    assert.equal(await s.closed(), 4401);
    assert.ok(s.seen.some((m) => m.type === 'error' && m.code === 'UNAUTHENTICATED'));
    assert.ok(!s.seen.some((m) => m.type === 'event' && (m.data as { n: number }).n === 2));
  });

  it('finding 5: staff events stop once the session has expired by the clock', LIMIT, async () => {
    const token = await env.login('agent');
    const s = await staffSocket(base, token);
    await subscribe(s, ['queue:general']);
    env.clock.advance(13 * 3600_000);
    publish('queue:general', 'probe', { n: 3 });
    assert.equal(await s.closed(), 4401);
    assert.ok(!s.seen.some((m) => m.type === 'event'));
  });

  it(
    'finding 5: a chat watched from the general queue stops streaming once another agent takes it',
    LIMIT,
    async () => {
      const customer = await createCustomer(env.system, { name: '周敏' });
      const chat = await startChat(env, customer);
      const watcher = await staffSocket(base, await env.login('agent'));
      const topic = `contact:${chat.contactId}`;
      assert.deepEqual((await subscribe(watcher, [topic, 'queue:general'])).topics, [topic, 'queue:general']);

      await call(env, 'senior_agent', 'POST', `/api/contacts/${chat.contactId}/accept`);
      await watcher.next((m) => m.type === 'revoked' && (m.topics as string[]).includes(topic));
      await call(
        env,
        'senior_agent',
        'POST',
        `/api/contacts/${chat.contactId}/turns`,
        { text: '您好，我来为您处理' },
        201,
      );
      // Deliveries keep their order per socket: once this marker arrives, the turn above was decided on.
      publish('queue:general', 'marker');
      await watcher.next((m) => m.type === 'event' && m.event === 'marker');
      assert.ok(!watcher.seen.some((m) => m.type === 'event' && m.topic === topic));
      watcher.close();
    },
  );

  it(
    'finding 5: cards:<customer> needs access to that customer, not only a role that reads customers',
    LIMIT,
    async () => {
      const customer = await createCustomer(env.system, { name: '吴刚' });
      const s = await staffSocket(base, await env.login('agent'));
      const topic = `cards:${customer.id}`;
      assert.deepEqual((await subscribe(s, [topic])).denied, [topic], 'no contact with this customer');

      const opened = await call<{ contact: { id: string } }>(
        env,
        'agent',
        'POST',
        '/api/contacts',
        { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
        201,
      );
      const contactId = opened.contact.id;
      assert.deepEqual((await subscribe(s, [topic], contactId)).denied, [topic], 'identified is not verified');
      await call(env, 'agent', 'POST', `/api/contacts/${contactId}/verify`, {
        method: 'name_id_last6',
        name: customer.name,
        idLast6: customer.idNumber.slice(-6),
      });
      assert.deepEqual((await subscribe(s, [topic], contactId)).topics, [topic], 'verified contact grants it');
      publish(topic, 'card.status', { n: 1 });
      await s.next((m) => m.type === 'event' && m.topic === topic);
      s.close();
    },
  );

  it('finding 5: the customer chat socket stops delivering after the customer ended the chat', LIMIT, async () => {
    const customer = await createCustomer(env.system, { name: '郑洁' });
    const chat = await startChat(env, customer);
    const s = await socket(`${base}/api/chat/ws`);
    s.send({ type: 'auth', token: chat.token });
    await s.next((m) => m.type === 'ready');
    const topic = `contact:${chat.contactId}`;
    publish(topic, 'turn.added', { seq: 90, speaker: 'agent', text: '还在吗' });
    await s.next((m) => m.type === 'message');
    await call(env, undefined, 'POST', '/api/chat/end', { rating: 5 }, 200, {
      authorization: `Bearer ${chat.token}`,
    });
    publish(topic, 'turn.added', { seq: 91, speaker: 'agent', text: '结束后的消息' });
    assert.equal(await s.closed(), 4401);
    assert.ok(!s.seen.some((m) => m.type === 'message' && (m.data as { seq: number }).seq === 91));
  });
});
