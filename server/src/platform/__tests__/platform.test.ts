import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { z } from 'zod';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { createTestDatabase } from '../../../test/db.ts';
import type { ModuleDef } from '../../modules/module.ts';
import { audit, verifyAuditChain } from '../audit.ts';
import { LOGIN_THROTTLE } from '../auth/login-throttle.ts';
import { inTransaction, kindOf } from '../db/dialect.ts';
import { scheduleJob } from '../jobs/jobs.ts';
import { defineJob } from '../jobs/worker.ts';
import { generateKeySpec } from '../pii/keyring.ts';
import { reencryptAll } from '../pii/rotate.ts';

describe('platform over HTTP', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('reports health and which database it runs on', async () => {
    const res = await env.request({ method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok', db: env.db.kind });
  });

  it('serves an OpenAPI 3 document and Swagger UI', async () => {
    const doc = await env.request({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(doc.statusCode, 200);
    const body = doc.json() as { openapi: string; paths: Record<string, unknown> };
    assert.match(body.openapi, /^3\./);
    assert.ok(body.paths['/api/auth/login']);
    const ui = await env.request({ method: 'GET', url: '/api/docs/' });
    assert.equal(ui.statusCode, 200);
  });

  it('signs in with the right password and returns a bearer token that works', async () => {
    const res = await env.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'agent', password: 'carddesk-demo' },
    });
    assert.equal(res.statusCode, 200);
    const { token, user } = res.json() as { token: string; user: { role: string; agentNo: string } };
    assert.equal(user.role, 'agent');
    assert.equal(user.agentNo, '8001');
    const me = await env.request({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.statusCode, 200);
    const out = await env.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(out.statusCode, 204);
    const after = await env.request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(after.statusCode, 401);
  });

  it('refuses a wrong password with INVALID_CREDENTIALS, in Chinese by default and English on request', async () => {
    const zh = await env.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'qa', password: 'nope' },
    });
    assert.equal(zh.statusCode, 401);
    assert.equal(zh.json().error.code, 'INVALID_CREDENTIALS');
    assert.equal(zh.json().error.message, '用户名或密码错误');
    const en = await env.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'nope' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    assert.equal(en.json().error.code, 'INVALID_CREDENTIALS');
    assert.equal(en.json().error.message, 'Wrong username or password');
  });

  it('throttles repeated failures with the one generic answer, then lets the right password in after the delay', async () => {
    const attempt = (password: string) =>
      env.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'kb_editor', password } });
    for (let i = 0; i < LOGIN_THROTTLE.free.pair; i++) assert.equal((await attempt('wrong')).statusCode, 401);
    const held = await attempt('carddesk-demo');
    assert.equal(held.statusCode, 401);
    assert.equal(held.json().error.code, 'INVALID_CREDENTIALS');
    assert.equal(held.json().error.details, undefined);
    env.clock.advance(LOGIN_THROTTLE.baseDelaySeconds * 1000 + 1000);
    assert.equal((await attempt('carddesk-demo')).statusCode, 200);
    const actions = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'auth.login_throttled')
      .execute();
    assert.equal(actions.length, 1);
  });

  it('requires a session for API routes', async () => {
    const res = await env.request({ method: 'GET', url: '/api/users' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'UNAUTHENTICATED');
  });

  it('answers 403 FORBIDDEN when a role may not act, and changes nothing', async () => {
    const before = await env.runtime.deps.db.selectFrom('departments').select('id').execute();
    const res = await env.request({
      method: 'POST',
      url: '/api/departments',
      as: 'agent',
      payload: { code: 'payments', nameZh: '支付', nameEn: 'Payments' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'FORBIDDEN');
    const afterRows = await env.runtime.deps.db.selectFrom('departments').select('id').execute();
    assert.equal(afterRows.length, before.length);
  });

  it('replays an idempotent request without doing the work again; a different body with the same key is 409', async () => {
    const payload = { code: 'branch_ops', nameZh: '网点运营', nameEn: 'Branch operations' };
    const headers = { 'idempotency-key': 'dept-create-1' };
    const first = await env.request({ method: 'POST', url: '/api/departments', as: 'admin', payload, headers });
    assert.equal(first.statusCode, 201);
    const second = await env.request({ method: 'POST', url: '/api/departments', as: 'admin', payload, headers });
    assert.equal(second.statusCode, 201);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.deepEqual(second.json(), first.json());
    const rows = await env.runtime.deps.db
      .selectFrom('departments')
      .select('id')
      .where('code', '=', 'branch_ops')
      .execute();
    assert.equal(rows.length, 1);
    const audits = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'department.create')
      .where('entity_id', '=', rows[0]?.id ?? '')
      .execute();
    assert.equal(audits.length, 1);
    const conflict = await env.request({
      method: 'POST',
      url: '/api/departments',
      as: 'admin',
      payload: { ...payload, nameEn: 'Other' },
      headers,
    });
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.json().error.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('rolls back an idempotent request that fails, so a retry can succeed', async () => {
    const headers = { 'idempotency-key': 'dept-bad-1' };
    const bad = await env.request({
      method: 'POST',
      url: '/api/departments',
      as: 'admin',
      payload: { code: 'disputes', nameZh: '重复', nameEn: 'Duplicate' },
      headers,
    });
    assert.equal(bad.statusCode, 409);
    assert.equal(bad.json().error.code, 'CONFLICT');
    const key = await env.runtime.deps.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'dept-bad-1')
      .executeTakeFirst();
    assert.equal(key, undefined);
  });

  it('answers bad JSON, wrong types and oversize bodies with 400 and a code, changing nothing', async () => {
    const count = async () => (await env.runtime.deps.db.selectFrom('users').select('id').execute()).length;
    const before = await count();
    const token = await env.login('admin');
    const badJson = await env.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"username": "x",',
    });
    assert.equal(badJson.statusCode, 400);
    assert.equal(badJson.json().error.code, 'INVALID_JSON');

    const wrongTypes = await env.request({
      method: 'POST',
      url: '/api/users',
      as: 'admin',
      payload: { username: 42, displayName: true, role: 'boss', password: [] },
    });
    assert.equal(wrongTypes.statusCode, 400);
    assert.equal(wrongTypes.json().error.code, 'VALIDATION_FAILED');
    assert.ok(Array.isArray(wrongTypes.json().error.details));

    const huge = await env.request({
      method: 'POST',
      url: '/api/users',
      as: 'admin',
      payload: { username: 'huge', displayName: 'x'.repeat(2 * 1024 * 1024), role: 'agent', password: 'abc' },
    });
    assert.equal(huge.statusCode, 400);
    assert.equal(huge.json().error.code, 'BODY_TOO_LARGE');
    assert.equal(await count(), before);
  });

  it('refuses CVV2 and PIN in any request body', async () => {
    const res = await env.request({
      method: 'POST',
      url: '/api/departments',
      as: 'admin',
      payload: { code: 'x_dept', nameZh: 'x', nameEn: 'x', cvv2: '123' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'AUTH_DATA_REFUSED');
  });

  it('never writes a card number or ID number to the log', async () => {
    const pan = '6222600260001072444';
    const id = '11010519491231002X';
    const mark = env.logs.length;
    await env.request({ method: 'GET', url: `/api/users?q=${pan}&id=${id}`, as: 'admin' });
    await env.request({ method: 'POST', url: `/api/auth/login`, payload: { username: pan, password: id } });
    await env.request({ method: 'GET', url: `/api/no-such-route/${pan}/${id}` });
    env.runtime.deps.log.info({ note: `customer said ${pan} and ${id}` }, `lookup ${pan}`);
    const written = env.logs.slice(mark).join('\n');
    assert.ok(written.length > 0, 'requests were logged');
    assert.ok(!written.includes(pan), 'card number in log');
    assert.ok(!written.includes(id), 'ID number in log');
  });

  it('compresses large answers for clients that accept it', async () => {
    const res = await env.request({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], 'gzip');
  });

  it('keeps unknown API paths as coded 404s', async () => {
    const res = await env.request({ method: 'GET', url: '/api/nothing-here', as: 'agent' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'ROUTE_NOT_FOUND');
  });
});

describe('audit chain', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('commits records written outside a transaction together, each settling only once it is stored', async () => {
    const { db } = env.runtime.deps;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // Concurrent reads' records join one group commit; none is reported written before it is.
    const pending = Array.from({ length: 30 }, (_, i) =>
      audit(env.system, { action: 'test.read', entityType: 'probe', entityId: `p${i}` }).then(count),
    );
    const seenAtSettle = await Promise.all(pending);
    for (const n of seenAtSettle) assert.ok(n >= before + 30);
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'entity_id'])
      .where('action', '=', 'test.read')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.entity_id),
      Array.from({ length: 30 }, (_, i) => `p${i}`),
    );
    assert.equal(Number(rows[29]?.seq) - Number(rows[0]?.seq), 29);
    assert.equal((await verifyAuditChain(env.runtime.deps)).ok, true);
  });

  it("writes a record inside the caller's transaction, rolled back with it", async () => {
    const { db } = env.runtime.deps;
    await assert.rejects(
      inTransaction(env.system, async (tctx) => {
        await audit(tctx, { action: 'test.rolled_back', entityType: 'probe' });
        throw new Error('the change fails');
      }),
    );
    const left = await db.selectFrom('audit_log').select('seq').where('action', '=', 'test.rolled_back').execute();
    assert.equal(left.length, 0);
    assert.equal((await verifyAuditChain(env.runtime.deps)).ok, true);
  });

  it('verifies an intact chain and names the first tampered record', async () => {
    const { db } = env.runtime.deps;
    const intact = await verifyAuditChain(env.runtime.deps);
    assert.equal(intact.ok, true);
    assert.ok(intact.checked > 5);

    // The table refuses updates; an attacker with database rights would first drop the guard.
    await assert.rejects(sql`update audit_log set action = 'x' where seq = 3`.execute(db));
    if (kindOf(db) === 'postgres') {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
    } else {
      await sql`drop trigger audit_log_no_update`.execute(db);
    }
    await sql`update audit_log set details = '{"forged":true}' where seq = 3`.execute(db);
    const broken = await verifyAuditChain(env.runtime.deps);
    assert.equal(broken.ok, false);
    assert.equal(broken.firstBroken, 3);
  });

  it('is verified by the API for admins only', async () => {
    const denied = await env.request({ method: 'GET', url: '/api/audit/verify', as: 'agent' });
    assert.equal(denied.statusCode, 403);
    const res = await env.request({ method: 'GET', url: '/api/audit/verify', as: 'admin' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().ok, false);
  });
});

describe('jobs', () => {
  const ran: string[] = [];
  const probe: ModuleDef = {
    name: 'probe',
    jobs: {
      'probe.note': defineJob({
        payload: z.object({ note: z.string() }),
        async run(_ctx, payload) {
          ran.push(payload.note);
        },
      }),
      'probe.flaky': defineJob({
        payload: z.object({}),
        async run() {
          throw new Error('not yet');
        },
      }),
    },
  };

  it('never runs a job scheduled in a transaction that rolled back; runs a committed one after a restart', async () => {
    const db = await createTestDatabase();
    let env = await createTestEnv({ db, modules: [probe], seed: false });
    const { deps } = env.runtime;
    await assert.rejects(
      inTransaction(deps.db, async (trx) => {
        await scheduleJob(trx, deps.clock.now(), {
          kind: 'probe.note',
          payload: { note: 'rolled back' },
          runAt: deps.clock.now(),
        });
        throw new Error('abort');
      }),
    );
    await inTransaction(deps.db, async (trx) => {
      await scheduleJob(trx, deps.clock.now(), {
        kind: 'probe.note',
        payload: { note: 'committed' },
        runAt: new Date(deps.clock.now().getTime() + 60_000),
      });
    });
    assert.equal(await env.runtime.worker.runDue(), 0, 'not due yet');
    env = await env.restart();
    env.clock.advance(2 * 60_000);
    assert.equal(await env.runtime.worker.runDue(), 1);
    assert.deepEqual(ran, ['committed']);
    assert.equal(await env.runtime.worker.runDue(), 0, 'runs once');
    await env.close();
  });

  it('retries a failing job with back-off and gives up after its attempts', async () => {
    const env = await createTestEnv({ modules: [probe], seed: false });
    const { deps } = env.runtime;
    await scheduleJob(deps.db, deps.clock.now(), {
      kind: 'probe.flaky',
      payload: {},
      runAt: deps.clock.now(),
      maxAttempts: 2,
    });
    assert.equal(await env.runtime.worker.runDue(), 1);
    let job = await deps.db.selectFrom('jobs').selectAll().where('kind', '=', 'probe.flaky').executeTakeFirstOrThrow();
    assert.equal(job.status, 'retry');
    assert.equal(await env.runtime.worker.runDue(), 0, 'backing off');
    env.clock.advance(60_000);
    assert.equal(await env.runtime.worker.runDue(), 1);
    job = await deps.db.selectFrom('jobs').selectAll().where('kind', '=', 'probe.flaky').executeTakeFirstOrThrow();
    assert.equal(job.status, 'dead');
    assert.equal(job.last_error, 'not yet');
    await env.close();
  });

  it('schedules a deduplicated job only once', async () => {
    const env = await createTestEnv({ modules: [probe], seed: false });
    const { deps } = env.runtime;
    const a = await scheduleJob(deps.db, deps.clock.now(), {
      kind: 'probe.note',
      payload: { note: 'd' },
      runAt: deps.clock.now(),
      dedupeKey: 'once',
    });
    const b = await scheduleJob(deps.db, deps.clock.now(), {
      kind: 'probe.note',
      payload: { note: 'd' },
      runAt: deps.clock.now(),
      dedupeKey: 'once',
    });
    assert.ok(a);
    assert.equal(b, undefined);
    await env.close();
  });
});

describe('key rotation', () => {
  it('re-encrypts values under the new active key while both keys decrypt, and is resumable', async () => {
    const db = await createTestDatabase();
    const oldKey = generateKeySpec('k1');
    let env = await createTestEnv({ db, masterKey: oldKey, seed: false });
    const { deps } = env.runtime;
    const column = { table: 'settings', idColumn: 'key', column: 'value', context: 'settings.value' };
    for (let i = 0; i < 7; i++) {
      await deps.db
        .insertInto('settings')
        .values({
          key: `s${i}`,
          value: deps.keyring.encrypt(`secret ${i}`, column.context),
          updated_at: 'x',
          updated_by: null,
        })
        .execute();
    }
    await env.stop();
    env = await createTestEnv({ db, masterKey: `${generateKeySpec('k2')},${oldKey}`, seed: false });
    const results = await reencryptAll(env.runtime.deps, [column], 3);
    assert.deepEqual(results, [{ column: 'settings.value', reencrypted: 7 }]);
    const rows = await env.runtime.deps.db.selectFrom('settings').selectAll().orderBy('key').execute();
    for (const [i, row] of rows.entries()) {
      assert.match(row.value, /^v1\.k2\./);
      assert.equal(env.runtime.deps.keyring.decrypt(row.value, column.context), `secret ${i}`);
    }
    assert.deepEqual(await reencryptAll(env.runtime.deps, [column]), [{ column: 'settings.value', reencrypted: 0 }]);
    await env.close();
  });
});
