import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/** FAQ suggestions shown to agents and what the agent did with each (learning from the desk). */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('kb_suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('faq_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('chosen_faq_id', 'text')
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('kb_suggestions_created').on('kb_suggestions').columns(['created_at', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
