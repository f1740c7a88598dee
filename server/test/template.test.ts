import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, TEST_DEMO, type TestEnv } from './context.ts';
import { TEMPLATE_DIR } from './template.ts';

/** Row counts of every table, and what identifies the demo's people, decrypted with the env's own keyring. */
async function contents(env: TestEnv) {
  const db = env.runtime.deps.db;
  const counts: Record<string, number> = {};
  for (const table of await db.introspection.getTables()) {
    const row = await db
      .selectFrom(table.name as 'users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table.name] = Number(row.n);
  }
  const users = await db.selectFrom('users').select(['username', 'role', 'display_name']).orderBy('username').execute();
  const customers = await db.selectFrom('customers').select('name_enc').execute();
  const names = customers.map((c) => env.runtime.deps.keyring.decrypt(c.name_enc, 'customers.name')).sort();
  return { counts, users, names };
}

describe('test template database', { skip: !TEMPLATE_DIR && 'templates exist only under scripts/test.mjs' }, () => {
  let copied: TestEnv;
  let fresh: TestEnv;
  before(async () => {
    copied = await createTestEnv();
    // Seed options given explicitly take the path that seeds its own database.
    fresh = await createTestEnv({ seed: { ...TEST_DEMO } });
  });
  after(async () => {
    await copied?.close();
    await fresh?.close();
  });

  it('gives a copy holding the same demo data as a freshly seeded database, readable with its keyring', async () => {
    const [a, b] = [await contents(copied), await contents(fresh)];
    assert.ok(a.names.length > 0, 'the demo has customers');
    assert.deepEqual(a, b);
  });

  it('signs the demo users in with the demo password on the copy', async () => {
    const res = await copied.request({ method: 'GET', url: '/api/auth/me', as: 'supervisor' });
    assert.equal(res.statusCode, 200);
  });

  it('gives each environment its own copy: a change in one is not seen by the next', async () => {
    await copied.runtime.deps.db.updateTable('users').set({ display_name: 'changed' }).execute();
    const next = await createTestEnv();
    try {
      const users = await next.runtime.deps.db.selectFrom('users').select('display_name').execute();
      assert.ok(users.every((u) => u.display_name !== 'changed'));
    } finally {
      await next.close();
    }
  });
});
