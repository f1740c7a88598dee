import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * Where a phone contact's caller number came from: `telephony` when the telephony integration delivered
 * the call (its screen pop), `agent` when an agent typed it. Only the first verifies anything; contacts
 * from before this column (null) count as typed.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('caller_number_source', 'text').execute();
}
