import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

/** The card servicing engine: products, customers, accounts, cards, ledger, statements and operations. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('bin', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('product_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('product_versions_version', ['product_id', 'version'])
    .execute();
  await db.schema
    .createIndex('product_versions_effective')
    .on('product_versions')
    .columns(['product_id', 'effective_from'])
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('name_bidx', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_bidx', 'text', (c) => c.notNull().unique())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_bidx', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('address_enc', 'text', (c) => c.notNull())
    .addColumn('email_enc', 'text')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('preferences', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_phone').on('customers').column('phone_bidx').execute();
  await db.schema.createIndex('customers_name').on('customers').column('name_bidx').execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('CNY'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('credit_limit_fen', 'bigint', (c) => c.notNull())
    .addColumn('temp_limit_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('temp_limit_from', 'text')
    .addColumn('temp_limit_until', 'text')
    .addColumn('cash_limit_fen', 'bigint', (c) => c.notNull())
    .addColumn('statement_day', 'integer', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('activated_on', 'text')
    .addColumn('last_limit_increase_on', 'text')
    .addColumn('balance_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bucket_interest_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bucket_fees_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bucket_cash_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bucket_revolving_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bucket_billed_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bucket_unbilled_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('overpayment_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('unbilled_installment_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('over_limit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue_since', 'text')
    .addColumn('min_due_unpaid_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('accrual_from', 'text', (c) => c.notNull())
    .addColumn('accrued_revolving_fen_days', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('accrued_billed_fen_days', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('accrued_unbilled_fen_days', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_interest_fen_days', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('card_year_purchases', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('card_year_spend_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('points_balance', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('next_statement_date', 'text', (c) => c.notNull())
    .addColumn('next_grace_check', 'text')
    .addColumn('next_annual_fee_date', 'text')
    .addColumn('last_statement_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_customer').on('accounts').column('customer_id').execute();
  await db.schema.createIndex('accounts_next_statement').on('accounts').column('next_statement_date').execute();
  await db.schema.createIndex('accounts_next_grace').on('accounts').column('next_grace_check').execute();
  await db.schema.createIndex('accounts_next_annual_fee').on('accounts').column('next_annual_fee_date').execute();
  await db.schema.createIndex('accounts_temp_limit').on('accounts').column('temp_limit_until').execute();

  await db.schema
    .createTable('cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('pan_enc', 'text', (c) => c.notNull())
    .addColumn('pan_bidx', 'text', (c) => c.notNull().unique())
    .addColumn('bin', 'text', (c) => c.notNull())
    .addColumn('last4', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('expiry_month', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('activated_on', 'text')
    .addColumn('replaces_card_id', 'text')
    .addColumn('replaced_by_card_id', 'text')
    .addColumn('delivery_status', 'text', (c) => c.notNull())
    .addColumn('delivery_updated_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cards_customer').on('cards').column('customer_id').execute();
  await db.schema.createIndex('cards_account').on('cards').column('account_id').execute();
  await db.schema.createIndex('cards_last4').on('cards').column('last4').execute();

  await db.schema
    .createTable('transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('card_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('txn_date', 'text', (c) => c.notNull())
    .addColumn('posting_date', 'text', (c) => c.notNull())
    .addColumn('merchant', 'text')
    .addColumn('category', 'text')
    .addColumn('mcc', 'text')
    .addColumn('city', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('allocation', 'text')
    .addColumn('statement_id', 'text')
    .addColumn('installment_plan_id', 'text')
    .addColumn('related_txn_id', 'text')
    .addColumn('points', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('suspicious', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('transactions_account_posting')
    .on('transactions')
    .columns(['account_id', 'posting_date'])
    .execute();
  await db.schema
    .createIndex('transactions_reference')
    .on('transactions')
    .columns(['account_id', 'reference'])
    .unique()
    .execute();

  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('statement_date', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('grace_until', 'text', (c) => c.notNull())
    .addColumn('previous_balance_fen', 'bigint', (c) => c.notNull())
    .addColumn('purchases_fen', 'bigint', (c) => c.notNull())
    .addColumn('cash_fen', 'bigint', (c) => c.notNull())
    .addColumn('fees_fen', 'bigint', (c) => c.notNull())
    .addColumn('interest_fen', 'bigint', (c) => c.notNull())
    .addColumn('installments_fen', 'bigint', (c) => c.notNull())
    .addColumn('credits_fen', 'bigint', (c) => c.notNull())
    .addColumn('new_balance_fen', 'bigint', (c) => c.notNull())
    .addColumn('minimum_payment_fen', 'bigint', (c) => c.notNull())
    .addColumn('paid_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('billed_fen_days', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('billed_purchases_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('points_earned', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('statements_account_date', ['account_id', 'statement_date'])
    .execute();

  await db.schema
    .createTable('installment_quotes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('principal_fen', 'bigint', (c) => c.notNull())
    .addColumn('periods', 'integer', (c) => c.notNull())
    .addColumn('fee_rate_per_period', 'text', (c) => c.notNull())
    .addColumn('disclosure', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('installment_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('quote_id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('principal_fen', 'bigint', (c) => c.notNull())
    .addColumn('periods', 'integer', (c) => c.notNull())
    .addColumn('fee_rate_per_period', 'text', (c) => c.notNull())
    .addColumn('apr_percent', 'text', (c) => c.notNull())
    .addColumn('ear_percent', 'text', (c) => c.notNull())
    .addColumn('periods_billed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('principal_billed_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('fees_billed_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('installment_plans_account').on('installment_plans').column('account_id').execute();

  await db.schema
    .createTable('limit_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('old_limit_fen', 'bigint', (c) => c.notNull())
    .addColumn('new_limit_fen', 'bigint', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('limit_changes_account')
    .on('limit_changes')
    .columns(['account_id', 'created_at'])
    .execute();
  await db.schema.createIndex('limit_changes_status').on('limit_changes').column('status').execute();

  await db.schema
    .createTable('reward_items')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('points_redemptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addColumn('transaction_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('points_redemptions_account').on('points_redemptions').column('account_id').execute();

  await db.schema
    .createTable('card_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_bidx', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_bidx', 'text', (c) => c.notNull())
    .addColumn('address_enc', 'text', (c) => c.notNull())
    .addColumn('annual_income_fen', 'bigint', (c) => c.notNull())
    .addColumn('requested_limit_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('granted_limit_fen', 'bigint')
    .addColumn('card_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('card_applications_id_number').on('card_applications').column('id_number_bidx').execute();
  await db.schema.createIndex('card_applications_phone').on('card_applications').column('phone_bidx').execute();
  await db.schema.createIndex('card_applications_customer').on('card_applications').column('customer_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
