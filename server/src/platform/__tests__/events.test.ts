import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import type { ModuleDef } from '../../modules/module.ts';
import { can } from '../auth/policy.ts';
import { InProcessBus, type LiveEvent } from '../events/bus.ts';
import { RedisBus } from '../events/redis-bus.ts';

/** Collects WebSocket messages and lets a test wait for the next one matching a predicate. */
function client(url: string) {
  const ws = new WebSocket(url);
  const seen: Array<Record<string, unknown>> = [];
  const waiters: Array<{
    match: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  }> = [];
  ws.on('message', (raw) => {
    const msg = JSON.parse(String(raw)) as Record<string, unknown>;
    seen.push(msg);
    for (const w of waiters.splice(0)) {
      if (w.match(msg)) w.resolve(msg);
      else waiters.push(w);
    }
  });
  return {
    ws,
    opened: new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    }),
    send: (msg: unknown) => ws.send(JSON.stringify(msg)),
    next(match: (m: Record<string, unknown>) => boolean, timeoutMs = 5000): Promise<Record<string, unknown>> {
      const hit = seen.find(match);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching message; saw ${JSON.stringify(seen)}`)),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    closed: () => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code))),
  };
}

const probe: ModuleDef = {
  name: 'probe',
  topics: { queue: (ctx, id) => id === 'general' && can(ctx.actor, 'contacts.view') },
};

describe('WebSocket live events', () => {
  let env: TestEnv;
  let base: string;
  before(async () => {
    env = await createTestEnv({ modules: [probe] });
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const address = env.app.server.address();
    assert.ok(address && typeof address === 'object');
    base = `ws://127.0.0.1:${address.port}/api/ws`;
  });
  after(() => env.close());

  it('delivers events of subscribed, authorised topics only, after token auth', async () => {
    const token = await env.login('agent');
    const c = client(base);
    await c.opened;
    c.send({ type: 'auth', token });
    await c.next((m) => m.type === 'ready');
    c.send({ type: 'subscribe', topics: ['queue:general', 'queue:vip', 'user:someone-else'] });
    const sub = await c.next((m) => m.type === 'subscribed');
    assert.deepEqual(sub.topics, ['queue:general']);
    assert.deepEqual(sub.denied, ['queue:vip', 'user:someone-else']);
    env.runtime.deps.events.publish({ topic: 'queue:vip', type: 'waiting', data: { n: 0 }, at: 'x' });
    env.runtime.deps.events.publish({ topic: 'queue:general', type: 'waiting', data: { n: 3 }, at: 'x' });
    const event = await c.next((m) => m.type === 'event');
    assert.equal(event.topic, 'queue:general');
    assert.deepEqual(event.data, { n: 3 });
    c.ws.close();
  });

  it('refuses a bad token and closes the socket', async () => {
    const c = client(base);
    await c.opened;
    const closed = c.closed();
    c.send({ type: 'auth', token: 'not-a-token' });
    await c.next((m) => m.type === 'error' && m.code === 'UNAUTHENTICATED');
    assert.equal(await closed, 4401);
  });

  it('ignores subscriptions before auth, answers malformed messages with a code and pings with pong', async () => {
    const c = client(base);
    await c.opened;
    c.ws.send('{nonsense');
    await c.next((m) => m.type === 'error' && m.code === 'VALIDATION_FAILED');
    c.send({ type: 'subscribe', topics: ['queue:general'] });
    await c.next((m) => m.type === 'error' && m.code === 'UNAUTHENTICATED');
    c.send({ type: 'ping' });
    await c.next((m) => m.type === 'pong');
    c.ws.close();
  });
});

describe('event buses', () => {
  it('in-process bus delivers to every subscriber until unsubscribed', async () => {
    const bus = new InProcessBus();
    const got: LiveEvent[] = [];
    const off = bus.subscribe((e) => got.push(e));
    bus.publish({ topic: 't', type: 'a', data: 1, at: 'x' });
    off();
    bus.publish({ topic: 't', type: 'b', data: 2, at: 'x' });
    assert.deepEqual(
      got.map((e) => e.type),
      ['a'],
    );
    await bus.close();
  });

  it('Redis bus fans an event out to every instance, including the publisher', async (t) => {
    const url = process.env.CARDDESK_TEST_REDIS ?? 'redis://127.0.0.1:6379';
    let a: RedisBus;
    let b: RedisBus;
    const channel = `:test:${Date.now()}:${Math.random()}`;
    try {
      a = await RedisBus.connect(url, channel);
      b = await RedisBus.connect(url, channel);
    } catch {
      t.skip(`notice: no Redis reachable at ${url}; Redis bus test skipped`);
      return;
    }
    const received = (bus: RedisBus) =>
      new Promise<LiveEvent>((resolve) => {
        const off = bus.subscribe((e) => {
          off();
          resolve(e);
        });
      });
    const onA = received(a);
    const onB = received(b);
    a.publish({ topic: 'contact:1', type: 'turn', data: { text: '你好' }, at: 'x' });
    const [ea, eb] = await Promise.all([onA, onB]);
    assert.deepEqual(ea.data, { text: '你好' });
    assert.deepEqual(eb.data, { text: '你好' });
    await a.close();
    await b.close();
  });
});
