import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * The customer's own answer to "问题是否解决" when ending a chat (1 yes, 0 no, null not answered): beside
 * the star rating, it is what first-contact resolution is checked against, never the agent's word.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('customer_resolved', 'integer').execute();
}
