import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { call, contactsTestEnv, createCustomer } from '../../modules/contacts/contacts.fixtures.ts';
import { audit, hashRecord, sealLegacyAuditChain, verifyAuditChain } from '../audit.ts';
import type { Executor } from '../db/database.ts';
import { kindOf } from '../db/dialect.ts';

/** What an attacker with database rights does first: lift the append-only guard. */
async function liftAppendOnlyGuard(db: Executor): Promise<void> {
  if (kindOf(db) === 'postgres') {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
  } else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
  }
}

describe('the keyed audit chain', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ seed: false, modules: [] });
    for (let i = 0; i < 6; i++)
      await audit(env.system, { action: 'test.event', entityType: 'probe', entityId: `e${i}` });
  });
  after(() => env.close());

  it('finding 10: a record rewritten with a recomputed plain SHA-256 link is detected (the chain is keyed)', async () => {
    const { db } = env.runtime.deps;
    assert.equal((await verifyAuditChain(env.runtime.deps)).ok, true);
    await liftAppendOnlyGuard(db);
    const row = await db.selectFrom('audit_log').selectAll().where('seq', '=', 6).executeTakeFirstOrThrow();
    const forged = { ...row, seq: 6, details: '{"forged":true}' };
    // Without the audit key the best an attacker can do is the unkeyed link the chain used to have.
    const hash = hashRecord(env.runtime.deps.keyring, null, row.prev_hash, forged) as string;
    await db.updateTable('audit_log').set({ details: forged.details, hash }).where('seq', '=', 6).execute();
    const result = await verifyAuditChain(env.runtime.deps);
    assert.equal(result.ok, false);
    assert.equal(result.firstBroken, 6);
  });
});

describe('the audit head checkpoint', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ seed: false, modules: [] });
    for (let i = 0; i < 6; i++)
      await audit(env.system, { action: 'test.event', entityType: 'probe', entityId: `e${i}` });
  });
  after(() => env.close());

  it('finding 10: deleting the newest audit rows is detected by audit verify', async () => {
    const { db } = env.runtime.deps;
    const total = Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );
    assert.equal((await verifyAuditChain(env.runtime.deps)).ok, true);
    await liftAppendOnlyGuard(db);
    await db
      .deleteFrom('audit_log')
      .where('seq', '>', total - 2)
      .execute();
    const cut = await verifyAuditChain(env.runtime.deps);
    assert.equal(cut.ok, false);
    assert.equal(cut.firstBroken, total - 1);
    assert.match(cut.problem ?? '', /missing/);

    // Nor can the head be moved back to match: it is signed with the audit key.
    await db
      .updateTable('audit_head')
      .set({ seq: total - 2 })
      .execute();
    const moved = await verifyAuditChain(env.runtime.deps);
    assert.equal(moved.ok, false);
    assert.match(moved.problem ?? '', /not genuine/);
  });
});

describe('an audit chain written before it was keyed', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ seed: false, modules: [] });
  });
  after(() => env.close());

  it('finding 10: an existing unkeyed chain is sealed at start-up, verifies, and keyed records continue it', async () => {
    const { db, keyring } = env.runtime.deps;
    // Rows as the previous version wrote them: plain SHA-256 links, no key id, no head.
    let prev = '0'.repeat(64);
    const start = Number(
      (await db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').executeTakeFirst())?.seq ?? 0,
    );
    assert.equal(start, 0);
    for (let seq = 1; seq <= 3; seq++) {
      const record = {
        seq,
        id: `legacy${seq}`,
        at: `2026-10-0${seq}T00:00:00.000Z`,
        actor_id: null,
        actor_role: 'system',
        action: 'legacy.event',
        entity_type: 'probe',
        entity_id: null,
        customer_id: null,
        contact_id: null,
        ip: null,
        reason: null,
        details: '{}',
      };
      const hash = hashRecord(keyring, null, prev, record) as string;
      await db
        .insertInto('audit_log')
        .values({ ...record, prev_hash: prev, hash, mac_kid: null })
        .execute();
      prev = hash;
    }
    assert.equal((await verifyAuditChain(env.runtime.deps)).ok, false, 'no head yet');
    await sealLegacyAuditChain(db, keyring);
    assert.deepEqual(await verifyAuditChain(env.runtime.deps), { ok: true, checked: 3 });
    await audit(env.system, { action: 'test.after_upgrade', entityType: 'probe' });
    assert.deepEqual(await verifyAuditChain(env.runtime.deps), { ok: true, checked: 4 });

    // Once records are keyed, a lost head is a finding, never re-sealed.
    await db.deleteFrom('audit_head').execute();
    await sealLegacyAuditChain(db, keyring);
    assert.equal((await verifyAuditChain(env.runtime.deps)).ok, false);
  });
});

describe('what an audit record says about the caller', () => {
  let env: TestEnv;
  before(async () => {
    env = await contactsTestEnv();
  });
  after(() => env.close());

  const newest = (action: string) =>
    env.runtime.deps.db
      .selectFrom('audit_log')
      .select(['contact_id', 'reason'])
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();

  it('finding 10: a written reason is stored with phone, ID and card numbers masked', async () => {
    const customer = await createCustomer(env.system);
    const reason = `客户${customer.phone}来电,身份证${customer.idNumber},卡号6222 6002 6000 1072 444`;
    await call(env, 'supervisor', 'GET', `/api/probe/customers/${customer.id}/customer.profile`, undefined, 200, {
      'x-access-reason': encodeURIComponent(`customer_callback: ${reason}`),
    });
    const stored = (await newest('customer.access_override')).reason ?? '';
    assert.ok(stored.startsWith('customer_callback: 客户'), stored);
    for (const secret of [customer.phone, customer.idNumber, '6222600260001072444', '6002 6000']) {
      assert.ok(!stored.includes(secret), `${secret} in ${stored}`);
    }
    assert.ok(stored.includes(customer.phone.slice(-4)) && stored.includes('2444'));
  });

  it('finding 10: the audit record names a contact only when that contact granted the access', async () => {
    const customer = await createCustomer(env.system);
    const opened = await call<{ contact: { id: string } }>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
      201,
    );
    // A supervisor names the agent's contact, which did not grant them anything: the access is an override.
    await call(env, 'supervisor', 'GET', `/api/customers/${customer.id}`, undefined, 200, {
      'x-contact-id': opened.contact.id,
      'x-access-reason': encodeURIComponent('quality_review: 质检抽查本次通话记录'),
    });
    const viewed = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select(['action', 'contact_id'])
      .where('customer_id', '=', customer.id)
      .where('actor_role', '=', 'supervisor')
      .execute();
    assert.ok(viewed.length >= 2, JSON.stringify(viewed));
    assert.deepEqual(
      viewed.filter((r) => r.contact_id !== null),
      [],
      'no record claims the contact',
    );
  });
});
