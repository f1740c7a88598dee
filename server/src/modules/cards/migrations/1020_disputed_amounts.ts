import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

/**
 * Amounts the customer marked as not theirs (SPC Interpretation 2021 No. 10, Art. 7): set aside from the
 * interest-bearing buckets until the fraud case is decided. The account keeps their total and the part
 * taken off the last statement since it closed; each disputed transaction records where its amount came
 * from, so it goes back there if the bank wins, or is written off if the customer does.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('disputed_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('disputed_since_close_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('disputed_fen_days', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('ledger_disputes')
    .addColumn('transaction_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('taken', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('disputed_on', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_disputes_account')
    .on('ledger_disputes')
    .columns(['account_id', 'status'])
    .execute();
}
