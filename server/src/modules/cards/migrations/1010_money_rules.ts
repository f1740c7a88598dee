import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * Records the money rules of issue 17 need:
 *  - installment_consents: the quote the customer was shown, its hash, the contact, the agent and the
 *    customer's yes, kept with the plan it created (《2022通知》: separate, informed consent);
 *  - payouts: money the bank sends out of a card account (cash installments, credit-balance refunds), only
 *    to the holder's own settlement account, whose number is kept encrypted;
 *  - holder_notices: a message record per holder (terms raised with ≥ 45 days' notice, …);
 *  - annual_fee_adjustments: annual-fee waivers and refunds, with four-eyes approval above a set amount.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('installment_quotes').addColumn('quote_hash', 'text').execute();

  await db.schema
    .createTable('installment_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quote_id', 'text', (c) => c.notNull().unique())
    .addColumn('plan_id', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('quote_hash', 'text', (c) => c.notNull())
    /** JSON of what was shown: the notice in the order it was read and the disclosure figures. */
    .addColumn('quote_shown', 'text', (c) => c.notNull())
    /** The customer's answer as recorded: 'yes'. */
    .addColumn('customer_answer', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('payouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    /** cash_installment | credit_refund */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('payee_account_enc', 'text', (c) => c.notNull())
    .addColumn('payee_account_masked', 'text', (c) => c.notNull())
    .addColumn('installment_plan_id', 'text')
    .addColumn('transaction_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payouts_account').on('payouts').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('holder_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    /** terms_change */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('product_version', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('holder_notices_once', ['account_id', 'product_id', 'product_version', 'kind'])
    .execute();
  await db.schema.createIndex('holder_notices_customer').on('holder_notices').column('customer_id').execute();

  await db.schema
    .createTable('annual_fee_adjustments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    /** The annual-fee posting waived or refunded (one adjustment per fee). */
    .addColumn('fee_transaction_id', 'text', (c) => c.notNull().unique())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    /** pending_approval | applied | rejected */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('transaction_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
