import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

/**
 * A call without verification stops the card only temporarily (临时挂失: frozen); the formal loss report
 * (permanent block and replacement) follows once the caller is verified. Its instant is kept on the report.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('emergency_reports').addColumn('formal_reported_at', 'text').execute();
}
