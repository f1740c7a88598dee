import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/** A customer's past contacts are listed newest first by start time, then id: the index carries both. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('contacts_customer').execute();
  await db.schema
    .createIndex('contacts_customer')
    .on('contacts')
    .columns(['customer_id', 'started_at', 'id'])
    .execute();
}
