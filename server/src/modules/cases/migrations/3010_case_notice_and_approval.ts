import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

/**
 * The complaint clock runs until the customer is told (CBIRC Order 2020 No. 3, 作出处理决定并告知): the day
 * the customer received the result starts the 30-day review window. The extension's approver and their
 * position are kept on the case. A "repayment not credited" case (还款未入账) carries the customer's
 * transfer reference.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('cases').addColumn('result_received_on', 'text').execute();
  await db.schema.alterTable('cases').addColumn('extension_approved_by', 'text').execute();
  await db.schema.alterTable('cases').addColumn('extension_approver_position', 'text').execute();
  await db.schema.alterTable('cases').addColumn('extension_approved_at', 'text').execute();
  await db.schema.alterTable('cases').addColumn('transfer_reference', 'text').execute();
}
