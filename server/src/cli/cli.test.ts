import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { openDb } from '../platform/db/dialect.ts';
import { generateKeySpec } from '../platform/pii/keyring.ts';
import { runCli } from './main.ts';

/** Runs the CLI in-process against the test database, capturing what it prints. */
async function carddesk(...argv: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const code = await runCli(argv, { out: (s) => chunks.push(s), err: () => {} });
  return { code, out: chunks.join('') };
}

describe('carddesk command line', () => {
  let db: TestDatabase;
  const saved = { ...process.env };
  before(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.CARDDESK_MASTER_KEY = generateKeySpec('c1');
    process.env.CARDDESK_DEMO = '0';
  });
  after(async () => {
    process.env = saved;
    await db.drop();
  });

  it('migrates, creates a user and verifies the audit chain', async () => {
    assert.equal((await carddesk('migrate')).code, 0);
    process.env.CARDDESK_NEW_USER_PASSWORD = 'Str0ng-enough-pass';
    const created = await carddesk(
      'user',
      'create',
      '--username',
      'li.na',
      '--role',
      'agent',
      '--display-name',
      '李娜',
    );
    assert.equal(created.code, 0);
    assert.match(created.out, /created li\.na \(agent\)/);
    const verified = await carddesk('audit', 'verify');
    assert.equal(verified.code, 0);
    assert.match(verified.out, /audit chain intact: \d+ records/);
  });

  it('issues the payment system its own key, shown once and stored only as a hash', async () => {
    const res = await carddesk('payment-key', 'create', '--name', 'unionpay-gateway');
    assert.equal(res.code, 0);
    const secret = /\n(cdk_\S+)\n$/.exec(res.out)?.[1];
    assert.ok(secret, res.out);
    const opened = await openDb(db.url);
    const rows = await sql<{ kind: string; name: string; secret_hash: string }>`
      select kind, name, secret_hash from system_credentials`.execute(opened.db);
    await opened.close();
    assert.deepEqual(
      rows.rows.map((r) => [r.kind, r.name]),
      [['payment_system', 'unionpay-gateway']],
    );
    assert.ok(!rows.rows.some((r) => r.secret_hash.includes(secret)), 'the key itself is not stored');
  });

  it('refuses a weak password for a new user', async () => {
    process.env.CARDDESK_NEW_USER_PASSWORD = 'short';
    const res = await carddesk('user', 'create', '--username', 'weak.one', '--role', 'qa');
    assert.equal(res.code, 1);
  });

  it('finding 10: deleting the newest audit rows is detected by audit verify', async () => {
    const opened = await openDb(db.url);
    const newest = await opened.db
      .selectFrom('audit_log')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    if (opened.kind === 'postgres') {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(opened.db);
    } else {
      await sql`drop trigger audit_log_no_delete`.execute(opened.db);
    }
    await opened.db.deleteFrom('audit_log').where('seq', '=', newest.seq).execute();
    await opened.close();
    const res = await carddesk('audit', 'verify');
    assert.equal(res.code, 2);
    assert.match(res.out, new RegExp(`BROKEN at record ${Number(newest.seq)}: .*missing`));
  });

  it('exits non-zero and names the record when the audit chain was tampered with', async () => {
    const opened = await openDb(db.url);
    if (opened.kind === 'postgres') {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(opened.db);
    } else {
      await sql`drop trigger audit_log_no_update`.execute(opened.db);
    }
    await sql`update audit_log set reason = 'forged' where seq = 2`.execute(opened.db);
    await opened.close();
    const res = await carddesk('audit', 'verify');
    assert.equal(res.code, 2);
    assert.match(res.out, /BROKEN at record 2/);
  });

  it('prints a fresh master key', async () => {
    const res = await carddesk('keys', 'new');
    assert.equal(res.code, 0);
    assert.match(res.out.trim(), /^k1:[A-Za-z0-9+/]{43}=$/);
  });
});
