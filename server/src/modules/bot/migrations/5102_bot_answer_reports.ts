import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/** The customers' reports of wrong answers (a thumbs-down on an answer of the assistant), once per answer. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('bot_answer_reports')
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bot_answer_reports_pk', ['contact_id', 'seq'])
    .execute();
  await db.schema.createIndex('bot_answer_reports_at').on('bot_answer_reports').column('reported_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
