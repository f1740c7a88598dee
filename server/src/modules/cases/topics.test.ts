import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { cardsModule } from '../cards/index.ts';
import { contactsModule } from '../contacts/index.ts';
import { emergencyModule } from '../emergency/index.ts';
import { modules } from '../index.ts';
import { casesModule } from './index.ts';

/**
 * Live-topic authorizers are merged by prefix (app.ts, Object.assign): a prefix registered by two modules
 * would silently keep only the last one. Contacts own `contact:`, `queue:` and `supervisor`; cases own
 * `case:`, `cases` and `department:` — the one `department:` authorizer also serves the emergency lane's
 * alerts to the risk department.
 */
describe('live topics of contacts, cases and the emergency lane', () => {
  it('registers every topic prefix in exactly one module', () => {
    const owner = new Map<string, string[]>();
    for (const m of modules) {
      for (const prefix of Object.keys(m.topics ?? {})) owner.set(prefix, [...(owner.get(prefix) ?? []), m.name]);
    }
    const twice = [...owner].filter(([, names]) => names.length > 1);
    assert.deepEqual(twice, [], `prefixes registered twice: ${JSON.stringify(twice)}`);
    assert.deepEqual(owner.get('department'), ['cases']);
    assert.deepEqual(owner.get('queue'), ['contacts']);
    assert.deepEqual(owner.get('contact'), ['contacts']);
  });

  describe('over the WebSocket', () => {
    let env: TestEnv;
    let base: string;
    before(async () => {
      env = await createTestEnv({ modules: [cardsModule, contactsModule, casesModule, emergencyModule] });
      await env.app.listen({ port: 0, host: '127.0.0.1' });
      const address = env.app.server.address();
      assert.ok(address && typeof address === 'object');
      base = `ws://127.0.0.1:${address.port}/api/ws`;
    });
    after(() => env.close());

    /** Subscribes as a user and returns what was granted and denied. */
    async function subscribe(username: string, topics: string[]) {
      const token = await env.login(username);
      const ws = new WebSocket(base);
      const messages: Array<Record<string, unknown>> = [];
      const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
        ws.on('message', (raw) => {
          const msg = JSON.parse(String(raw)) as Record<string, unknown>;
          messages.push(msg);
          if (msg.type === 'ready') ws.send(JSON.stringify({ type: 'subscribe', topics }));
          if (msg.type === 'subscribed') resolve(msg);
        });
        ws.once('error', reject);
      });
      await new Promise<void>((resolve) => ws.once('open', () => resolve()));
      ws.send(JSON.stringify({ type: 'auth', token }));
      const msg = await reply;
      ws.close();
      return { granted: msg.topics as string[], denied: msg.denied as string[] };
    }

    it('lets the risk department hear its department and queue topics, and not another department’s', async () => {
      const fraud = await subscribe('fraud_handler', [
        'department:fraud_risk',
        'queue:fraud_risk',
        'department:disputes',
        'queue:disputes',
        'cases',
      ]);
      assert.deepEqual(fraud.granted, ['department:fraud_risk', 'queue:fraud_risk']);
      assert.deepEqual(fraud.denied, ['department:disputes', 'queue:disputes', 'cases']);
    });

    it('lets the front line hear the general queue but no department, and supervisors everything', async () => {
      const agent = await subscribe('agent', ['queue:general', 'department:fraud_risk', 'supervisor']);
      assert.deepEqual(agent.granted, ['queue:general']);
      const sup = await subscribe('supervisor', ['queue:general', 'department:fraud_risk', 'supervisor', 'cases']);
      assert.deepEqual(sup.denied, []);
    });
  });
});
