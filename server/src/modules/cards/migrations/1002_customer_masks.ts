import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

/**
 * The masked forms staff see (张*, 138****1234, 1101**********1234, 北京市朝阳区****), kept beside the
 * encrypted values so showing a customer decrypts nothing. Nullable: rows written before this migration are
 * filled by the cards.customer_masks job, and readers fall back to decrypt-and-mask until then.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('customers').addColumn('name_masked', 'text').execute();
  await db.schema.alterTable('customers').addColumn('phone_masked', 'text').execute();
  await db.schema.alterTable('customers').addColumn('id_number_masked', 'text').execute();
  await db.schema.alterTable('customers').addColumn('address_masked', 'text').execute();
}
