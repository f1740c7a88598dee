import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * The chat assistant's own state per chat contact: what it waits for (a confirmation, a choice between two
 * FAQs, an offer of a person), how many answers the customer rejected, and what it learnt and did so far
 * (the hand-over summary is built from it).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('bot_conversations')
    .addColumn('contact_id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('pending', 'text')
    .addColumn('rejections', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('memory', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bot_conversations_customer').on('bot_conversations').column('customer_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
