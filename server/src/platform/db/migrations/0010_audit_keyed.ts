import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * The audit chain becomes keyed (HMAC-SHA256 under an audit key from the keyring): each record names the key
 * id that sealed it (`mac_kid`; null on records written before, which keep their plain SHA-256 link), and
 * `audit_head` holds the signed checkpoint of the newest record, written in the same transaction as the
 * records, so cutting rows off the end of the chain no longer goes unnoticed.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('mac_kid', 'text').execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('mac_kid', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
