import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('emergency_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('card_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('protection_hours', 'integer', (c) => c.notNull())
    .addColumn('replacement_card_id', 'text')
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('checklist_message_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('emergency_reports_customer')
    .on('emergency_reports')
    .columns(['customer_id', 'reported_at'])
    .execute();

  await db.schema
    .createTable('fraud_case_transactions')
    .addColumn('transaction_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('report_id', 'text', (c) => c.references('emergency_reports.id'))
    .addColumn('card_id', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('merchant', 'text', (c) => c.notNull())
    .addColumn('transacted_at', 'text', (c) => c.notNull())
    .addColumn('posted_date', 'text')
    .addColumn('statement_date', 'text')
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('protected', 'integer', (c) => c.notNull())
    .addColumn('chargeback_deadline', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fraud_case_transactions_case').on('fraud_case_transactions').column('case_id').execute();

  await db.schema
    .createTable('chargeback_rules')
    .addColumn('network', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('retrieval_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('lost_card_protection')
    .addColumn('product_code', 'text', (c) => c.primaryKey())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('max_cover_fen', 'bigint')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
