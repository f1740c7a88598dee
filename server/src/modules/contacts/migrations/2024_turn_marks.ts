import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * What a turn held as written that masking took out before it was stored (`contacts.turn_storing`
 * listeners say it): a JSON array such as `["card"]` when an agent wrote or read out a full card number.
 * The text stays masked; only the fact is kept, for the quality inspection after the close.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('contact_turns').addColumn('marks', 'text').execute();
}
