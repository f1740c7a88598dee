import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

/**
 * What other modules did inside a contact (cases opened from it, emergency blocks), for the hand-over
 * packet and the closing outcome; and the type those actions raised the contact to, which a later
 * reclassification cannot lower.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('raised_type', 'text').execute();
  await db.schema
    .createTable('contact_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addUniqueConstraint('contact_links_ref', ['contact_id', 'kind', 'ref_id'])
    .execute();
  // Queues are read waiting-first by status and queue; the emergency order is a sort within that.
  await db.schema
    .createIndex('contacts_waiting_type')
    .on('contacts')
    .columns(['status', 'queue_code', 'type'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
