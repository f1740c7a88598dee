import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { anonymousActor } from '../auth/actor.ts';
import { can, POLICY } from '../auth/policy.ts';
import type { Ctx } from '../context.ts';

/** One raw HTTP/1.1 request line as an attacker would type it (inject() normalises targets). */
async function rawRequest(port: number, target: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk) => {
      data += String(chunk);
    });
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    socket.on('error', reject);
  });
}

describe('security findings (issue 15)', () => {
  let env: TestEnv;
  let port: number;
  let customerId: string;
  before(async () => {
    env = await createTestEnv();
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    port = (env.app.server.address() as AddressInfo).port;
    const row = await env.runtime.deps.db.selectFrom('customers').select('id').executeTakeFirstOrThrow();
    customerId = row.id;
  });
  after(() => env.close());

  describe('finding 1: no sign-in needed for any staff API', () => {
    for (const target of [
      '/%61pi/users',
      '/a%70i/users',
      '/%61%70%69/users',
      '/api/%75sers',
      'http://x/api/users',
      'http://x/%61pi/users',
      '//api/users',
      '/api//users',
      '/api/./users',
      '/x/../api/users',
      '/api/users/.',
      '/api/users/..',
    ]) {
      it(`finding 1: ${target} is refused without a session`, async () => {
        const res = await rawRequest(port, target);
        assert.ok(res.status === 401 || res.status === 404, `${target} → ${res.status} ${res.body}`);
        assert.doesNotMatch(res.body, /"username"/);
      });
    }

    it('finding 1: percent-encoded /%61pi/users cannot create an admin without a session', async () => {
      const res = await env.app.inject({
        method: 'POST',
        url: '/%61pi/users',
        payload: { username: 'mallory', displayName: 'M', role: 'admin', password: 'Passw0rd-long-1' },
      });
      assert.equal(res.statusCode, 401);
      const made = await env.runtime.deps.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'mallory')
        .executeTakeFirst();
      assert.equal(made, undefined);
    });

    it("finding 1: percent-encoded paths do not read a customer's 360 view or freeze a card", async () => {
      const view = await env.app.inject({ method: 'GET', url: `/%61pi/customers/${customerId}` });
      assert.equal(view.statusCode, 401);
    });

    it('finding 1: a malformed escape gets the normal error body without echoing the URL', async () => {
      const res = await rawRequest(port, '/api/%zz-secret');
      assert.equal(res.status, 400);
      const body = JSON.parse(res.body) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'BAD_URL');
      assert.doesNotMatch(res.body, /secret|%zz/);
    });

    it('finding 1: a path that matches no route is 404, whatever its spelling', async () => {
      for (const url of ['/api/nothing-here', '/%61pi/nothing-here', '//api/nothing-here']) {
        const res = await env.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 404, url);
        assert.equal((res.json() as { error: { code: string } }).error.code, 'ROUTE_NOT_FOUND');
      }
    });

    it('finding 1: the signed-out actor is refused by every policy action and by customer access', async () => {
      for (const action of Object.keys(POLICY) as (keyof typeof POLICY)[]) {
        assert.equal(can(anonymousActor, action), false, action);
      }
      const ctx: Ctx = { ...env.runtime.deps, actor: anonymousActor };
      await assert.rejects(ctx.access.require(ctx, { customerId, need: 'customer.profile' }), {
        code: 'UNAUTHENTICATED',
      });
    });

    it('finding 1: public routes stay reachable: health, login, OpenAPI, docs, chat sign-in, public FAQ', async () => {
      assert.equal((await rawRequest(port, '/api/health')).status, 200);
      assert.equal((await rawRequest(port, '/api/openapi.json')).status, 200);
      assert.equal((await rawRequest(port, '/api/docs/')).status, 200);
      const faq = await env.app.inject({
        method: 'POST',
        url: '/api/public/kb/match',
        payload: { question: '年费怎么收' },
      });
      assert.equal(faq.statusCode, 200, faq.body);
      const otp = await env.app.inject({ method: 'POST', url: '/api/chat/otp', payload: { phone: '13800138000' } });
      assert.equal(otp.statusCode, 200, otp.body);
    });
  });
});
