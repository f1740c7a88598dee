import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('chat_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('chat_sessions_contact').on('chat_sessions').column('contact_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
