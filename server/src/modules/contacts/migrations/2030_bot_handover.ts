import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * The chat assistant (issue 20) on the contact: a turn's source (the FAQ or operation a bot answer comes
 * from), whether the assistant serves the chat or handed it over, its hand-over summary, and a priority
 * that orders a queue after emergencies (customers flagged vulnerable or aged 65 and over).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('contact_turns').addColumn('source', 'text').execute();
  await db.schema.alterTable('contacts').addColumn('bot_state', 'text').execute();
  await db.schema.alterTable('contacts').addColumn('bot_summary', 'text').execute();
  await db.schema
    .alterTable('contacts')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
