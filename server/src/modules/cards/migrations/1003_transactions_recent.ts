import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * Recent transactions (the 360 view, the transaction query) are read newest first by posting date, then
 * id. With the id in the index the database walks it backwards and stops after the first rows, instead of
 * sorting every posting of the account's last posting day; range scans by posting date use it as before.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('transactions_account_posting').execute();
  await db.schema
    .createIndex('transactions_account_posting')
    .on('transactions')
    .columns(['account_id', 'posting_date', 'id'])
    .execute();
}
