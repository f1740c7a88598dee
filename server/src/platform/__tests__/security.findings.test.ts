import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, DEMO_PASSWORD, TEST_DEMO, type TestEnv } from '../../../test/context.ts';
import { createTestDatabase } from '../../../test/db.ts';
import { createRuntime, DemoSeedRefused, seedDemo } from '../../bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { lastLoggedOtp } from '../../modules/contacts/contacts.fixtures.ts';
import { checkOtp } from '../../modules/contacts/index.ts';
import { anonymousActor, systemActor } from '../auth/actor.ts';
import { createUser } from '../auth/auth.service.ts';
import { LOGIN_THROTTLE } from '../auth/login-throttle.ts';
import { can, POLICY } from '../auth/policy.ts';
import { ManualClock } from '../clock.ts';
import type { Ctx } from '../context.ts';
import { generateKeySpec } from '../pii/keyring.ts';

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

    it('schema fuzzing: a NUL character in a path parameter, query or stored body is refused as bad input on both databases', async () => {
      const res = await env.request({ method: 'POST', url: '/api/cards/%00/freeze', as: 'supervisor', payload: {} });
      assert.equal(res.statusCode, 400, res.body);
      const query = await env.request({ method: 'GET', url: '/api/customers?q=%00', as: 'agent' });
      assert.equal(query.statusCode, 400, query.body);
      const stored = await env.request({
        method: 'POST',
        url: '/api/kb/articles',
        as: 'kb_editor',
        payload: { title: '测试说明', body: '\u0000', kind: 'product' },
      });
      assert.equal(stored.statusCode, 400, stored.body);
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

  const PHONE = '13800138000';
  const login = (username: string, password: string, headers: Record<string, string> = {}, address = '127.0.0.1') =>
    env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      headers,
      remoteAddress: address,
    });
  const auditCount = async (action: string) =>
    (await env.runtime.deps.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;
  /** Sends a chat sign-in code to the demo customer and returns it (from the demo sender's log line). */
  const chatCode = async () => {
    env.clock.advance(61_000);
    const res = await env.app.inject({ method: 'POST', url: '/api/chat/otp', payload: { phone: PHONE } });
    assert.equal(res.statusCode, 200, res.body);
    return lastLoggedOtp(env);
  };
  const otpRow = () =>
    env.runtime.deps.db
      .selectFrom('otp_codes')
      .select(['id', 'attempts', 'consumed_at'])
      .where('purpose', '=', 'chat_login')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();

  describe('finding 2: Idempotency-Key undoes lock-out and one-time-code attempt counting', () => {
    it('finding 2: failed sign-ins sent with an Idempotency-Key are counted and audited', async () => {
      const before = await auditCount('auth.login_failed');
      for (let i = 0; i < 3; i++) {
        const res = await login('qa', 'wrong-password', { 'idempotency-key': `k-${i}` }, '10.2.0.1');
        assert.equal(res.statusCode, 401);
      }
      assert.equal(await auditCount('auth.login_failed'), before + 3);
      const counted = await env.runtime.deps.db
        .selectFrom('login_throttle')
        .select(['key', 'failures'])
        .where('key', 'like', 'address:10.2.0.1')
        .executeTakeFirst();
      assert.equal(counted?.failures, 3);
    });

    it('finding 2: wrong chat codes sent with an Idempotency-Key use up the code', async () => {
      const code = await chatCode();
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 2; i++) {
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/chat/sessions',
          payload: { phone: PHONE, code: wrong },
          headers: { 'idempotency-key': `chat-${i}` },
        });
        assert.equal(res.statusCode, 401, res.body);
      }
      assert.equal((await otpRow()).attempts, 2);
    });

    it('finding 2: sign-in routes are not replayed: the same key signs in afresh', async () => {
      const headers = { 'idempotency-key': 'same-key' };
      const a = await login('agent', DEMO_PASSWORD, headers, '10.2.0.2');
      const b = await login('agent', DEMO_PASSWORD, headers, '10.2.0.2');
      assert.equal(a.statusCode, 200);
      assert.equal(b.statusCode, 200);
      assert.equal(b.headers['idempotent-replayed'], undefined);
      assert.notEqual(a.json().token, b.json().token);
    });
  });

  describe('finding 7: stored idempotent responses hold live tokens', () => {
    it('finding 7: no stored response holds a staff or chat token', async () => {
      const staff = await login('senior_agent', DEMO_PASSWORD, { 'idempotency-key': 'tok-1' }, '10.7.0.1');
      const code = await chatCode();
      const chat = await env.app.inject({
        method: 'POST',
        url: '/api/chat/sessions',
        payload: { phone: PHONE, code },
        headers: { 'idempotency-key': 'tok-2' },
      });
      assert.equal(chat.statusCode, 201, chat.body);
      const rows = await env.runtime.deps.db.selectFrom('idempotency_keys').selectAll().execute();
      for (const row of rows) {
        assert.ok(!row.response_body?.includes(staff.json().token));
        assert.ok(!row.response_body?.includes(chat.json().token));
        assert.notEqual(row.path, '/api/auth/login');
        assert.notEqual(row.path, '/api/chat/sessions');
      }
      // The replay of a used chat sign-in gives no token: the code is spent.
      const again = await env.app.inject({
        method: 'POST',
        url: '/api/chat/sessions',
        payload: { phone: PHONE, code },
        headers: { 'idempotency-key': 'tok-2' },
      });
      assert.equal(again.statusCode, 401);
      assert.equal(again.json().token, undefined);
    });

    it("finding 7: a signed-out caller's key is not shared by address", async () => {
      const ask = (address: string) =>
        env.app.inject({
          method: 'POST',
          url: '/api/public/kb/match',
          payload: { question: address === '10.7.0.2' ? '年费怎么收' : '信用卡丢了怎么办' },
          headers: { 'idempotency-key': 'shared' },
          remoteAddress: '10.7.0.9',
        });
      const first = await ask('10.7.0.2');
      const second = await ask('10.7.0.3');
      assert.equal(first.statusCode, 200);
      assert.equal(second.statusCode, 200, 'a different question is not refused as a reused key');
      assert.equal(second.headers['idempotent-replayed'], undefined);
      const rows = await env.runtime.deps.db
        .selectFrom('idempotency_keys')
        .select('actor_id')
        .where('actor_id', 'like', 'anon:%')
        .execute();
      assert.equal(rows.length, 0);
    });

    it('finding 7: stored responses expire and the housekeeping job purges them', async () => {
      const make = () =>
        env.request({
          method: 'POST',
          url: '/api/departments',
          as: 'admin',
          payload: { code: 'retention', nameZh: '保留期', nameEn: 'Retention', handles: [] },
          headers: { 'idempotency-key': 'dept-retention' },
        });
      const first = await make();
      assert.equal(first.statusCode, 201, first.body);
      assert.equal((await make()).headers['idempotent-replayed'], 'true');
      env.clock.advance((env.runtime.deps.config.CARDDESK_IDEMPOTENCY_RETENTION_HOURS + 1) * 3_600_000);
      await env.runtime.worker.runDue();
      const left = await env.runtime.deps.db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('key', '=', 'dept-retention')
        .execute();
      assert.equal(left.length, 0);
    });
  });

  describe('finding 12: account enumeration and lock-out of any named account', () => {
    it('finding 12: every sign-in failure gets one answer, without lockedUntil', async () => {
      const unknown = await login('no-such-user', 'whatever', {}, '10.12.0.1');
      const wrong = await login('supervisor', 'whatever', {}, '10.12.0.1');
      assert.equal(unknown.statusCode, 401);
      assert.deepEqual(unknown.json(), wrong.json());
      for (let i = 0; i < LOGIN_THROTTLE.free.pair + 2; i++) await login('supervisor', 'x', {}, '10.12.0.1');
      for (let i = 0; i < LOGIN_THROTTLE.free.pair + 2; i++) await login('no-such-user', 'x', {}, '10.12.0.1');
      const heldKnown = await login('supervisor', DEMO_PASSWORD, {}, '10.12.0.1');
      const heldUnknown = await login('no-such-user', DEMO_PASSWORD, {}, '10.12.0.1');
      assert.equal(heldKnown.statusCode, 401);
      assert.deepEqual(heldKnown.json(), heldUnknown.json());
      assert.doesNotMatch(heldKnown.body, /lockedUntil|locked/i);
    });

    it('finding 12: failures from one address do not lock the account out for its owner elsewhere', async () => {
      for (let i = 0; i < LOGIN_THROTTLE.free.pair + 3; i++) await login('dept_handler', 'wrong', {}, '10.12.0.2');
      assert.equal((await login('dept_handler', DEMO_PASSWORD, {}, '10.12.0.2')).statusCode, 401);
      assert.equal((await login('dept_handler', DEMO_PASSWORD, {}, '10.12.0.3')).statusCode, 200);
    });

    it('finding 12: many addresses guessing one account are slowed down, then the delay ends', async () => {
      for (let i = 0; i < LOGIN_THROTTLE.free.account; i++) await login('kb_editor', 'wrong', {}, `10.13.0.${i + 1}`);
      assert.equal((await login('kb_editor', DEMO_PASSWORD, {}, '10.13.1.1')).statusCode, 401);
      env.clock.advance(LOGIN_THROTTLE.baseDelaySeconds * 1000 + 1000);
      assert.equal((await login('kb_editor', DEMO_PASSWORD, {}, '10.13.1.1')).statusCode, 200);
    });
  });

  describe('finding 17: OTP attempts are read-then-write', () => {
    it('finding 17: concurrent wrong codes each count, and the code dies at the limit', async () => {
      const code = await chatCode();
      const wrong = code === '000000' ? '111111' : '000000';
      const tries = 4;
      // Started together, the checks interleave: each must count, none may read a stale number.
      const ctx: Ctx = { ...env.runtime.deps, actor: systemActor('chat-customer') };
      const results = await Promise.all(
        Array.from({ length: tries }, () => checkOtp(ctx, { purpose: 'chat_login', code: wrong, phone: PHONE })),
      );
      assert.deepEqual(
        results.map((r) => r.ok),
        Array(tries).fill(false),
      );
      assert.equal((await otpRow()).attempts, tries);
      await env.app.inject({ method: 'POST', url: '/api/chat/sessions', payload: { phone: PHONE, code: wrong } });
      const row = await otpRow();
      assert.ok(row.consumed_at, 'the fifth wrong code ends the code');
      const late = await env.app.inject({ method: 'POST', url: '/api/chat/sessions', payload: { phone: PHONE, code } });
      assert.equal(late.statusCode, 401);
    });
  });

  describe('finding 11: unsafe defaults', () => {
    it('finding 11: the demo outbox of one-time codes is only for agents handling chats', async () => {
      for (const role of ['agent', 'senior_agent']) {
        await env.login(role);
        assert.equal((await env.request({ method: 'GET', url: '/api/demo/otp', as: role })).statusCode, 200, role);
      }
      for (const role of ['supervisor', 'qa', 'kb_editor', 'dept_handler', 'admin']) {
        await env.login(role);
        const res = await env.request({ method: 'GET', url: '/api/demo/otp', as: role });
        assert.equal(res.statusCode, 403, role);
      }
    });

    it('finding 11: demo data is not seeded into a database that holds other users', async () => {
      const db = await createTestDatabase();
      const masterKey = generateKeySpec('f11');
      const config = loadConfig({ DATABASE_URL: db.url, CARDDESK_MASTER_KEY: masterKey, LOG_LEVEL: 'silent' });
      const runtime = await createRuntime(config, { clock: new ManualClock('2026-11-02T02:00:00Z') });
      try {
        await createUser(
          { ...runtime.deps, actor: systemActor('test') },
          { username: 'real.admin', displayName: 'Real', role: 'admin', password: 'Str0ng-enough-pass' },
        );
        await assert.rejects(seedDemo(runtime, TEST_DEMO), DemoSeedRefused);
        const demoUser = await runtime.deps.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'agent')
          .executeTakeFirst();
        assert.equal(demoUser, undefined);
      } finally {
        await runtime.close();
        await db.drop();
      }
    });

    it('finding 11: a demo database is seeded once and then left alone', async () => {
      assert.equal(await seedDemo(env.runtime, TEST_DEMO), false);
    });

    it('finding 11: outside demo mode a leftover data/master.key is not used', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'carddesk-key-'));
      writeFileSync(join(dir, 'master.key'), `${generateKeySpec('left')}\n`);
      try {
        const config = loadConfig({ DATABASE_URL: ':memory:', CARDDESK_DATA_DIR: dir, LOG_LEVEL: 'silent' });
        await assert.rejects(createRuntime(config), /CARDDESK_MASTER_KEY is required/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('finding 14: the request log has no method, URL or status', () => {
    it('finding 14: each request is logged with method, scrubbed URL, status and response time', async () => {
      const mark = env.logs.length;
      await env.app.inject({ method: 'GET', url: '/api/users?q=13800138000' });
      await env.app.inject({ method: 'GET', url: '/api/nothing/%31%33%38%30%30%31%33%38%30%30%30' });
      const lines = env.logs.slice(mark).map((l) => JSON.parse(l) as Record<string, unknown>);
      const incoming = lines.filter((l) => l.msg === 'incoming request');
      const completed = lines.filter((l) => l.msg === 'request completed');
      assert.deepEqual(
        incoming.map((l) => (l.req as { method: string }).method),
        ['GET', 'GET'],
      );
      assert.equal((incoming[0]?.req as { url: string } | undefined)?.url, '/api/users?q=***');
      assert.deepEqual(
        completed.map((l) => (l.res as { statusCode: number }).statusCode),
        [401, 404],
      );
      for (const l of completed) assert.equal(typeof l.responseTime, 'number');
      const text = env.logs.slice(mark).join('\n');
      assert.doesNotMatch(text, /13800138000|%31%33%38/);
    });
  });

  describe('finding 16: no user lifecycle', () => {
    const userId = async (username: string) =>
      (
        await env.runtime.deps.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;
    const me = (token: string) =>
      env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    const admin = (url: string, payload?: Record<string, unknown>) =>
      env.request({ method: 'POST', url, as: 'admin', ...(payload ? { payload } : {}) });

    it('finding 16: an admin disables a user, whose sessions end at once, and enables them again', async () => {
      await env.login('admin');
      const token = await env.login('qa');
      assert.equal((await me(token)).statusCode, 200);
      const id = await userId('qa');
      assert.equal((await admin(`/api/users/${id}/disable`)).statusCode, 204);
      assert.equal((await me(token)).statusCode, 401);
      assert.equal((await login('qa', DEMO_PASSWORD, {}, '10.16.0.1')).statusCode, 401);
      assert.equal((await admin(`/api/users/${id}/enable`)).statusCode, 204);
      assert.equal((await login('qa', DEMO_PASSWORD, {}, '10.16.0.1')).statusCode, 200);
      assert.equal(await auditCount('user.disable'), 1);
    });

    it('finding 16: a password reset ends the sessions and the old password stops working', async () => {
      const token = await env.login('senior_agent');
      const id = await userId('senior_agent');
      const weak = await admin(`/api/users/${id}/password`, { password: 'short' });
      assert.equal(weak.statusCode, 400);
      assert.equal((await me(token)).statusCode, 200, 'a refused reset changes nothing');
      const res = await admin(`/api/users/${id}/password`, { password: 'N3w-password-long' });
      assert.equal(res.statusCode, 204, res.body);
      assert.equal((await me(token)).statusCode, 401);
      assert.equal((await login('senior_agent', DEMO_PASSWORD, {}, '10.16.0.2')).statusCode, 401);
      assert.equal((await login('senior_agent', 'N3w-password-long', {}, '10.16.0.2')).statusCode, 200);
    });

    it("finding 16: an admin revokes a user's sessions; others may not, and no admin disables themselves", async () => {
      const token = await env.login('kb_editor');
      const id = await userId('kb_editor');
      const byOther = await env.request({ method: 'POST', url: `/api/users/${id}/sessions/revoke`, as: 'supervisor' });
      assert.equal(byOther.statusCode, 403);
      assert.equal((await me(token)).statusCode, 200);
      const res = await admin(`/api/users/${id}/sessions/revoke`);
      assert.equal(res.statusCode, 200);
      assert.ok((res.json() as { revoked: number }).revoked >= 1);
      assert.equal((await me(token)).statusCode, 401);
      const self = await admin(`/api/users/${await userId('admin')}/disable`);
      assert.equal(self.statusCode, 409);
    });

    it('finding 16: a staff session unused for the idle timeout ends; one in use does not', async () => {
      const idle = await createTestEnv({ seed: false, env: { CARDDESK_SESSION_IDLE_MINUTES: '30' } });
      try {
        await createUser(idle.system, {
          username: 'idle.agent',
          displayName: 'Idle',
          role: 'agent',
          password: 'Str0ng-enough-pass',
        });
        const busy = await idle.login('idle.agent', 'Str0ng-enough-pass');
        const ask = (token: string) =>
          idle.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
        for (let i = 0; i < 3; i++) {
          idle.clock.advance(20 * 60_000);
          assert.equal((await ask(busy)).statusCode, 200, `in use after ${(i + 1) * 20} minutes`);
        }
        idle.clock.advance(31 * 60_000);
        assert.equal((await ask(busy)).statusCode, 401);
        idle.clock.advance(60 * 60_000);
        const fresh = await idle.login('idle.agent', 'Str0ng-enough-pass');
        assert.equal((await ask(fresh)).statusCode, 200);
      } finally {
        await idle.close();
      }
    });
  });
});
